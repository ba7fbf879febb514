import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import { inflateDataset } from '../../../shared/dicom/inflateDataset';

/** Where one element (or item, or fragment) sits in the file, so mutations can aim at its parts. */
export interface ElementSpot {
  tag: string;
  /** Start of the tag. */
  headerOffset: number;
  /** Explicit VR: offset of the two VR characters; null for implicit VR and items. */
  vrOffset: number | null;
  lengthOffset: number;
  lengthSize: 2 | 4;
  dataOffset: number;
  length: number;
  /** Nesting depth: 0 for the top-level dataset. */
  depth: number;
  vr: string | undefined;
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/**
 * Lists every element of a well-formed seed file with its byte offsets (using
 * dicom-parser's own offsets, recursing into sequences and encapsulated
 * fragments). Deflated bodies have no offsets in the file: only group 0002 is listed.
 */
export function mapElements(bytes: Uint8Array): ElementSpot[] {
  const ds = dicomParser.parseDicom(bytes, { inflater: inflateDataset });
  const inflated = ds.byteArray !== bytes;
  const explicitBody = ds.string('x00020010') !== '1.2.840.10008.1.2';
  const spots: ElementSpot[] = [];
  const visit = (set: DataSet, depth: number): void => {
    for (const el of Object.values(set.elements) as Element[]) {
      const meta = el.tag.startsWith('x0002');
      if (inflated && !meta) continue;
      const explicit = meta || explicitBody;
      const long = explicit && LONG_VRS.has(el.vr ?? '');
      const headerOffset = el.dataOffset - (long ? 12 : 8);
      spots.push({
        tag: el.tag,
        headerOffset,
        vrOffset: explicit ? headerOffset + 4 : null,
        lengthOffset: el.dataOffset - (explicit && !long ? 2 : 4),
        lengthSize: explicit && !long ? 2 : 4,
        dataOffset: el.dataOffset,
        length: el.hadUndefinedLength ? 0xffffffff : el.length,
        depth,
        vr: el.vr,
      });
      for (const item of el.items ?? []) {
        spots.push({
          tag: 'xfffee000',
          headerOffset: item.dataOffset - 8,
          vrOffset: null,
          lengthOffset: item.dataOffset - 4,
          lengthSize: 4,
          dataOffset: item.dataOffset,
          length: item.length,
          depth: depth + 1,
          vr: undefined,
        });
        if (item.dataSet) visit(item.dataSet, depth + 1);
      }
      for (const f of el.fragments ?? []) {
        spots.push({
          tag: 'xfffee000',
          headerOffset: f.position - 8,
          vrOffset: null,
          lengthOffset: f.position - 4,
          lengthSize: 4,
          dataOffset: f.position,
          length: f.length,
          depth: depth + 1,
          vr: undefined,
        });
      }
    }
  };
  visit(ds, 0);
  return spots.filter((s) => s.headerOffset >= 0).sort((a, b) => a.headerOffset - b.headerOffset);
}
