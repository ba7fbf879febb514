import { reportError } from '../store/appStore';
import { territoriesToMeasure, useTerritoryStore } from '../territory';
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
  setStats(useCaseStore.getState().stats, true);
  const run = runInWorker<CaseStatistics>(
    {
      op: 'stats',
      labelmap,
      phases,
      segments: segments.map(({ label, name, kind, type, uid }) => ({ label, name, kind, type, uid })),
      territories: territoriesToMeasure(useTerritoryStore.getState()),
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
