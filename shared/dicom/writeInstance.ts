import dcmjs from 'dcmjs';

/**
 * A DICOM dataset in dcmjs "naturalized" form: keyword -> value, sequences as
 * arrays of nested datasets, PixelData as [ArrayBuffer]. `_vrMap` may pin VRs
 * that dcmjs cannot infer (e.g. { PixelData: 'OW' }).
 */
export type NaturalDataset = Record<string, unknown>;

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const IMPLEMENTATION_CLASS_UID = '2.25.285521736473311637152473927346470591815';
export const IMPLEMENTATION_VERSION = 'LIVERPLAN_01';

/**
 * Serialises a naturalized dataset to DICOM Part 10 bytes with dcmjs, adding
 * the file meta group from the dataset's SOPClassUID / SOPInstanceUID.
 */
export function writeInstance(dataset: NaturalDataset, transferSyntaxUid = EXPLICIT_VR_LITTLE_ENDIAN): Uint8Array {
  const { DicomMetaDictionary, DicomDict } = dcmjs.data;
  const sopClass = dataset.SOPClassUID;
  const sopInstance = dataset.SOPInstanceUID;
  if (typeof sopClass !== 'string' || typeof sopInstance !== 'string') {
    throw new Error('writeInstance: dataset needs SOPClassUID and SOPInstanceUID');
  }
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClass,
    MediaStorageSOPInstanceUID: sopInstance,
    TransferSyntaxUID: transferSyntaxUid,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION,
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  const buffer: ArrayBuffer = dict.write({ fragmentMultiframe: false });
  return new Uint8Array(buffer);
}

/** Reads Part 10 bytes into a naturalized dataset (dcmjs). */
export function readInstance(bytes: Uint8Array): NaturalDataset {
  const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const dict = DicomMessage.readFile(ab);
  const ds = DicomMetaDictionary.naturalizeDataset(dict.dict) as NaturalDataset;
  ds._meta = DicomMetaDictionary.naturalizeDataset(dict.meta);
  return ds;
}
