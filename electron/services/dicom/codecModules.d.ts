// The @cornerstonejs/codec-* packages are emscripten builds without typings; we
// use only the decoder classes below (same calls Cornerstone's own decoders make).
interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  decodeSubResolution?(level: number): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned?: boolean };
  delete?(): void;
}
type EmscriptenCodecFactory = (opts?: object) => Promise<Record<string, new () => EmscriptenDecoder>>;
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: EmscriptenCodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: EmscriptenCodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: EmscriptenCodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: EmscriptenCodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/wasmjs' {
  const factory: EmscriptenCodecFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/wasmjs' {
  const factory: EmscriptenCodecFactory;
  export default factory;
}
