// A real dockerd started with the daemon.json `harden tls init` wrote, checked with
// the real docker CLI, curl and openssl: the set works, and it refuses what it must.
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { access, copyFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harden } from '../helpers/cli.js';
import type { KeyType } from '../../src/tls/keys.js';
import { freeLoopbackPort } from '../helpers/ports.js';

const run = promisify(execFile);
const engineScript = fileURLToPath(new URL('../sandbox/engine.sh', import.meta.url));


interface Outcome {
  ok: boolean;
  output: string;
}

async function attempt(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return run(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }).then(
    ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
    (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
}

/** The TLS engine suite for one key type; `name` keeps its /tmp/hd-* directory unique. */
export function describeTlsDaemon(keyType: KeyType, name: string): void {
  const dir = `/tmp/hd-${name}`;
  const set = join(dir, 'set');
  const socket = join(dir, 'docker.sock');
  let port = 0;
  let host = '';
  // An empty docker config: no contexts or credentials of the machine leak in.
  const cliEnv = (): NodeJS.ProcessEnv => ({ HOME: join(dir, 'home'), DOCKER_CONFIG: join(dir, 'docker-config') });

  const pidFile = join(dir, 'docker.pid');

  async function startDaemon(): Promise<void> {
    const log = openSync(join(dir, 'dockerd.log'), 'a');
    const dockerd = spawn(
      'dockerd',
      [
        '--config-file', join(set, 'daemon.json'),
        '--data-root', join(dir, 'root'), '--exec-root', join(dir, 'exec'), '--pidfile', pidFile,
        '--iptables=false', '--ip-masq=false', '--bridge=none', '--storage-driver=vfs',
      ],
      { detached: true, stdio: ['ignore', log, log] },
    );
    dockerd.unref();
    closeSync(log);
    const client = join(set, 'client');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const ping = await attempt('curl', ['-sf', '--max-time', '2', '--cacert', join(client, 'ca.pem'), '--cert', join(client, 'cert.pem'), '--key', join(client, 'key.pem'), `https://127.0.0.1:${port}/_ping`]);
      if (ping.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const logText = await readFile(join(dir, 'dockerd.log'), 'utf8').catch(() => '');
    throw new Error(`dockerd with the generated daemon.json did not answer on ${host}:\n${logText.split('\n').slice(-15).join('\n')}`);
  }

  /** Stops dockerd by its pid and waits, keeping the directory (unlike engine.sh stop). */
  async function stopDaemon(): Promise<void> {
    const pid = Number(await readFile(pidFile, 'utf8'));
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 150; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`dockerd ${pid} did not stop`);
  }

  function dockerWith(certPath: string, ...args: string[]): Promise<Outcome> {
    return attempt('docker', ['-H', host, '--tlsverify', ...args], { ...cliEnv(), DOCKER_CERT_PATH: certPath });
  }

  async function serverSerial(): Promise<string> {
    const client = join(set, 'client');
    const { stdout } = await run('sh', ['-c', `openssl s_client -connect 127.0.0.1:${port} -CAfile ${client}/ca.pem -cert ${client}/cert.pem -key ${client}/key.pem </dev/null 2>/dev/null | openssl x509 -noout -serial`]);
    return stdout.trim();
  }

  describe(`a ${keyType} set from harden tls init, on a real dockerd`, () => {
    beforeAll(async () => {
      await run('sh', [engineScript, 'stop', dir]);
      await mkdir(join(dir, 'docker-config'), { recursive: true, mode: 0o700 });
      await mkdir(join(dir, 'home'), { recursive: true });
      port = await freeLoopbackPort();
      host = `tcp://127.0.0.1:${port}`;
      const init = await harden(['tls', 'init', '127.0.0.1', '--key-type', keyType, '--out', set, '--listen', host, '--local-socket', `unix://${socket}`, '--daemon-dir', set, '--client-name', 'first']);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      await startDaemon();
    });

    afterAll(async () => {
      await run('sh', [engineScript, 'stop', dir]);
    });

    it('daemon.json holds the TLS files in --daemon-dir and both hosts, with no -H needed', async () => {
      const config = JSON.parse(await readFile(join(set, 'daemon.json'), 'utf8')) as Record<string, unknown>;
      expect(config).toEqual({
        tlsverify: true,
        tlscacert: join(set, 'ca.pem'),
        tlscert: join(set, 'server-cert.pem'),
        tlskey: join(set, 'server-key.pem'),
        hosts: [host, `unix://${socket}`],
      });
    });

    it('the real docker CLI connects with DOCKER_CERT_PATH=DIR/client and --tlsverify', async () => {
      const result = await dockerWith(join(set, 'client'), 'version', '--format', '{{.Server.APIVersion}}');
      expect(result).toEqual({ ok: true, output: '1.41\n' });
    });

    it('the local unix socket from daemon.json hosts keeps working without TLS', async () => {
      const result = await attempt('docker', ['-H', `unix://${socket}`, 'version', '--format', '{{.Server.APIVersion}}'], cliEnv());
      expect(result).toEqual({ ok: true, output: '1.41\n' });
    });

    it('source client/env.sh && docker version works', async () => {
      const result = await attempt('sh', ['-c', `. ${join(set, 'client', 'env.sh')} && docker version --format '{{.Server.APIVersion}} {{.Client.Version}}'`], cliEnv());
      expect(result.ok).toBe(true);
      expect(result.output).toMatch(/^1\.41 \d+\./);
    });

    it('the docker context command from env.sh works', async () => {
      const env = await readFile(join(set, 'client', 'env.sh'), 'utf8');
      const command = /^#\s+(docker context create .*)$/m.exec(env)?.[1] ?? '';
      expect(command).toContain(`host=${host},ca=${join(set, 'client', 'ca.pem')}`);
      const created = await attempt('sh', ['-c', command], cliEnv());
      expect(created.ok).toBe(true);
      const result = await attempt('docker', ['--context', 'harden-127.0.0.1', 'version', '--format', '{{.Server.APIVersion}}'], cliEnv());
      expect(result).toEqual({ ok: true, output: '1.41\n' });
    });

    it('curl with the client files gets /_ping', async () => {
      const client = join(set, 'client');
      const result = await attempt('curl', ['-sS', '--cacert', join(client, 'ca.pem'), '--cert', join(client, 'cert.pem'), '--key', join(client, 'key.pem'), `https://127.0.0.1:${port}/_ping`]);
      expect(result).toEqual({ ok: true, output: 'OK' });
    });

    it('without a client certificate the daemon refuses', async () => {
      const caOnly = join(dir, 'ca-only');
      await mkdir(caOnly, { recursive: true });
      await copyFile(join(set, 'ca.pem'), join(caOnly, 'ca.pem'));
      const result = await dockerWith(caOnly, 'version', '--format', '{{.Server.APIVersion}}');
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/bad certificate|certificate required|tls/i);
      const curl = await attempt('curl', ['-sS', '--cacert', join(set, 'ca.pem'), `https://127.0.0.1:${port}/_ping`]);
      expect(curl.ok).toBe(false);
    });

    it('a client certificate from a different harden CA is refused', async () => {
      const other = join(dir, 'other');
      const init = await harden(['tls', 'init', '127.0.0.1', '--key-type', keyType, '--out', other]);
      expect(init.code).toBe(0);
      // The stranger trusts our CA for the server, but its own CA signed its client certificate.
      const stranger = join(dir, 'stranger');
      await mkdir(stranger, { recursive: true });
      await copyFile(join(set, 'ca.pem'), join(stranger, 'ca.pem'));
      await copyFile(join(other, 'client', 'cert.pem'), join(stranger, 'cert.pem'));
      await copyFile(join(other, 'client', 'key.pem'), join(stranger, 'key.pem'));
      const result = await dockerWith(stranger, 'version', '--format', '{{.Server.APIVersion}}');
      expect(result.ok).toBe(false);
      expect(result.output).not.toContain('1.41');
      // And the other set's CA does not trust our server.
      const wrongTrust = await dockerWith(join(other, 'client'), 'version', '--format', '{{.Server.APIVersion}}');
      expect(wrongTrust.ok).toBe(false);
      expect(wrongTrust.output).toMatch(/certificate signed by unknown authority|x509/);
    });

    it('plain HTTP to the TLS port fails', async () => {
      const result = await attempt('curl', ['-sS', '--max-time', '5', `http://127.0.0.1:${port}/_ping`]);
      expect(result.output).not.toBe('OK');
      expect(result.output).toMatch(/HTTP request to an HTTPS server/);
      const docker = await attempt('docker', ['-H', host, 'version', '--format', '{{.Server.APIVersion}}'], cliEnv());
      expect(docker.ok).toBe(false);
    });

    it('harden tls client issues a bundle that works against the same daemon, without the CA key', async () => {
      const alice = join(dir, 'alice');
      const result = await harden(['tls', 'client', 'alice', '--ca', set, '--out', alice]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`(${host})`);
      expect((await readdir(alice)).sort()).toEqual(['ca.pem', 'cert.pem', 'env.sh', 'key.pem']);
      await expect(access(join(alice, 'ca-key.pem'))).rejects.toThrow();
      expect(await dockerWith(alice, 'version', '--format', '{{.Server.APIVersion}}')).toEqual({ ok: true, output: '1.41\n' });
      const viaEnv = await attempt('sh', ['-c', `. ${join(alice, 'env.sh')} && docker version --format '{{.Server.APIVersion}}'`], cliEnv());
      expect(viaEnv).toEqual({ ok: true, output: '1.41\n' });
      const subject = await run('openssl', ['x509', '-in', join(alice, 'cert.pem'), '-noout', '-subject']);
      expect(subject.stdout.trim()).toBe('subject=CN = alice');
    });

    it('harden tls renew re-issues with the same names; after a dockerd restart the new certificates work', async () => {
      const oldClient = join(dir, 'old-client');
      await mkdir(oldClient, { recursive: true });
      for (const file of ['ca.pem', 'cert.pem', 'key.pem']) await copyFile(join(set, 'client', file), join(oldClient, file));
      const before = await serverSerial();
      const oldServerText = (await run('openssl', ['x509', '-in', join(set, 'server-cert.pem'), '-noout', '-ext', 'subjectAltName', '-subject'])).stdout;
      const caBefore = await readFile(join(set, 'ca.pem'), 'utf8');

      const result = await harden(['tls', 'renew', set, '--days', '30']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/restart/);
      expect(result.stdout).toContain('client "first"');
      expect(await readFile(join(set, 'ca.pem'), 'utf8')).toBe(caBefore);
      expect((await run('openssl', ['x509', '-in', join(set, 'server-cert.pem'), '-noout', '-ext', 'subjectAltName', '-subject'])).stdout).toBe(oldServerText);
      const verify = await run('openssl', ['verify', '-x509_strict', '-CAfile', join(set, 'ca.pem'), join(set, 'server-cert.pem'), join(set, 'client', 'cert.pem')]);
      expect(verify.stdout).toMatch(/server-cert.pem: OK\n.*cert.pem: OK\n/);

      // TLS is not reloaded on SIGHUP: until the restart dockerd serves the old certificate.
      expect(await serverSerial()).toBe(before);
      await stopDaemon();
      await startDaemon();
      const after = await serverSerial();
      expect(after).not.toBe(before);
      expect(after).toBe((await run('openssl', ['x509', '-in', join(set, 'server-cert.pem'), '-noout', '-serial'])).stdout.trim());
      expect(await dockerWith(join(set, 'client'), 'version', '--format', '{{.Server.APIVersion}}')).toEqual({ ok: true, output: '1.41\n' });
      // Same CA: a client certificate from before the renewal still works.
      expect(await dockerWith(oldClient, 'version', '--format', '{{.Server.APIVersion}}')).toEqual({ ok: true, output: '1.41\n' });
    });
  });
}
