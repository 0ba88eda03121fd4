import { defineDaemonCheck } from '../types.js';
import { FILE_RULE_PARAMS, filesWithRole, judgeFile, type FileRule } from '../check-support.js';

export const check = defineDaemonCheck<FileRule>({
  id: 'daemon-socket-permissions',
  title: 'The daemon socket is root:docker with mode 0660 or stricter',
  description:
    'Write access to the daemon socket is root on the host. Only root and the docker group may open it, and a socket writable by others hands the host to every local user. Every unix socket the daemon listens on is judged, not just the default path.',
  severity: 'high',
  refs: { cis: '3.16' },
  fix: {
    dockerd: 'chown root:docker SOCKET && chmod 0660 SOCKET (dockerd --group=docker sets the group when it creates the socket)',
    daemonJson: '"group": "docker" (then restart dockerd so it recreates the socket)',
  },
  params: { type: 'object', properties: FILE_RULE_PARAMS, additionalProperties: false },
  defaults: { maxMode: '0660', groups: ['docker'] },
  evaluate(facts, params) {
    return filesWithRole(facts.local?.files ?? [], 'socket').flatMap((file) => judgeFile(file, params, 'socket'));
  },
});
