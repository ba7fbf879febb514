import { safeStorage } from 'electron';
import type { SecretStore } from '../services/targets/secretStore';

/**
 * PACS secrets sealed with Electron's safeStorage (Keychain, DPAPI, libsecret/KWallet). On Linux
 * without a keyring Chromium falls back to 'basic_text', a fixed built-in key: that is not
 * protection, so it counts as unavailable and the services keep secrets for the session only.
 */
export function safeStorageSecrets(): SecretStore {
  const available = async () => {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  };
  return {
    isAvailable: available,
    async encrypt(plain) {
      return new Uint8Array(await safeStorage.encryptStringAsync(plain));
    },
    async decrypt(sealed) {
      return (await safeStorage.decryptStringAsync(Buffer.from(sealed))).result;
    },
  };
}
