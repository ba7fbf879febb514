import { indexToPatient, type Grid } from '../volume/grid';
import type { NaturalDataset } from '../dicom/writeInstance';
import type { CaseDefinition } from './cases';
import type { PhaseSpec } from './enhancement';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

/** Everything shared by the slices of one series. */
export interface SeriesContext {
  def: CaseDefinition;
  grid: Grid;
  spec: PhaseSpec;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  seriesNumber: number;
  studyDate: string;
  studyTime: string;
  /** Acquisition time of this series (DICOM TM). */
  seriesTime: string;
  /** Injection start (DICOM TM). */
  contrastStartTime: string;
  /** Study-level identity when not the case's main study (a follow-up visit). */
  study?: { description: string; id: string; accessionNumber: string };
}

/**
 * The header of one slice as a CT or MR scanner writes it: patient, study,
 * series, frame of reference, equipment, acquisition, image plane, pixel,
 * contrast/bolus and VOI LUT modules. `pixels` are stored values.
 */
export function imageDataset(
  ctx: SeriesContext,
  k: number,
  sopInstanceUid: string,
  pixels: Int16Array | Uint16Array,
): NaturalDataset {
  const { def, grid, spec } = ctx;
  const ct = def.modality === 'CT';
  const position = indexToPatient(grid, 0, 0, k).map(dsValue);
  const instanceNumber = grid.dims[2] - k; // scanners number head to feet
  const enhanced = spec.delaySeconds !== null;
  const contrast: NaturalDataset = enhanced
    ? ct
      ? {
          ContrastBolusAgent: 'Iohexol 350 mgI/mL',
          ContrastBolusRoute: 'IV',
          ContrastBolusVolume: 100,
          ContrastBolusStartTime: ctx.contrastStartTime,
          ContrastFlowRate: 4,
          ContrastFlowDuration: 25,
          ContrastBolusIngredient: 'IODINE',
          ContrastBolusIngredientConcentration: 350,
        }
      : {
          ContrastBolusAgent: 'Gadoxetate disodium 0.25 mmol/mL',
          ContrastBolusRoute: 'IV',
          ContrastBolusVolume: 6,
          ContrastBolusStartTime: ctx.contrastStartTime,
          ContrastFlowRate: 1,
          ContrastFlowDuration: 6,
          ContrastBolusIngredient: 'GADOLINIUM',
        }
    : {};
  const common: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    ImageType: ['ORIGINAL', 'PRIMARY', ct ? 'AXIAL' : 'OTHER'],
    SOPClassUID: ct ? CT_IMAGE_STORAGE : MR_IMAGE_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    StudyDate: ctx.studyDate,
    SeriesDate: ctx.studyDate,
    AcquisitionDate: ctx.studyDate,
    ContentDate: ctx.studyDate,
    StudyTime: ctx.studyTime,
    SeriesTime: ctx.seriesTime,
    AcquisitionTime: ctx.seriesTime,
    ContentTime: ctx.seriesTime,
    AccessionNumber: ctx.study?.accessionNumber ?? `ACC${def.patient.id.replace(/\D/g, '')}`,
    Modality: def.modality,
    Manufacturer: 'LiverPlan Synthetic',
    InstitutionName: 'LiverPlan Sample Hospital',
    ReferringPhysicianName: 'REFERRER^SAMPLE',
    StationName: ct ? 'SYNTH-CT1' : 'SYNTH-MR1',
    StudyDescription: ctx.study?.description ?? (ct ? 'CT LIVER MULTIPHASE' : 'MR LIVER GADOXETATE'),
    SeriesDescription: spec.seriesDescription,
    ManufacturerModelName: ct ? 'Synthetic CT 128' : 'Synthetic MR 1.5T',
    PatientName: def.patient.name,
    PatientID: def.patient.id,
    PatientBirthDate: def.patient.birthDate,
    PatientSex: def.patient.sex,
    PatientAge: def.patient.age,
    PatientSize: def.patient.heightM,
    PatientWeight: def.patient.weightKg,
    BodyPartExamined: 'ABDOMEN',
    DeviceSerialNumber: 'LP-0001',
    SoftwareVersions: 'LiverPlan sample generator 1',
    PatientPosition: 'HFS',
    StudyInstanceUID: ctx.studyInstanceUid,
    SeriesInstanceUID: ctx.seriesInstanceUid,
    StudyID: ctx.study?.id ?? def.patient.id.replace(/\D/g, ''),
    SeriesNumber: ctx.seriesNumber,
    AcquisitionNumber: 1,
    InstanceNumber: instanceNumber,
    ImagePositionPatient: position,
    ImageOrientationPatient: grid.direction.slice(0, 6).map(dsValue),
    FrameOfReferenceUID: ctx.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    SliceLocation: dsValue(position[2]!),
    SliceThickness: dsValue(grid.spacing[2]),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: grid.dims[1],
    Columns: grid.dims[0],
    // PixelSpacing is (between rows, between columns) = (spacing[1], spacing[0]).
    PixelSpacing: [dsValue(grid.spacing[1]), dsValue(grid.spacing[0])],
    ...contrast,
  };
  const modalitySpecific: NaturalDataset = ct
    ? {
        KVP: 120,
        DataCollectionDiameter: 500,
        ReconstructionDiameter: dsValue(grid.dims[0] * grid.spacing[0]),
        GantryDetectorTilt: 0,
        TableHeight: 160,
        RotationDirection: 'CW',
        ExposureTime: 500,
        XRayTubeCurrent: 250,
        Exposure: 125,
        FilterType: 'BODY',
        ConvolutionKernel: 'B30f',
        PatientOrientation: ['L', 'P'],
        BitsAllocated: 16,
        BitsStored: 16,
        HighBit: 15,
        PixelRepresentation: 1,
        RescaleIntercept: -1024,
        RescaleSlope: 1,
        RescaleType: 'HU',
        WindowCenter: [50, 60],
        WindowWidth: [400, 160],
        WindowCenterWidthExplanation: ['ABDOMEN', 'LIVER'],
      }
    : {
        ...mrSequence(spec.label),
        MRAcquisitionType: spec.label === 't2' ? '2D' : '3D',
        SpacingBetweenSlices: dsValue(grid.spacing[2]),
        MagneticFieldStrength: 1.5,
        ImagingFrequency: 63.87,
        ImagedNucleus: '1H',
        NumberOfAverages: 1,
        PixelBandwidth: 400,
        PatientOrientation: ['L', 'P'],
        BitsAllocated: 16,
        BitsStored: 12,
        HighBit: 11,
        PixelRepresentation: 0,
        WindowCenter: Math.round(spec.signal.liver),
        WindowWidth: Math.round(spec.signal.liver * 2.4),
      };
  return {
    ...common,
    ...modalitySpecific,
    PixelData: [pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + pixels.byteLength)],
    _vrMap: { PixelData: 'OW' },
  };
}

function mrSequence(label: string): NaturalDataset {
  if (label === 't2') {
    return {
      ScanningSequence: 'SE',
      SequenceVariant: ['SK', 'SP'],
      ScanOptions: 'FS',
      SequenceName: '*tse2d1_23',
      RepetitionTime: 4500,
      EchoTime: 85,
      EchoTrainLength: 23,
      FlipAngle: 150,
    };
  }
  return {
    ScanningSequence: 'GR',
    SequenceVariant: ['SP', 'SS'],
    ScanOptions: 'FS',
    SequenceName: '*fl3d1',
    RepetitionTime: 3.9,
    EchoTime: 1.9,
    EchoTrainLength: 1,
    FlipAngle: label === 't1_hepatobiliary' ? 25 : 10,
  };
}

/** Number short enough for DS (16 characters). */
export function dsValue(value: number): number {
  return Number(value.toPrecision(10));
}

/** DICOM TM (HHMMSS) plus whole seconds, wrapping at midnight. */
export function addSeconds(tm: string, seconds: number): string {
  const total = Number(tm.slice(0, 2)) * 3600 + Number(tm.slice(2, 4)) * 60 + Number(tm.slice(4, 6)) + seconds;
  const h = Math.floor(total / 3600) % 24;
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((v) => String(v).padStart(2, '0')).join('');
}
