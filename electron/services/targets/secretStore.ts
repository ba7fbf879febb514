import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Where PACS passwords and tokens are sealed before they touch disk. services/ never imports
 * electron: the Electron host injects one over safeStorage (electron/main/safeStorageSecrets.ts);
 * the CLI has none (credentials come from its environment) and tests use a keyed one.
 */
export interface SecretStore {
  /** Whether secrets can be sealed with a key the OS keeps (Keychain, DPAPI, libsecret, KWallet). */
  isAvailable(): Promise<boolean>;
  encrypt(plain: string): Promise<Uint8Array>;
  decrypt(sealed: Uint8Array): Promise<string>;
}

/** No OS keyring (the CLI, the preview host, Linux without one): nothing may be sealed. */
export const unavailableSecretStore: SecretStore = {
  isAvailable: async () => false,
  encrypt: async () => {
    throw new Error('no OS secret storage is available');
  },
  decrypt: async () => {
    throw new Error('no OS secret storage is available');
  },
};

/**
 * AES-256-GCM with a key the caller holds, for Node hosts without safeStorage (tests stand in
 * for the OS keyring with it). Only as safe as the place the key lives: never store the key
 * beside what it seals.
 */
export function createKeySecretStore(key: Uint8Array): SecretStore {
  if (key.byteLength !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    isAvailable: async () => true,
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    async decrypt(sealed) {
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
