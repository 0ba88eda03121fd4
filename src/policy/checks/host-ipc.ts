import { defineHostNamespaceCheck } from './support/host-namespace.js';

export const check = defineHostNamespaceCheck({
  id: 'host-ipc',
  namespace: 'ipc',
  label: 'IPC',
  flag: '--ipc host',
  title: "Containers do not share the host's IPC namespace",
  description:
    "In the host IPC namespace a container can read and write the host's shared memory segments, semaphores and message queues, which host processes trust to be private.",
  severity: 'high',
  refs: { cis: '5.17', pss: 'baseline/host-namespaces' },
  fix: {
    run: 'remove --ipc host (use --ipc shareable / --ipc container:NAME to share only between containers)',
    compose: 'remove ipc: host',
  },
});
