// A throwaway dockerd started from a daemon.json the test writes (engine.sh passes
// fixed flags; config-file checks need their own settings). Only data-root,
// exec-root, pidfile and --config-file are flags; everything else is in the file.
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const engineScript = fileURLToPath(new URL('../sandbox/engine.sh', import.meta.url));

export interface CustomEngine {
  dir: string;
  socket: string;
  host: string;
  configFile: string;
  pid: number;
  docker(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** The engine.sh sandbox settings (no iptables, no bridge, vfs) as daemon.json keys. */
export const SANDBOX_SETTINGS = { iptables: false, 'ip-masq': false, bridge: 'none', 'storage-driver': 'vfs' };

/**
 * Starts dockerd with `--config-file DIR/daemon.json` holding `settings` plus the sandbox
 * settings and `hosts` (the unix socket DIR/docker.sock first, then `extraHosts`).
 */
export async function startCustomEngine(name: string, settings: Record<string, unknown>, extraHosts: string[] = []): Promise<CustomEngine> {
  const dir = `/tmp/hd-${name}`;
  await run('sh', [engineScript, 'stop', dir]);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const socket = join(dir, 'docker.sock');
  const host = `unix://${socket}`;
  const configFile = join(dir, 'daemon.json');
  await writeFile(configFile, `${JSON.stringify({ ...SANDBOX_SETTINGS, ...settings, hosts: [host, ...extraHosts] }, null, 2)}\n`, { mode: 0o644 });
  const pidFile = join(dir, 'docker.pid');
  const log = openSync(join(dir, 'dockerd.log'), 'a');
  const dockerd = spawn('dockerd', ['--config-file', configFile, '--data-root', join(dir, 'root'), '--exec-root', join(dir, 'exec'), '--pidfile', pidFile], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  dockerd.unref();
  closeSync(log);
  const docker = async (...args: string[]) =>
    (await run('docker', ['-H', host, ...args], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' } })).stdout.trim();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await run('curl', ['-sf', '--max-time', '2', '--unix-socket', socket, 'http://localhost/_ping']).then(() => true, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      const text = await readFile(join(dir, 'dockerd.log'), 'utf8').catch(() => '');
      throw new Error(`dockerd with ${configFile} did not answer:\n${text.split('\n').slice(-15).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // engine.sh imports local/busybox:1 into an engine it did not start too.
  await run('sh', [engineScript, 'image', dir]);
  return {
    dir,
    socket,
    host,
    configFile,
    pid: Number(await readFile(pidFile, 'utf8')),
    docker,
    stop: async () => {
      await run('sh', [engineScript, 'stop', dir]);
    },
  };
}
