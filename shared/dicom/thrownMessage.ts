/**
 * A readable message for anything thrown. dicom-parser throws plain strings and
 * emscripten codecs throw bare numbers (C++ exception pointers); both must
 * reach the user as a specific reason, not "[object]" or a number.
 */
export function thrownMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e.replace(/^dicomParser\.\w+: /, '');
  if (typeof e === 'number') return `codec error ${e} (corrupt or unsupported compressed data)`;
  const ex = (e as { exception?: unknown } | null)?.exception;
  return typeof ex === 'string' ? ex : String(e);
}
