/** One measured figure in the bench table. */
export interface BenchRow {
  scenario: string;
  /** What was measured, e.g. "LiverPlan load 3x512x512x300" or "dcm2niix (reference)". */
  subject: string;
  seconds?: number;
  peakRssMb?: number;
  /** The target for this figure and whether this run met it, e.g. "<= 1 s: met". */
  target?: string;
  /** Free-form extra figures: accuracy, throughput, ratios. */
  note?: string;
}

/** A bench scenario: a file in scripts/bench/scenarios/ whose default export is this. */
export interface BenchScenario {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export interface BenchContext {
  /** Scratch folder, removed after the run. */
  workDir: string;
  /** Smaller inputs when --quick is given (used by the runner's own test). */
  quick: boolean;
}
