import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanResult } from '../../shared/planning/evaluate';
import { baseInput } from '../../shared/planning/testing/baseInput';
import { planCommand } from './plan';
import { CliError } from './types';

const dir = mkdtempSync(join(tmpdir(), 'liverplan-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, data: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('liverplan plan', () => {
  it('evaluates an input file and returns outcomes and Y-90 figures', async () => {
    const input = {
      ...baseInput(),
      y90: {
        product: 'glass',
        intent: 'lobar',
        lungShuntFraction: 0.05,
        targetVolumeMl: 1000,
        tumourInTargetMl: 200,
        normalInTargetMl: 800,
        perfusedDoseGy: 120,
      },
    };
    const r = await planCommand.run(['--input', write('in.json', input), '--set', 'doseFactorK=50', '--json']);
    const plan = r.json as PlanResult;
    expect(plan.ruleSetId).toBe('liverplan-net-liver');
    expect(plan.y90!.methods.find((m) => m.method === 'mird')!.activityGBq).toBeCloseTo(2.602, 3);
    expect(r.text).toMatch(/mird\s+2\.6/);
  });

  it('accepts the example in docs/plan-input.md', async () => {
    const doc = readFileSync(new URL('../../docs/plan-input.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const r = await planCommand.run(['--input', write('doc.json', example)]);
    expect((r.json as PlanResult).y90!.methods.map((m) => m.method)).toEqual(['bsa', 'mird', 'partition']);
  });

  it('prints the JSON Schema', async () => {
    const r = await planCommand.run(['--schema']);
    expect((r.json as { type: string }).type).toBe('object');
  });

  it('refuses invalid input with a one-line reason naming the field', async () => {
    const bad = baseInput();
    bad.measured.tumourMl = -5;
    await expect(planCommand.run(['--input', write('bad.json', bad)])).rejects.toThrow(/measured\.tumourMl/);
    await expect(planCommand.run(['--input', write('x.json', '{')])).rejects.toThrow(/not valid JSON/);
    await expect(planCommand.run(['--set', 'k=1', '--input', 'x'])).rejects.toBeInstanceOf(CliError);
  });
});
