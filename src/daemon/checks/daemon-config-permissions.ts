import { defineDaemonCheck } from '../types.js';
import { FILE_RULE_PARAMS, filesWithRole, judgeFile, type FileRule } from '../check-support.js';

export const check = defineDaemonCheck<FileRule>({
  id: 'daemon-config-permissions',
  title: 'daemon.json is owned by root with mode 0644 or stricter',
  description:
    'daemon.json decides how every container runs (hosts, TLS, registries, runtimes). Whoever can write it gets root at the next daemon restart. Judged on the file the running daemon was started with (--config-file, default /etc/docker/daemon.json).',
  severity: 'medium',
  refs: { cis: '3.18' },
  fix: { dockerd: 'chown root:root DAEMON_JSON && chmod 0644 DAEMON_JSON (the file given by --config-file)', daemonJson: 'chown root:root /etc/docker/daemon.json && chmod 0644 /etc/docker/daemon.json' },
  params: { type: 'object', properties: FILE_RULE_PARAMS, additionalProperties: false },
  defaults: { maxMode: '0644', groups: [] },
  evaluate(facts, params) {
    return filesWithRole(facts.local?.files ?? [], 'daemon.json').flatMap((file) => judgeFile(file, params, 'daemon.json'));
  },
});
