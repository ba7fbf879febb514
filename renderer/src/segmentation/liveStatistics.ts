import { intrahepaticVesselLabels } from '../../../shared/volume/wholeLiver';
import { reportError } from '../store/appStore';
import { useCaseStore } from '../store/caseStore';
import { currentSession, loadedPhases, sessionGrid } from './caseSession';
import { runInWorker, JobCancelled, type WorkerRun } from './runInWorker';
import type { CaseStatistics } from './segmentJobs';
import { scalarOfVolume } from './volumeGrid';

let running: WorkerRun<CaseStatistics> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Recomputes the statistics in a worker a moment after the last edit; an
 * edit during a run queues one more run instead of piling up workers.
 */
export function scheduleStatistics(delayMs = 250): void {
  clearTimeout(timer);
  timer = setTimeout(runNow, delayMs);
}

function runNow(): void {
  if (running) {
    again = true;
    return;
  }
  const s = currentSession();
  const grid = sessionGrid();
  if (!s || !grid) return;
  const { segments, setStats } = useCaseStore.getState();
  const labelmap = { grid, data: s.readVoxels() };
  const phases = loadedPhases().map((p) => ({ name: p.name, volume: scalarOfVolume(p.volume) }));
  const labelsOf = (kind: string) => segments.filter((x) => x.kind === kind).map((x) => x.label);
  setStats(useCaseStore.getState().stats, true);
  const run = runInWorker<CaseStatistics>(
    {
      op: 'stats',
      labelmap,
      phases,
      liverLabels: labelsOf('liver'),
      lesionLabels: labelsOf('lesion'),
      vesselLabels: intrahepaticVesselLabels(segments),
    },
    () => {},
  );
  running = run;
  run.promise
    .then(
      (stats) => useCaseStore.getState().setStats(stats, false),
      (e) => {
        useCaseStore.getState().setStats(useCaseStore.getState().stats, false);
        if (!(e instanceof JobCancelled)) reportError('Segment statistics', e);
      },
    )
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        runNow();
      }
    });
}
