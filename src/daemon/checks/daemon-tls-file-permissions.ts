import { OCTAL_MODE_PATTERN } from '../modes.js';
import { defineDaemonCheck } from '../types.js';
import { filesWithRole, judgeFile } from '../check-support.js';

interface TlsFileParams {
  certificateMaxMode: string;
  keyMaxMode: string;
}

export const check = defineDaemonCheck<TlsFileParams>({
  id: 'daemon-tls-file-permissions',
  title: 'The daemon TLS files are owned by root, the key readable by root only',
  description:
    'Whoever can read the server key can impersonate the daemon; whoever can replace the CA certificate decides which clients the daemon trusts. CA and server certificate must not be writable by others, the key readable by root only.',
  severity: 'medium',
  refs: { cis: '3.14' },
  fix: {
    dockerd: 'chown root:root the --tlscacert/--tlscert/--tlskey files; chmod 0644 the certificates and 0600 (or 0400) the key',
    daemonJson: 'chown root:root the "tlscacert", "tlscert" and "tlskey" files; chmod 0644 the certificates and 0600 (or 0400) the key',
  },
  params: {
    type: 'object',
    properties: {
      certificateMaxMode: { type: 'string', pattern: OCTAL_MODE_PATTERN, description: 'Largest mode for the CA and server certificates, in octal.' },
      keyMaxMode: { type: 'string', pattern: OCTAL_MODE_PATTERN, description: 'Largest mode for the server key, in octal.' },
    },
    additionalProperties: false,
  },
  defaults: { certificateMaxMode: '0644', keyMaxMode: '0600' },
  evaluate(facts, params) {
    const files = facts.local?.files ?? [];
    return [
      ...filesWithRole(files, 'tls-ca').flatMap((file) => judgeFile(file, { maxMode: params.certificateMaxMode, groups: [] }, 'TLS CA certificate')),
      ...filesWithRole(files, 'tls-cert').flatMap((file) => judgeFile(file, { maxMode: params.certificateMaxMode, groups: [] }, 'TLS server certificate')),
      ...filesWithRole(files, 'tls-key').flatMap((file) => judgeFile(file, { maxMode: params.keyMaxMode, groups: [] }, 'TLS server key')),
    ];
  },
});
