import { z } from 'zod';
import type { Target } from '../../../shared/export/target';
import { rememberSecret } from '../log/redact';
import type { SecretStore } from './secretStore';

/**
 * How a password or token is kept beside a saved target or a queued job, never in the target
 * itself: sealed by the OS keyring ('os'), in this process's memory only ('session', when there
 * is no keyring), or in the clear only where the user explicitly accepted that ('plain').
 */
export const sealedSecretSchema = z.discriminatedUnion('storage', [
  z.object({ storage: z.literal('os'), data: z.string() }),
  z.object({ storage: z.literal('session') }),
  z.object({ storage: z.literal('plain'), value: z.string() }),
]);
export type SealedSecret = z.infer<typeof sealedSecretSchema>;
export type SecretStorage = SealedSecret['storage'];

/** Session secrets by owner key (targets file + id, queue job folder); gone when the process ends. */
const session = new Map<string, string>();

export function secretOf(t: Target): string {
  if (t.kind !== 'dicomweb' || !t.auth) return '';
  return t.auth.type === 'basic' ? t.auth.password : t.auth.token;
}

export function withSecret(t: Target, secret: string): Target {
  if (t.kind !== 'dicomweb' || !t.auth) return t;
  return {
    ...t,
    auth: t.auth.type === 'basic' ? { ...t.auth, password: secret } : { ...t.auth, token: secret },
  };
}

export async function sealSecret(
  secret: string,
  store: SecretStore,
  key: string,
  allowPlain = false,
): Promise<SealedSecret> {
  rememberSecret(secret);
  if (await store.isAvailable()) {
    session.delete(key);
    return { storage: 'os', data: Buffer.from(await store.encrypt(secret)).toString('base64') };
  }
  if (allowPlain) return { storage: 'plain', value: secret };
  session.set(key, secret);
  return { storage: 'session' };
}

/** The secret, or '' when it cannot be had here (session of another process, keyring of another user or machine). */
export async function unsealSecret(sealed: SealedSecret | undefined, store: SecretStore, key: string): Promise<string> {
  let secret = '';
  if (sealed?.storage === 'plain') secret = sealed.value;
  else if (sealed?.storage === 'session') secret = session.get(key) ?? '';
  else if (sealed?.storage === 'os') {
    try {
      secret = (await store.isAvailable()) ? await store.decrypt(Buffer.from(sealed.data, 'base64')) : '';
    } catch {
      secret = '';
    }
  }
  rememberSecret(secret);
  return secret;
}

export function forgetSessionSecret(key: string): void {
  session.delete(key);
}
