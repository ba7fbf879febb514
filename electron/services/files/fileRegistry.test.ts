import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileRegistry } from './fileRegistry';

describe('FileRegistry', () => {
  it('serves registered files only, by opaque id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-files-'));
    const f = join(dir, 'a.dcm');
    writeFileSync(f, 'DICM');
    const reg = new FileRegistry();
    const id = reg.register(f);
    expect(id).toHaveLength(24);
    expect((await reg.serve(`/files/${id}`)).status).toBe(200);
    expect((await reg.serve('/files/../../etc/passwd')).status).toBe(404);
    expect((await reg.serve(`/files/${FileRegistry.idFor('/etc/passwd')}`)).status).toBe(404);
    rmSync(f);
    expect((await reg.serve(`/files/${id}`)).status).toBe(410);
  });
});
