import { Enums, imageLoadPoolManager, init as initCore } from '@cornerstonejs/core';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import { registerDefaultProviders } from '@cornerstonejs/metadata';
import { init as initTools } from '@cornerstonejs/tools';

let ready: Promise<void> | null = null;

/**
 * Volume slices the loader may have fetched and parsed ahead of the decode workers. Cornerstone
 * lets 1000 prefetch requests run at once: every file of all three phases was fetched and parsed
 * (pixel data copied into its naturalized instance) long before the one decode worker reached it,
 * so the parsed files of the whole study sat in memory beside the decoded slices, and the first
 * slice waited behind the parsing of hundreds of files. A few per worker keep both busy.
 */
const SLICES_IN_FLIGHT_PER_WORKER = 6;

/**
 * WebGL contexts per rendering engine. Cornerstone's context pool opens 7 per engine up front but
 * puts every volume viewport (all we use) in the first; the other six only cost context set-up
 * and GPU memory, and with several engines (viewer, territory preview, self-test) they pass
 * Chromium's limit of 16 live contexts, past which it drops the oldest one.
 */
const WEBGL_CONTEXTS_PER_ENGINE = 1;

/** Initialises Cornerstone3D once (core, metadata providers, DICOM loader, tools). */
export function initCornerstone(): Promise<void> {
  ready ??= (async () => {
    await initCore({ rendering: { webGlContextCount: WEBGL_CONTEXTS_PER_ENGINE }, debug: {} });
    registerDefaultProviders();
    // Two cores on the reference machine: one decode worker per spare core.
    const workers = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1));
    initLoader({ maxWebWorkers: workers });
    imageLoadPoolManager.setMaxSimultaneousRequests(
      Enums.RequestType.Prefetch,
      SLICES_IN_FLIGHT_PER_WORKER * workers + 2,
    );
    initTools();
  })();
  return ready;
}
