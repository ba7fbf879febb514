import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeSeries } from '../../../shared/dicom/makeSeries';
import { FileRegistry } from '../files/fileRegistry';
import { MAX_SLICES_PER_REQUEST, serveSlices } from './serveSlices';

const dir = mkdtempSync(join(tmpdir(), 'serve-slices-'));
const files = makeSeries({
  rows: 4,
  columns: 5,
  slices: 3,
  signed: false,
  rescaleIntercept: -1024,
  value: (i, j, k) => 1000 + i + 10 * j + 100 * k,
});
const registry = new FileRegistry();
const ids = files.map((f) => {
  const path = join(dir, f.name);
  writeFileSync(path, f.bytes);
  return registry.register(path);
});
const get = (path: string) => serveSlices(new URL(`http://x${path}`), registry);

describe('serveSlices', () => {
  it('sends the asked planes in the asked order as modality values (HU)', async () => {
    const r = await get(`/slices/${ids[2]},${ids[0]}?as=int16`);
    expect(r.status).toBe(200);
    const v = new Int16Array(r.body.buffer, r.body.byteOffset, r.body.byteLength / 2);
    expect(v).toHaveLength(2 * 20);
    // Plane 0 of the reply is file 2: stored 1000 + i + 10j + 200, rescaled by -1024.
    expect(v[0]).toBe(1000 + 200 - 1024);
    expect(v[1 + 5 * 2]).toBe(1000 + 1 + 20 + 200 - 1024);
    expect(v[20]).toBe(1000 - 1024);
  });

  it('sends float32 when asked', async () => {
    const r = await get(`/slices/${ids[1]}?as=float32`);
    const v = new Float32Array(r.body.slice().buffer);
    expect(v).toHaveLength(20);
    expect(v[3]).toBe(1000 + 3 + 100 - 1024);
  });

  it('clamps what does not fit the asked type instead of wrapping it', async () => {
    const r = await get(`/slices/${ids[0]}?as=uint16`);
    const v = new Uint16Array(r.body.slice().buffer);
    expect(Math.min(...v)).toBe(0); // -24 HU and the like
  });

  it('refuses malformed, unknown and oversized requests with a reason', async () => {
    expect((await get('/slices/../../etc/passwd')).status).toBe(400);
    expect((await get(`/slices/${ids[0]}?as=int64`)).status).toBe(400);
    expect((await get(`/slices/${'A'.repeat(24)}`)).status).toBe(404);
    const many = Array.from({ length: MAX_SLICES_PER_REQUEST + 1 }, () => ids[0]).join(',');
    const r = await get(`/slices/${many}`);
    expect(r.status).toBe(400);
    expect(new TextDecoder().decode(r.body)).toMatch(/At most/);
  });

  it('says which image cannot be decoded', async () => {
    const bad = join(dir, 'not-dicom.dcm');
    writeFileSync(bad, 'hello');
    const r = await get(`/slices/${ids[0]},${registry.register(bad)}`);
    expect(r.status).toBe(422);
    expect(new TextDecoder().decode(r.body)).toMatch(/Image 2 of 2 could not be decoded/);
  });
});
