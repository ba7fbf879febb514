import { init as initCore } from '@cornerstonejs/core';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import { registerDefaultProviders } from '@cornerstonejs/metadata';
import { init as initTools } from '@cornerstonejs/tools';

let ready: Promise<void> | null = null;

/** Initialises Cornerstone3D once (core, metadata providers, DICOM loader, tools). */
export function initCornerstone(): Promise<void> {
  ready ??= (async () => {
    await initCore();
    registerDefaultProviders();
    // Two cores on the reference machine: one decode worker per spare core.
    initLoader({ maxWebWorkers: Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) });
    initTools();
  })();
  return ready;
}
