/** A file that is not an importable image, with the specific reason the user sees. */
export class UnreadableError extends Error {
  override readonly name = 'UnreadableError';
}

export interface UnreadableFile {
  path: string;
  reason: string;
}
