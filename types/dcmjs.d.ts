// dcmjs ships no typings; we type the few entry points we use loosely and
// keep the typed surface in our own wrappers (shared/dicom/writeInstance.ts).
declare module 'dcmjs' {
  const dcmjs: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  export default dcmjs;
  export const data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  export const derivations: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  export const normalizers: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  export const sr: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  export const utilities: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
