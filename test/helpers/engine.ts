// A throwaway Docker Engine per test file, started by test/sandbox/engine.sh.
// Each file gets its own engine so "audit every container" assertions are exact.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../sandbox/engine.sh', import.meta.url));

export interface TestEngine {
  dir: string;
  socket: string;
  /** `unix:///tmp/hd-.../docker.sock` */
  host: string;
  /** Run the real docker CLI against this engine; resolves with stdout. */
  docker(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startEngine(name: string): Promise<TestEngine> {
  // Short and unique per file: unix socket paths are limited to ~108 bytes.
  const dir = `/tmp/hd-${name}`;
  await run('sh', [script, 'stop', dir]);
  await run('sh', [script, 'start', dir]);
  const socket = `${dir}/docker.sock`;
  const host = `unix://${socket}`;
  return {
    dir,
    socket,
    host,
    async docker(...args: string[]) {
      const { stdout } = await run('docker', ['-H', host, ...args], { env: { ...process.env, DOCKER_HOST: '', DOCKER_CONTEXT: '' } });
      return stdout.trim();
    },
    async stop() {
      await run('sh', [script, 'stop', dir]);
    },
  };
}
