import { measureCommand, measureInProcess } from '../measure';
import type { BenchScenario } from '../types';

/**
 * Calibrates the machine: a fixed arithmetic loop in process beside the same
 * loop in a fresh node process, so later rows can be read against this box.
 */
const scenario: BenchScenario = {
  name: 'baseline',
  description: 'machine calibration (fixed 50M-step loop)',
  async run({ quick }) {
    const n = quick ? 5_000_000 : 50_000_000;
    const inProc = await measureInProcess(() => {
      let acc = 0;
      for (let i = 0; i < n; i++) acc = (acc + i * 7) % 1_000_003;
      return acc;
    });
    const ref = await measureCommand(process.execPath, ['-e', `let a=0;for(let i=0;i<${n};i++)a=(a+i*7)%1000003;`]);
    return [
      { scenario: 'baseline', subject: 'LiverPlan process loop', seconds: inProc.seconds, peakRssMb: inProc.peakRssMb },
      { scenario: 'baseline', subject: 'node -e loop (reference)', seconds: ref.seconds, peakRssMb: ref.peakRssMb },
    ];
  },
};
export default scenario;
