// Picks the certificate encoder for a key type and loads only that one: node-forge
// (RSA) and @peculiar/x509 (ECDSA) each cost tens of milliseconds to load.
import { isRsa, type KeyType } from './keys.js';
import type { CertificateBackend } from './profile.js';

export async function loadBackend(type: KeyType): Promise<CertificateBackend> {
  if (isRsa(type)) return (await import('./forge-backend.js')).forgeBackend;
  return (await import('./peculiar-backend.js')).peculiarBackend;
}
