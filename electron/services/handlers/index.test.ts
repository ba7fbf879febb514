import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { createHandlers } from './index';

describe('createHandlers', () => {
  it('has a handler for every channel of the contract, and nothing else', () => {
    const { handlers } = createHandlers({
      userDataDir: mkdtempSync(join(tmpdir(), 'lp-h-')),
      resourcesDir: 'resources',
      appVersion: '0',
      host: 'cli',
    });
    const missing = Object.keys(contract).filter((c) => typeof (handlers as Record<string, unknown>)[c] !== 'function');
    const extra = Object.keys(handlers).filter((c) => !(c in contract));
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });
});
