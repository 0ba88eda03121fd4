// `harden audit FILE` speed, for `npm run bench`: a 1,000-service compose file and a
// 1,000-object Kubernetes manifest (Deployments, each with a risky and a hardened
// container), each audited end to end with `-f json` in under 2 s (whole process,
// median of the runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'dist/bundle/harden.js');
const TARGET_MS = 2000;

export function composeText(services) {
  const parts = ['name: bench', 'x-limits: &limits', '  mem_limit: 256m', '  pids_limit: 128', '  cpus: 0.5', 'services:'];
  for (let i = 0; i < services; i++) {
    parts.push(
      `  svc-${i}:`,
      '    <<: *limits',
      `    image: registry.example.com/team/app-${i}:1.${i}`,
      `    privileged: ${i % 10 === 0}`,
      '    cap_add: [NET_ADMIN]',
      '    cap_drop: [MKNOD]',
      '    volumes:',
      '      - /var/run/docker.sock:/var/run/docker.sock',
      `      - ./data/${i}:/data:ro`,
      '      - cache:/cache',
      '    ports:',
      `      - "127.0.0.1:${10000 + i}:80"`,
      '      - "443:8443"',
      '    security_opt: [no-new-privileges:true, seccomp=unconfined]',
      '    restart: on-failure:3',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '    sysctls:',
      '      net.ipv4.ip_forward: 1',
      '    labels: {team: bench}',
    );
  }
  parts.push('volumes:', '  cache: {}');
  return `${parts.join('\n')}\n`;
}

export function manifestText(objects) {
  const docs = [];
  for (let i = 0; i < objects; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 20}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      hostNetwork: ${i % 10 === 0}
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: registry.example.com/team/app-${i}:1.${i}
          securityContext:
            privileged: ${i % 7 === 0}
            allowPrivilegeEscalation: false
            capabilities: {add: [NET_ADMIN], drop: [MKNOD]}
          ports:
            - containerPort: 8080
              hostPort: ${20000 + i}
          resources:
            limits: {memory: 256Mi, cpu: 500m}
          volumeMounts:
            - {name: sock, mountPath: /var/run/docker.sock}
          livenessProbe:
            httpGet: {path: /healthz, port: 8080}
        - name: sidecar
          image: registry.example.com/team/sidecar:2
          securityContext:
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
      volumes:
        - name: sock
          hostPath: {path: /var/run/docker.sock}
`);
  }
  return docs.join('---\n');
}

function timedAudit(file) {
  const start = process.hrtime.bigint();
  const result = spawnSync('node', [cli, 'audit', file, '-f', 'json'], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // 1 is "findings at or above --fail-on": the audit itself succeeded.
  if (result.status !== 0 && result.status !== 1) throw new Error(`harden audit ${file} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Resolves with { runs, compose, manifest } medians in ms. */
export function benchFiles({ runs = Number(process.env.BENCH_RUNS ?? 7), count = 1000 } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'harden-files-bench-'));
  try {
    const compose = join(work, 'compose.yaml');
    const manifest = join(work, 'manifest.yaml');
    writeFileSync(compose, composeText(count));
    writeFileSync(manifest, manifestText(count));
    // Warm the page cache for node and the bundle.
    timedAudit(compose);
    const composeRuns = [];
    const manifestRuns = [];
    for (let i = 0; i < runs; i++) {
      composeRuns.push(timedAudit(compose));
      manifestRuns.push(timedAudit(manifest));
    }
    return { runs, count, compose: median(composeRuns), manifest: median(manifestRuns) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Report lines in the style of bench.mjs, and whether both targets were met. */
export function formatFilesBench(result) {
  const composeOk = result.compose < TARGET_MS;
  const manifestOk = result.manifest < TARGET_MS;
  const fmt = (n) => n.toFixed(1);
  return {
    ok: composeOk && manifestOk,
    lines: [
      `compose ${result.count}:   ${fmt(result.compose)} ms (whole process, -f json)   target < ${TARGET_MS} ms   ${composeOk ? 'PASS' : 'FAIL'}`,
      `manifest ${result.count}:  ${fmt(result.manifest)} ms (whole process, -f json)   target < ${TARGET_MS} ms   ${manifestOk ? 'PASS' : 'FAIL'}`,
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ok, lines } = formatFilesBench(benchFiles());
  for (const line of lines) console.log(line);
  process.exitCode = ok ? 0 : 1;
}
