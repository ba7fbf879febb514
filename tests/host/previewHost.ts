import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { HostEvent } from '../../shared/ipc/contract';
import { createDispatcher } from '../../electron/services/dispatch';
import { createHandlers } from '../../electron/services/handlers/index';
import { RENDERER_CSP } from '../../electron/services/host/csp';
import { servePath } from '../../electron/services/host/servePath';
import { packBytes, unpackBytes } from './wireBytes';

// Bytes cross the JSON-only binding as tagged base64 (see wireBytes.ts and bridge.ts).
const pack = packBytes((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64'));
const unpack = unpackBytes((t) => {
  const b = Buffer.from(t, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
});

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/**
 * The built renderer the host serves. LIVERPLAN_RENDERER_DIST points a run at a private build
 * (`npx vite build --outDir DIR`), so a rebuild of dist/ by someone else mid-run cannot pull the
 * page's worker chunks away.
 */
export const RENDERER_DIST = process.env.LIVERPLAN_RENDERER_DIST ?? join(REPO_ROOT, 'dist/renderer');

/** Chromium flags for SwiftShader WebGL2 with no network chatter (see environment.md). */
export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
  '--proxy-server=http://127.0.0.1:9',
];

export interface PreviewOptions {
  headless?: boolean;
  userDataDir?: string;
  /** What dialog:pickFolder answers (the preview has no native dialog). */
  pickFolder?: () => string | null;
  /** What dialog:pickFile and dialog:pickSavePath answer (the latter sees the dialog's options). */
  pickFile?: () => string | null;
  pickSavePath?: SavePathAnswer;
  viewport?: { width: number; height: number };
  sampleCacheDir?: string;
}

/** The save dialog's options as the app asks them (title, proposed file name, filters). */
export type SavePathAnswer = (options: { title?: string; defaultName?: string }) => string | null;

export interface PreviewHost {
  url: string;
  page: Page;
  browser: Browser;
  context: BrowserContext;
  userDataDir: string;
  /** Every request the page made, for the offline guarantee. */
  requests: string[];
  /** Console errors and page errors seen so far. */
  errors: string[];
  setPickFolder(fn: () => string | null): void;
  setPickFile(fn: () => string | null): void;
  setPickSavePath(fn: SavePathAnswer): void;
  close(): Promise<void>;
}

async function bundleBridge(): Promise<string> {
  const out = await build({
    entryPoints: [join(REPO_ROOT, 'tests/host/bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/**
 * Opens the built renderer in Debian Chromium with window.liverplan backed by
 * the real electron/services handlers through Playwright's exposeBinding:
 * real renderer, real services, only the transport differs from Electron.
 */
export async function startPreview(opts: PreviewOptions = {}): Promise<PreviewHost> {
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'liverplan-preview-'));
  mkdirSync(userDataDir, { recursive: true });
  let pickFolder = opts.pickFolder ?? (() => null);
  let pickFile = opts.pickFile ?? (() => null);
  let pickSavePath = opts.pickSavePath ?? (() => null);
  const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
  const { handlers, log, files } = createHandlers({
    userDataDir,
    resourcesDir: join(REPO_ROOT, 'resources'),
    appVersion: pkg.version,
    host: 'preview',
    pickFolder: async () => pickFolder(),
    pickFile: async () => pickFile(),
    pickSavePath: async (options) => pickSavePath(options),
    // One generated copy of each sample case serves every e2e test of a run.
    sampleCacheDir:
      opts.sampleCacheDir ?? process.env.LIVERPLAN_SAMPLE_CACHE ?? join(tmpdir(), 'liverplan-e2e-sample-cache'),
  });

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const respond = (r: { status: number; contentType: string; body: Uint8Array }) => {
      res.writeHead(r.status, {
        'Content-Type': r.contentType,
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(r.body);
    };
    servePath(url, files, RENDERER_DIST).then(respond, () =>
      respond({ status: 500, contentType: 'text/plain', body: new TextEncoder().encode('error') }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const headless = opts.headless ?? !process.env.DISPLAY;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1600, height: 1000 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  // Offline by construction: every non-loopback request goes to a dead proxy
  // (Chromium bypasses proxies for loopback), and every request is recorded
  // without intercepting it, which would slow file loading badly.
  context.on('request', (r) => {
    requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));

  let emitTarget: Page | null = page;
  const emit = (event: HostEvent) => {
    void emitTarget
      ?.evaluate(
        (e) => (window as unknown as { __liverplanEmit?: (e: unknown) => void }).__liverplanEmit?.(e),
        pack(event) as HostEvent,
      )
      .catch(() => undefined);
  };
  const dispatch = createDispatcher(handlers, emit, (e, channel) =>
    log.write({
      source: 'main',
      message: `${channel}: ${e instanceof Error ? e.message : String(e)}`,
      stack: e instanceof Error ? e.stack : undefined,
    }),
  );
  await page.exposeBinding('__liverplanInvoke', async (_source, channel: unknown, payload: unknown) =>
    pack(await dispatch(channel, unpack(payload))),
  );
  await page.addInitScript({ content: await bundleBridge() });
  await page.goto(url);

  return {
    url,
    page,
    browser,
    context,
    userDataDir,
    requests,
    errors,
    setPickFolder(fn) {
      pickFolder = fn;
    },
    setPickFile(fn) {
      pickFile = fn;
    },
    setPickSavePath(fn) {
      pickSavePath = fn;
    },
    async close() {
      emitTarget = null;
      // The offline guarantee, checked for every session any test drives: nothing left the machine.
      const offending = requests.filter((u) => !u.startsWith(url) && !u.startsWith('blob:') && !u.startsWith('data:'));
      await browser.close().catch(() => undefined);
      await new Promise<void>((r) => server.close(() => r()));
      if (offending.length) throw new Error(`The app made non-loopback requests: ${offending.slice(0, 5).join(', ')}`);
    },
  };
}
