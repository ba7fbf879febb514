/** Who made a derived object: the Equipment module of every SEG, SR, RTSTRUCT and PDF we write, and the report's footer. */
export interface SoftwareInfo {
  manufacturer: string;
  modelName: string;
  version: string;
  deviceSerialNumber: string;
  /** Stable id of this installation as an SR device observer; a fresh UID when absent. */
  deviceObserverUid?: string;
}
