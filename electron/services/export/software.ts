import type { SoftwareInfo } from '../../../shared/dicom/softwareInfo';

/** Who made the objects we export (General / Enhanced General Equipment, SR device observer). */
export function liverplanSoftware(version: string, host: string): SoftwareInfo {
  return {
    manufacturer: 'LiverPlan project',
    modelName: 'LiverPlan',
    version,
    deviceSerialNumber: `liverplan-${host}`,
  };
}
