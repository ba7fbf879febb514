import type { ReportModelInput, ReportOutcome } from './model';

/** What the case files do not hold: entered in the app or passed on the command line. */
export interface ReportExtras {
  indication?: string;
  procedure?: string;
  outcomes?: ReportOutcome[];
  y90?: ReportModelInput['y90'];
  clinical?: { label: string; value: string }[];
  /** Viewport captures (with overlays) from the app, shown after the key images chosen by content. */
  keyImages?: ReportModelInput['keyImages'];
  /** The reference series' reading window in the app (seriesWindow); else its opening window. */
  window?: { center: number; width: number };
  ruleSet?: string;
  preparedBy?: string;
  /** Teaching export: the alias that replaces the patient's identity in the report. */
  deidentifiedAs?: { name: string; id: string };
}
