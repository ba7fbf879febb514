import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../shared/ipc/contract';
import type { ServiceEnv } from '../handlerTypes';
import { listSamples, materialiseSample } from './materialiseSample';
import { samplesHandlers } from './samplesHandlers';

const root = mkdtempSync(join(tmpdir(), 'lp-samples-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const env: ServiceEnv = { userDataDir: root, resourcesDir: root, appVersion: 'test', host: 'cli' };

describe('sample case service', () => {
  it('lists the cases with the fields the start screen shows', async () => {
    const list = await samplesHandlers(env)['samples:list']!(
      {},
      { emit: () => {}, signal: new AbortController().signal },
    );
    expect(list.map((s) => s.name)).toEqual(listSamples().map((s) => s.name));
    expect(list.every((s) => s.title && s.description && s.difficulty && s.modality)).toBe(true);
  });

  it('generates a case once, atomically, then serves it from the cache', async () => {
    const events: HostEvent[] = [];
    const ctx = { emit: (e: HostEvent) => events.push(e), signal: new AbortController().signal };
    const opened = await samplesHandlers(env)['samples:open']!({ jobId: 'j1', name: 'heat-sink-gallbladder' }, ctx);
    expect(existsSync(opened.folder)).toBe(true);
    expect(readdirSync(opened.folder).sort()).toEqual(['S02_ARTERIAL', 'S03_PORTAL_VENOUS', 'S04_DELAYED']);
    expect(readdirSync(join(opened.folder, 'S02_ARTERIAL'))).toHaveLength(96);
    const truth = JSON.parse(readFileSync(opened.truthFile!, 'utf8'));
    expect(truth.case).toBe('heat-sink-gallbladder');
    expect(truth.lesionCount).toBe(2);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ topic: 'sample-progress', jobId: 'j1' });
    // No temporary folders left beside the case.
    expect(readdirSync(join(root, 'samples')).filter((n) => n.startsWith('.tmp'))).toEqual([]);

    const again = await materialiseSample('heat-sink-gallbladder', { cacheDir: join(root, 'samples') });
    expect(again.generated).toBe(false);
    expect(again.folder).toBe(opened.folder);
  });

  it('shares one generation between concurrent requests', () => {
    const cacheDir = join(root, 'concurrent');
    const controller = new AbortController();
    controller.abort();
    const a = materialiseSample('mr-multiphase', { cacheDir, signal: controller.signal });
    const b = materialiseSample('mr-multiphase', { cacheDir, signal: controller.signal });
    expect(a).toBe(b);
    return expect(a).rejects.toThrow();
  });

  it('leaves nothing behind when cancelled', async () => {
    const cacheDir = join(root, 'cancelled');
    const controller = new AbortController();
    controller.abort();
    await expect(materialiseSample('solitary-ablation', { cacheDir, signal: controller.signal })).rejects.toThrow();
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('rejects an unknown case', async () => {
    await expect(materialiseSample('nope', { cacheDir: root })).rejects.toThrow(/Unknown sample case 'nope'/);
    await expect(
      samplesHandlers(env)['samples:open']!(
        { jobId: 'j2', name: 'nope' },
        { emit: () => {}, signal: new AbortController().signal },
      ),
    ).rejects.toThrow(/no sample case called 'nope'/);
  });
});
