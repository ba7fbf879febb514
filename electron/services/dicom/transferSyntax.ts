/** Transfer syntaxes LiverPlan decodes on Node, grouped by the codec that handles them. */
export const TS = {
  implicitLE: '1.2.840.10008.1.2',
  explicitLE: '1.2.840.10008.1.2.1',
  deflate: '1.2.840.10008.1.2.1.99',
  explicitBE: '1.2.840.10008.1.2.2',
  jpegBaseline: '1.2.840.10008.1.2.4.50',
  jpegExtended: '1.2.840.10008.1.2.4.51',
  jpegLossless: '1.2.840.10008.1.2.4.57',
  jpegLosslessSV1: '1.2.840.10008.1.2.4.70',
  jpegLsLossless: '1.2.840.10008.1.2.4.80',
  jpegLsNear: '1.2.840.10008.1.2.4.81',
  j2kLossless: '1.2.840.10008.1.2.4.90',
  j2k: '1.2.840.10008.1.2.4.91',
  htj2kLossless: '1.2.840.10008.1.2.4.201',
  htj2kLosslessRpcl: '1.2.840.10008.1.2.4.202',
  htj2k: '1.2.840.10008.1.2.4.203',
  rle: '1.2.840.10008.1.2.5',
} as const;

export type Codec = 'native' | 'jpeg8' | 'jpeg-lossless' | 'jpeg-ls' | 'j2k' | 'htj2k' | 'rle';

export function codecFor(ts: string): Codec | null {
  switch (ts) {
    case TS.implicitLE:
    case TS.explicitLE:
    case TS.deflate:
    case TS.explicitBE:
      return 'native';
    case TS.jpegBaseline:
    case TS.jpegExtended:
      return 'jpeg8';
    case TS.jpegLossless:
    case TS.jpegLosslessSV1:
      return 'jpeg-lossless';
    case TS.jpegLsLossless:
    case TS.jpegLsNear:
      return 'jpeg-ls';
    case TS.j2kLossless:
    case TS.j2k:
      return 'j2k';
    case TS.htj2kLossless:
    case TS.htj2kLosslessRpcl:
    case TS.htj2k:
      return 'htj2k';
    case TS.rle:
      return 'rle';
    default:
      return null;
  }
}
