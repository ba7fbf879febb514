import { defineConfig } from '@playwright/test';

// The e2e tests start their own preview host (tests/host/previewHost.ts) per
// file; one worker because the reference machine has two cores and
// SwiftShader WebGL is CPU-bound.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
});
