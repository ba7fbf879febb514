import dcmjs from 'dcmjs';

/** UIDs of the DICOM standard itself (SOP classes, transfer syntaxes, coding schemes) are never remapped. */
const STANDARD_ROOT = '1.2.840.10008.';

/**
 * One export's UID map: the same original UID always maps to the same new
 * one, so references between the SEG, SR, PDF and images stay intact.
 */
export class UidRemap {
  private readonly map = new Map<string, string>();

  constructor(private readonly newUid: () => string = () => dcmjs.data.DicomMetaDictionary.uid()) {}

  remap(uid: string): string {
    if (!uid || uid.startsWith(STANDARD_ROOT)) return uid;
    let out = this.map.get(uid);
    if (!out) {
      out = this.newUid();
      this.map.set(uid, out);
    }
    return out;
  }

  get size(): number {
    return this.map.size;
  }

  entries(): [string, string][] {
    return [...this.map.entries()];
  }
}
