import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeTarget, targetSchema, type Target } from '../../../shared/export/target';
import type { SavedTargetView, TargetView } from '../../../shared/ipc/channels/targets';
import { writeFileAtomic } from '../case/atomicWrite';

const savedTargetSchema = z.object({ id: z.string(), name: z.string(), target: targetSchema });
export type SavedTarget = z.infer<typeof savedTargetSchema>;
const fileSchema = z.object({ version: z.literal(1), targets: z.array(savedTargetSchema) });

/** Where the targets live; 0600 like the send queue, which holds the same secrets. */
export function targetsFile(userDataDir: string): string {
  return join(userDataDir, 'export-targets.json');
}

/** The renderer's view of a target: secrets replaced by whether one is saved. */
export function viewOf(t: SavedTarget): SavedTargetView {
  const target: TargetView =
    t.target.kind === 'dicomweb' && t.target.auth
      ? {
          ...t.target,
          auth:
            t.target.auth.type === 'basic'
              ? { type: 'basic', username: t.target.auth.username, secretSaved: t.target.auth.password !== '' }
              : { type: 'bearer', secretSaved: t.target.auth.token !== '' },
        }
      : (t.target as TargetView);
  return { id: t.id, name: t.name, description: describeTarget(t.target), target };
}

/** An empty password/token on an edit means "keep the saved one" (the form never shows it). */
function keepSecrets(next: Target, prev: Target | undefined): Target {
  if (next.kind !== 'dicomweb' || !next.auth || prev?.kind !== 'dicomweb' || prev.auth?.type !== next.auth.type)
    return next;
  if (next.auth.type === 'basic' && next.auth.password === '' && prev.auth.type === 'basic')
    return { ...next, auth: { ...next.auth, password: prev.auth.password } };
  if (next.auth.type === 'bearer' && next.auth.token === '' && prev.auth.type === 'bearer')
    return { ...next, auth: { ...next.auth, token: prev.auth.token } };
  return next;
}

/** Saved export targets in one JSON file under userData, replaced atomically on every change. */
export class TargetStore {
  constructor(readonly userDataDir: string) {}

  async list(): Promise<SavedTarget[]> {
    let text: string;
    try {
      text = await readFile(targetsFile(this.userDataDir), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return fileSchema.parse(JSON.parse(text)).targets;
  }

  async get(id: string): Promise<SavedTarget | undefined> {
    return (await this.list()).find((t) => t.id === id);
  }

  async save(input: { id?: string; name: string; target: Target }): Promise<SavedTarget> {
    const all = await this.list();
    const prev = input.id ? all.find((t) => t.id === input.id) : undefined;
    if (input.id && !prev) throw new Error(`there is no saved target ${input.id}`);
    const saved: SavedTarget = {
      id: prev?.id ?? randomUUID().slice(0, 12),
      name: input.name.trim(),
      target: targetSchema.parse(keepSecrets(input.target, prev?.target)),
    };
    await this.write(prev ? all.map((t) => (t.id === prev.id ? saved : t)) : [...all, saved]);
    return saved;
  }

  async remove(id: string): Promise<boolean> {
    const all = await this.list();
    const rest = all.filter((t) => t.id !== id);
    if (rest.length === all.length) return false;
    await this.write(rest);
    return true;
  }

  private async write(targets: SavedTarget[]): Promise<void> {
    await mkdir(this.userDataDir, { recursive: true });
    await writeFileAtomic(targetsFile(this.userDataDir), JSON.stringify({ version: 1, targets }, null, 2));
  }
}

/** Host names of the configured network targets. */
export function hostsOf(targets: SavedTarget[]): string[] {
  const hosts = targets.flatMap((t) =>
    t.target.kind === 'dicomweb'
      ? [new URL(t.target.url).hostname.replace(/^\[|\]$/g, '')]
      : t.target.kind === 'dimse'
        ? [t.target.host]
        : [],
  );
  return [...new Set(hosts.map((h) => h.toLowerCase()))];
}

let cached: { file: string; mtimeMs: number; hosts: string[] } | undefined;

/**
 * The PACS hosts the user configured, for electron/main's network policy. Synchronous because
 * the session request filter is; re-read only when the file changed (a stat per request).
 */
export function configuredPacsHosts(userDataDir: string): string[] {
  const file = targetsFile(userDataDir);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  if (cached?.file === file && cached.mtimeMs === mtimeMs) return cached.hosts;
  try {
    const hosts = hostsOf(fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).targets);
    cached = { file, mtimeMs, hosts };
    return hosts;
  } catch {
    return [];
  }
}
