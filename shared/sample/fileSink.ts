/** Receives each file of a case: a '/'-separated path relative to the case folder, and its bytes. */
export type FileSink = (path: string, bytes: Uint8Array) => void | Promise<void>;
