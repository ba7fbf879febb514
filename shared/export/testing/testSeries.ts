import dcmjs from 'dcmjs';
import type { NaturalDataset } from '../../dicom/writeInstance';

const uid = () => dcmjs.data.DicomMetaDictionary.uid();

/**
 * A tiny valid CT series (test fixture): nx x ny x nz, oblique-free but with
 * anisotropic spacing, so export tests have real source instances to reference.
 */
export function makeCtSeries(
  nx = 4,
  ny = 3,
  nz = 3,
  spacing: [number, number, number] = [0.8, 0.7, 2.5],
): NaturalDataset[] {
  const study = uid();
  const series = uid();
  const frame = uid();
  const out: NaturalDataset[] = [];
  for (let k = 0; k < nz; k++) {
    const pixels = new Int16Array(nx * ny).map((_, n) => (n * 7 + k * 13) % 200);
    out.push({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
      SOPInstanceUID: uid(),
      PatientName: 'TEST^EXPORT',
      PatientID: 'EXP-001',
      PatientBirthDate: '19600101',
      PatientSex: 'F',
      StudyInstanceUID: study,
      StudyDate: '20260101',
      StudyTime: '101010',
      ReferringPhysicianName: 'REF^DOC',
      StudyID: '1',
      AccessionNumber: 'ACC123',
      StudyDescription: 'CT liver',
      Modality: 'CT',
      SeriesInstanceUID: series,
      SeriesNumber: '3',
      SeriesDescription: 'Portal venous',
      FrameOfReferenceUID: frame,
      PositionReferenceIndicator: '',
      PatientPosition: 'FFS',
      Laterality: '',
      Manufacturer: 'TEST',
      InstanceNumber: String(k + 1),
      ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
      AcquisitionNumber: '1',
      ImagePositionPatient: [-10, -20, k * spacing[2]],
      ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
      PixelSpacing: [spacing[1], spacing[0]],
      SliceThickness: spacing[2],
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: ny,
      Columns: nx,
      BitsAllocated: 16,
      BitsStored: 16,
      HighBit: 15,
      PixelRepresentation: 1,
      RescaleIntercept: '0',
      RescaleSlope: '1',
      RescaleType: 'HU',
      KVP: '120',
      PixelData: [pixels.buffer],
      _vrMap: { PixelData: 'OW' },
    });
  }
  return out;
}
