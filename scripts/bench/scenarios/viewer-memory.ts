import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSeries } from '../../../shared/dicom/makeSeries';
import { startPreview } from '../../../tests/host/previewHost';
import { measureCommand } from '../measure';
import { targetCell, VIEWER_TARGETS } from '../target';
import type { BenchRow, BenchScenario } from '../types';

/** Pids of this node process's chromium and all its descendants. */
function browserTree(): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited while listing
    }
  }
  const tree = new Set<number>([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  tree.delete(process.pid);
  return [...tree];
}

/**
 * Memory of the browser's processes (renderer, GPU/SwiftShader, browser), MB:
 * the sum of PSS, so pages the processes share are counted once, not per process.
 */
function browserRssMb(): number {
  let kb = 0;
  for (const pid of browserTree()) {
    try {
      const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // exited
    }
  }
  return kb / 1024;
}

/**
 * Issue 5 memory figure: a three-phase 512x512x300 CT opened in the real
 * renderer (preview host, SwiftShader WebGL) until every slice is decoded,
 * sampling the summed PSS of all browser processes (peak RSS column); dcm2niix converting the
 * same three series is the reference for loading time and memory. The three guarded figures
 * (issue 17) get a row each with their target: import to all phases ready <= 4x dcm2niix's
 * time, peak browser memory <= 2x the int16 voxel bytes, first image <= 1 s. A last memory row
 * opens a small study in the first one's place (which closes it) and reports what the browser
 * still holds after a garbage collection, for "closing the case returns the memory".
 */
const scenario: BenchScenario = {
  name: 'viewer-memory',
  description: 'viewer: load 3 phases of 512x512x300 in the renderer, peak memory (dcm2niix reference)',
  async run({ workDir, quick }) {
    const n = quick ? 64 : 512;
    const slices = quick ? 30 : 300;
    const size = `3x${n}x${n}x${slices}`;
    const dicom = join(workDir, 'dicom');
    const phases = ['ARTERIAL', 'PORTAL VENOUS', 'DELAYED'];
    phases.forEach((description, p) => {
      const dir = join(dicom, `s${p}`);
      mkdirSync(dir, { recursive: true });
      const c = n / 2;
      const files = makeSeries({
        rows: n,
        columns: n,
        slices,
        pixelSpacing: [0.75, 0.75],
        sliceStep: 1,
        origin: [-c * 0.75, -c * 0.75, -slices / 2],
        description,
        seriesNumber: p + 2,
        uidRoot: '2.25.99001',
        rescaleIntercept: -1024,
        signed: false,
        value: (i, j, k) => ((i - c) ** 2 + (j - c) ** 2 < (0.4 * n) ** 2 ? 1064 + 40 * p + ((i + j + k) % 32) : 24),
      });
      for (const f of files) writeFileSync(join(dir, f.name), f.bytes);
    });

    // A one-series study opened afterwards: opening it closes the first, whose memory must come back.
    const small = join(workDir, 'small');
    mkdirSync(small, { recursive: true });
    for (const f of makeSeries({
      rows: 64,
      columns: 64,
      slices: 8,
      pixelSpacing: [1, 1],
      sliceStep: 2,
      origin: [-32, -32, 0],
      description: 'SMALL',
      seriesNumber: 9,
      uidRoot: '2.25.99002',
      rescaleIntercept: -1024,
      signed: false,
      value: (i, j) => 1000 + ((i + j) % 64),
    }))
      writeFileSync(join(small, f.name), f.bytes);

    const host = await startPreview();
    const voxelMb = (3 * n * n * slices * 2) / 2 ** 20;
    let viewer: {
      loadedS: number;
      peak: number;
      base: number;
      settled: number;
      heapMb: number;
      firstMs: number;
      afterClose: number;
    };
    try {
      const { page } = host;
      const base = browserRssMb();
      host.setPickFolder(() => dicom);
      await page.click('role=tab[name="Start"]');
      let peak = base;
      const timer = setInterval(() => (peak = Math.max(peak, browserRssMb())), 100);
      const t0 = Date.now();
      await page.click('[data-testid="open-folder"]');
      await page.getByTestId('viewer').waitFor({ timeout: 600_000 });
      await page
        .getByTestId('viewport-phase-2')
        .getByTestId('slice-position')
        .filter({ hasText: /mm/ })
        .waitFor({ timeout: 600_000 });
      await page.getByTestId('viewer-progress').waitFor({ state: 'hidden', timeout: 600_000 });
      const loadedS = (Date.now() - t0) / 1000;
      // Scroll all three once so the textures are in use, then settle.
      await page.getByTestId('viewport-phase-0').hover();
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(1500);
      clearInterval(timer);
      peak = Math.max(peak, browserRssMb());
      const settled = browserRssMb();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heapMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
      const firstMs = await page.evaluate(
        () => performance.getEntriesByName('liverplan-viewer-first-image')[0]?.duration ?? -1,
      );
      // Open the small study (which closes the three phases), collect garbage, and see what is left.
      host.setPickFolder(() => small);
      await page.click('role=tab[name="Start"]');
      await page.click('[data-testid="open-folder"]');
      await page.getByTestId('viewer').waitFor({ timeout: 120_000 });
      await page.getByTestId('viewer-progress').waitFor({ state: 'hidden', timeout: 120_000 });
      await page.waitForTimeout(2000);
      await cdp.send('HeapProfiler.collectGarbage');
      await page.waitForTimeout(1000);
      const afterClose = browserRssMb();
      viewer = { loadedS, peak, base, settled, heapMb, firstMs, afterClose };
    } finally {
      await host.close();
    }
    const out = join(workDir, 'nii');
    mkdirSync(out);
    const ref = await measureCommand('dcm2niix', ['-z', 'n', '-b', 'n', '-o', out, dicom]);
    const { loadedS, peak, base, settled, heapMb, firstMs, afterClose } = viewer;
    const subject = `LiverPlan viewer ${size}`;
    return [
      {
        scenario: 'viewer-memory',
        subject: `${subject}: import to all phases ready (preview host)`,
        seconds: loadedS,
        target: targetCell(VIEWER_TARGETS.readyPerDcm2niix, ref.code === 0 ? loadedS / ref.seconds : NaN, 1),
        note: `dcm2niix ${ref.seconds.toFixed(2)} s in the same run`,
      },
      {
        scenario: 'viewer-memory',
        subject: `${subject}: peak browser memory`,
        peakRssMb: peak,
        target: targetCell(VIEWER_TARGETS.peakMemoryPerVoxelBytes, peak / voxelMb, 1),
        note: `int16 voxels ${voxelMb.toFixed(0)} MB; browser PSS before ${base.toFixed(0)} MB (${((peak - base) / voxelMb).toFixed(1)}x above it), settled ${settled.toFixed(0)} MB; renderer JS heap ${heapMb.toFixed(0)} MB`,
      },
      {
        scenario: 'viewer-memory',
        subject: `${subject}: after opening a small study in its place`,
        peakRssMb: afterClose,
        note: `${(afterClose - base).toFixed(0)} MB above the browser before the first open (${((afterClose - base) / voxelMb).toFixed(2)}x the closed study's voxel bytes), after a garbage collection`,
      },
      {
        scenario: 'viewer-memory',
        subject: `${subject}: first image after open`,
        seconds: firstMs < 0 ? undefined : firstMs / 1000,
        target: targetCell(VIEWER_TARGETS.firstImage, firstMs < 0 ? NaN : firstMs / 1000),
      },
      {
        scenario: 'viewer-memory',
        subject: `dcm2niix ${size} (reference)`,
        seconds: ref.seconds,
        peakRssMb: ref.peakRssMb,
        note: ref.code === 0 ? '' : `exit ${ref.code}`,
      },
    ] satisfies BenchRow[];
  },
};
export default scenario;
