import type { ElementSpot } from './elementMap';
import type { Rng } from './prng';

export type MutationKind = 'flip' | 'length' | 'huge-length' | 'vr' | 'value' | 'truncate' | 'nest' | 'splice';

const VRS = ['SQ', 'OB', 'OW', 'UN', 'UT', 'US', 'SS', 'UL', 'FD', 'DS', 'IS', 'CS', 'UI', 'XX', '\0\0', 'ob'];
const US_VALUES = [0, 1, 2, 3, 7, 8, 12, 15, 16, 17, 24, 32, 33, 64, 0x7fff, 0x8000, 0xffff];
const STRING_VALUES = [
  'NaN',
  '1e308',
  '-1e308',
  '-0',
  '\\\\\\',
  '',
  '2147483647',
  '-1',
  '0',
  '9999999999',
  'abc',
  '1\\2\\3\\4\\5\\6\\7',
  '0\\0\\0\\0\\0\\0',
];
const TS_UIDS = [
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.2',
  '1.2.840.10008.1.2.5',
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.90',
  '1.2.840.10008.1.2.4.201',
  '1.2.840.10008.1.2.1.99',
  '1.2.3.4',
];
/** Elements whose values steer allocation and geometry: the interesting targets for value mutations. */
const US_TAGS = ['x00280010', 'x00280011', 'x00280100', 'x00280101', 'x00280102', 'x00280103', 'x00280002'];
const STRING_TAGS = [
  'x00280008',
  'x00200032',
  'x00200037',
  'x00280030',
  'x00280030',
  'x00281053',
  'x00281052',
  'x00080016',
];

/**
 * One fuzz case: 1-3 mutations of a seed. Position-preserving ones (flip,
 * length, vr, value) go first on offsets from the seed's element map; at most
 * one size-changing one (truncate, nest, splice) goes last.
 */
export function mutateDicom(seed: Uint8Array, spots: ElementSpot[], rng: Rng): { bytes: Uint8Array; ops: string[] } {
  let bytes: Uint8Array = seed.slice();
  const view = () => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ops: string[] = [];
  const pixel = spots.find((s) => s.tag === 'x7fe00010');
  const headerEnd = pixel ? pixel.headerOffset : bytes.length;
  const count = 1 + rng.int(3);
  const kinds: MutationKind[] = [];
  for (let n = 0; n < count; n++)
    kinds.push(rng.pick(['flip', 'length', 'huge-length', 'vr', 'value', 'flip', 'value'] as const));
  if (rng.chance(0.55)) kinds.push(rng.pick(['truncate', 'nest', 'splice', 'truncate', 'nest'] as const));

  for (const kind of kinds) {
    switch (kind) {
      case 'flip': {
        const n = 1 + rng.int(4);
        for (let k = 0; k < n; k++) {
          const at = rng.chance(0.8) ? rng.int(Math.max(1, headerEnd)) : rng.int(bytes.length);
          bytes[at] = rng.chance(0.5) ? bytes[at]! ^ (1 << rng.int(8)) : rng.int(256);
        }
        ops.push(`flip x${n}`);
        break;
      }
      case 'length':
      case 'huge-length': {
        const s = rng.pick(spots);
        const max = s.lengthSize === 2 ? 0xffff : 0xffffffff;
        const candidates =
          kind === 'huge-length'
            ? [max, max - 1, 0x7fffffff, 0x80000000, 0xfffffff0, bytes.length * 2].filter((v) => v <= max)
            : [
                0,
                1,
                s.length - 1,
                s.length + 1,
                s.length + 2,
                s.length * 2,
                bytes.length - s.dataOffset + 1 + rng.int(8),
                rng.int(max),
              ];
        const value = rng.pick(candidates) >>> 0;
        if (s.lengthSize === 2) view().setUint16(s.lengthOffset, Math.min(value, 0xffff), true);
        else view().setUint32(s.lengthOffset, value, true);
        ops.push(`${kind} ${s.tag}=${value}`);
        break;
      }
      case 'vr': {
        const s = rng.pick(spots.filter((x) => x.vrOffset !== null).concat(spots.slice(0, 1)));
        if (s.vrOffset === null) break;
        const vr = rng.pick(VRS);
        bytes[s.vrOffset] = vr.charCodeAt(0);
        bytes[s.vrOffset + 1] = vr.charCodeAt(1);
        ops.push(`vr ${s.tag} ${s.vr}->${JSON.stringify(vr)}`);
        break;
      }
      case 'value': {
        const us = spots.filter((x) => US_TAGS.includes(x.tag) && x.length === 2);
        const strs = spots.filter((x) => STRING_TAGS.includes(x.tag) || x.tag === 'x00020010');
        if (us.length && (rng.chance(0.5) || !strs.length)) {
          const s = rng.pick(us);
          const v = rng.pick(US_VALUES);
          view().setUint16(s.dataOffset, v, true);
          ops.push(`value ${s.tag}=${v}`);
        } else if (strs.length) {
          const s = rng.pick(strs);
          const text = s.tag === 'x00020010' ? rng.pick(TS_UIDS) : rng.pick(STRING_VALUES);
          // In place, padded: the element keeps its length so offsets stay valid.
          for (let k = 0; k < s.length && s.dataOffset + k < bytes.length; k++)
            bytes[s.dataOffset + k] = k < text.length ? text.charCodeAt(k) : s.tag === 'x00020010' ? 0 : 0x20;
          ops.push(`value ${s.tag}=${JSON.stringify(text.slice(0, s.length))}`);
        }
        break;
      }
      case 'truncate': {
        const s = rng.pick(spots);
        const at = rng.chance(0.5) ? Math.max(0, s.headerOffset + rng.int(12)) : rng.int(bytes.length);
        bytes = bytes.slice(0, Math.min(at, bytes.length));
        ops.push(`truncate @${at}`);
        break;
      }
      case 'nest': {
        const depth = rng.pick([2, 16, 128, 1024, 8192]);
        const terminated = rng.chance(0.7);
        const explicit = spots.some((s) => s.vrOffset !== null && !s.tag.startsWith('x0002'));
        const top = spots.filter((s) => s.depth === 0 && !s.tag.startsWith('x0002'));
        const at = top.length ? rng.pick(top).headerOffset : bytes.length;
        const nest = nestedSequence(depth, explicit, terminated);
        bytes = concat(bytes.subarray(0, at), nest, bytes.subarray(at));
        ops.push(`nest depth=${depth}${terminated ? '' : ' unterminated'} @${at}`);
        break;
      }
      case 'splice': {
        const from = rng.int(bytes.length);
        const len = 1 + rng.int(64);
        const at = rng.int(bytes.length);
        bytes = rng.chance(0.5)
          ? concat(bytes.subarray(0, at), bytes.subarray(from, from + len), bytes.subarray(at))
          : concat(bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + len)));
        ops.push(`splice ${len}@${at}`);
        break;
      }
    }
  }
  return { bytes, ops };
}

/** `depth` sequences each holding one undefined-length item holding the next (RequestAttributesSequence). */
function nestedSequence(depth: number, explicit: boolean, terminated: boolean): Uint8Array {
  const open = explicit
    ? [0x40, 0x00, 0x75, 0x02, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff]
    : [0x40, 0x00, 0x75, 0x02, 0xff, 0xff, 0xff, 0xff];
  const item = [0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff];
  const itemEnd = [0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0];
  const seqEnd = [0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0];
  const unit = open.length + item.length;
  const out = new Uint8Array(depth * unit + (terminated ? depth * 16 : 0));
  for (let d = 0; d < depth; d++) {
    out.set(open, d * unit);
    out.set(item, d * unit + open.length);
  }
  if (terminated) for (let d = 0; d < depth; d++) out.set([...itemEnd, ...seqEnd], depth * unit + d * 16);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
