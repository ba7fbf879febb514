/**
 * A new DICOM UID for a segment (2.25 + 128 random bits, ITU-T X.667): given once when the segment
 * is made and kept through renames, so a lesion is the same lesion in the plan, the report and the
 * SEG/SR tracking UID of every export.
 */
export function newSegmentUid(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return `2.25.${v.toString()}`;
}
