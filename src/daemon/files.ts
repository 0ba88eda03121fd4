// Ownership, modes and certificate expiry of the files a local daemon uses: its
// sockets, daemon.json and TLS files, read as the daemon sees them.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pemBlocks } from '../tls/pem.js';
import { describeFsError } from '../util/fs-errors.js';
import { readAccountDatabase } from '../util/account-database.js';
import { hostView, type DaemonProcess } from './process.js';
import type { DaemonCertificate, DaemonFile, DaemonFileRole } from './types.js';

export interface FileReadings {
  files: DaemonFile[];
  certificates: DaemonCertificate[];
  unreadable: { path: string; reason: string }[];
}

/** `name:x:id:...` lines of /etc/passwd or /etc/group, by id. */
function idNames(path: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const [name, , id] of readAccountDatabase(path)) {
    if (name && id !== undefined && /^\d+$/.test(id) && !names.has(Number(id))) names.set(Number(id), name);
  }
  return names;
}

export async function readDaemonFiles(process: DaemonProcess, wanted: readonly { role: DaemonFileRole; path: string }[]): Promise<FileReadings> {
  // Synchronous like the procfs scan (see process.ts): small local files, read while the engine answers the list.
  const users = idNames(hostView(process, '/etc/passwd'));
  const groups = idNames(hostView(process, '/etc/group'));
  const readings: FileReadings = { files: [], certificates: [], unreadable: [] };
  for (const { role, path } of wanted) {
    try {
      const info = statSync(hostView(process, path));
      readings.files.push({
        role,
        path,
        uid: info.uid,
        gid: info.gid,
        owner: users.get(info.uid) ?? null,
        group: groups.get(info.gid) ?? null,
        mode: info.mode & 0o7777,
      });
    } catch (error) {
      readings.unreadable.push({ path, reason: describeFsError(error) });
      continue;
    }
    if (role === 'tls-ca' || role === 'tls-cert') {
      const certificate = await readExpiry(process, role, path);
      if (typeof certificate === 'string') readings.unreadable.push({ path, reason: certificate });
      else readings.certificates.push(certificate);
    }
  }
  return readings;
}

/** The first certificate's expiry (a CA bundle's first certificate is the one dockerd names first), or why it cannot be read. */
async function readExpiry(process: DaemonProcess, role: 'tls-ca' | 'tls-cert', path: string): Promise<DaemonCertificate | string> {
  try {
    const text = await readFile(hostView(process, path), 'utf8');
    const block = pemBlocks(text).find((candidate) => candidate.label === 'CERTIFICATE');
    if (block === undefined) return 'no PEM certificate in the file';
    // node:crypto costs milliseconds to load, and only a daemon with TLS files needs it.
    const { X509Certificate } = await import('node:crypto');
    return { role, path, notAfter: new Date(new X509Certificate(block.text).validTo).toISOString() };
  } catch (error) {
    return error instanceof Error && 'code' in error ? describeFsError(error) : `not a certificate (${(error as Error).message})`;
  }
}
