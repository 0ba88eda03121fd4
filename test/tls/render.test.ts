import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { contextCommand, renderClientEnv, renderDaemonJson, renderDropIn } from '../../src/tls/render.js';
import { shellQuote } from '../../src/util/shell-quote.js';

const run = promisify(execFile);

describe('tls templates', () => {
  const daemon = { daemonDir: '/etc/docker', listen: 'tcp://0.0.0.0:2376', localSocket: 'unix:///var/run/docker.sock' };

  it('daemon.json lists the TLS files under --daemon-dir and both hosts', () => {
    expect(JSON.parse(renderDaemonJson(daemon))).toEqual({
      tlsverify: true,
      tlscacert: '/etc/docker/ca.pem',
      tlscert: '/etc/docker/server-cert.pem',
      tlskey: '/etc/docker/server-key.pem',
      hosts: ['tcp://0.0.0.0:2376', 'unix:///var/run/docker.sock'],
    });
    expect(JSON.parse(renderDaemonJson({ ...daemon, daemonDir: '/srv/"odd" dir' })).tlskey).toBe('/srv/"odd" dir/server-key.pem');
  });

  it('the drop-in clears ExecStart and starts dockerd without -H', () => {
    const lines = renderDropIn(daemon).split('\n').filter((line) => !line.startsWith('#') && line !== '');
    expect(lines).toEqual(['[Service]', 'ExecStart=', 'ExecStart=dockerd --containerd=/run/containerd/containerd.sock']);
    expect(renderDropIn(daemon)).toContain('/etc/docker/daemon.json');
  });

  it('env.sh exports what the docker CLI reads, quoted for sh, and names the context command', async () => {
    const connection = { host: 'tcp://docker.example.test:2376', certPath: "/home/o'brien/docker tls/client" };
    const env = renderClientEnv('init', connection);
    const { stdout } = await run('sh', ['-c', `${env}\nprintf '%s|%s|%s' "$DOCKER_HOST" "$DOCKER_TLS_VERIFY" "$DOCKER_CERT_PATH"`]);
    expect(stdout).toBe("tcp://docker.example.test:2376|1|/home/o'brien/docker tls/client");
    expect(env).toContain(`#   ${contextCommand(connection)}\n`);
    expect(contextCommand(connection)).toMatch(/^docker context create harden-docker\.example\.test --docker 'host=tcp:\/\/docker\.example\.test:2376,ca=/);
  });

  it('shellQuote leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('tcp://10.0.0.5:2376')).toBe('tcp://10.0.0.5:2376');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's $HOME")).toBe("'it'\\''s $HOME'");
  });
});
