import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { describeTarget, targetSchema, type Target } from '../../../shared/export/target';
import type { SavedTargetView, TargetView } from '../../../shared/ipc/channels/targets';
import { writeFileAtomic } from '../case/atomicWrite';
import { unavailableSecretStore, type SecretStore } from './secretStore';
import {
  forgetSessionSecret,
  sealedSecretSchema,
  sealSecret,
  secretOf,
  unsealSecret,
  withSecret,
  type SecretStorage,
} from './targetSecrets';

const storedTargetSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The target with its password or token blanked; the secret is in `secret`. */
  target: targetSchema,
  secret: sealedSecretSchema.optional(),
});
type StoredTarget = z.infer<typeof storedTargetSchema>;
/** Version 1 kept passwords inside `target`, in the clear; read once and migrated. */
const fileSchema = z.object({ version: z.union([z.literal(1), z.literal(2)]), targets: z.array(storedTargetSchema) });

/** A saved target with its secret filled in (for sending); never written or sent to the renderer as is. */
export interface SavedTarget {
  id: string;
  name: string;
  target: Target;
  /** Where its password or token is kept; undefined when it has none. */
  secretStorage?: SecretStorage;
}

/** Where the targets live; 0600, and passwords and tokens are sealed (targetSecrets), never in the clear. */
export function targetsFile(userDataDir: string): string {
  return join(userDataDir, 'export-targets.json');
}

/** The renderer's view of a target: secrets replaced by whether one is saved, and how. */
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
  return {
    id: t.id,
    name: t.name,
    description: describeTarget(t.target),
    target,
    ...(t.secretStorage ? { secretStorage: t.secretStorage } : {}),
  };
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

export interface TargetStoreOptions {
  /**
   * Rewrite a file that still holds passwords in the clear, sealing them (default). The CLI
   * reads without migrating: it has no keyring and must not move the app's secrets away.
   */
  migrate?: boolean;
}

/**
 * Saved export targets in one JSON file under userData, replaced atomically on every change.
 * Passwords and tokens go through the SecretStore the host injects: sealed by the OS keyring
 * where there is one; otherwise kept for this session only, unless the user explicitly chose
 * plain storage for that target (the target editor says which applies).
 */
export class TargetStore {
  constructor(
    readonly userDataDir: string,
    private readonly secrets: SecretStore = unavailableSecretStore,
    private readonly options: TargetStoreOptions = {},
  ) {}

  /** Whether passwords can be sealed by the OS here; the editor warns when not. */
  secretStorageAvailable(): Promise<boolean> {
    return this.secrets.isAvailable();
  }

  private key(id: string): string {
    return `${targetsFile(this.userDataDir)}#${id}`;
  }

  private async read(): Promise<StoredTarget[]> {
    let text: string;
    try {
      text = await readFile(targetsFile(this.userDataDir), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const stored = fileSchema.parse(JSON.parse(text)).targets;
    // Passwords written in the clear (version 1, or by hand): seal them and rewrite the file.
    if (!stored.some((t) => secretOf(t.target) !== '')) return stored;
    const migrated: StoredTarget[] = [];
    for (const t of stored) {
      const plain = secretOf(t.target);
      if (!plain) migrated.push(t);
      else
        migrated.push({
          ...t,
          target: withSecret(t.target, ''),
          secret: await sealSecret(plain, this.secrets, this.key(t.id)),
        });
    }
    if (this.options.migrate === false) return stored;
    await this.write(migrated);
    return migrated;
  }

  async list(): Promise<SavedTarget[]> {
    const out: SavedTarget[] = [];
    for (const t of await this.read()) {
      const inline = secretOf(t.target); // only when not migrating (CLI)
      const secret = inline || (await unsealSecret(t.secret, this.secrets, this.key(t.id)));
      const storage = t.secret?.storage ?? (inline ? 'plain' : undefined);
      out.push({
        id: t.id,
        name: t.name,
        target: withSecret(t.target, secret),
        ...(storage ? { secretStorage: storage } : {}),
      });
    }
    return out;
  }

  async get(id: string): Promise<SavedTarget | undefined> {
    return (await this.list()).find((t) => t.id === id);
  }

  /** keepSecretPlain: the user accepted storing this secret in the clear (only asked where there is no keyring). */
  async save(input: { id?: string; name: string; target: Target; keepSecretPlain?: boolean }): Promise<SavedTarget> {
    const all = await this.list();
    const prev = input.id ? all.find((t) => t.id === input.id) : undefined;
    if (input.id && !prev) throw new Error(`there is no saved target ${input.id}`);
    const id = prev?.id ?? randomUUID().slice(0, 12);
    const target = targetSchema.parse(keepSecrets(input.target, prev?.target));
    const secret = secretOf(target);
    const sealed = secret ? await sealSecret(secret, this.secrets, this.key(id), input.keepSecretPlain) : undefined;
    if (!secret) forgetSessionSecret(this.key(id));
    const entry: StoredTarget = { id, name: input.name.trim(), target: withSecret(target, ''), secret: sealed };
    const stored = await this.read();
    await this.write(prev ? stored.map((t) => (t.id === id ? entry : t)) : [...stored, entry]);
    return { id, name: entry.name, target, ...(sealed ? { secretStorage: sealed.storage } : {}) };
  }

  async remove(id: string): Promise<boolean> {
    const all = await this.read();
    const rest = all.filter((t) => t.id !== id);
    if (rest.length === all.length) return false;
    forgetSessionSecret(this.key(id));
    await this.write(rest);
    return true;
  }

  private async write(targets: StoredTarget[]): Promise<void> {
    await mkdir(this.userDataDir, { recursive: true });
    await writeFileAtomic(targetsFile(this.userDataDir), JSON.stringify({ version: 2, targets }, null, 2));
  }
}

/** Host names of the configured network targets. */
export function hostsOf(targets: { target: Target }[]): string[] {
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
