// Fleet file mistakes are one-line errors with file:line:col, before any engine is contacted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOf, readFleetFile } from '../../src/fleet/fleet-file.js';

let dir = '';
let count = 0;
beforeAll(async () => {
  dir = await mkdtemp('/tmp/hd-cfleetfile-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function fleetFile(text: string): Promise<string> {
  const path = join(dir, `fleet-${++count}.yaml`);
  await writeFile(path, text);
  return path;
}

async function errorOf(text: string): Promise<string> {
  const path = await fleetFile(text);
  const error = await readFleetFile(path).then(() => null, (thrown: Error) => thrown);
  expect(error?.name).toBe('PolicyError');
  return (error?.message ?? '').replace(path, 'FLEET');
}

describe('fleet file', () => {
  it('reads entries, resolving certPath against the file and turning TLS on with verification', async () => {
    const path = await fleetFile('hosts:\n  - name: a\n    host: unix:///run/docker.sock\n  - name: b.example\n    host: tcp://10.0.0.5:2376\n    certPath: certs/b\n  - name: c\n    host: tcp://10.0.0.6:2376\n    certPath: /etc/c\n    tlsverify: false\n');
    const hosts = await readFleetFile(path);
    expect(hosts).toEqual([
      { name: 'a', host: 'unix:///run/docker.sock', certPath: null, tlsverify: null },
      { name: 'b.example', host: 'tcp://10.0.0.5:2376', certPath: join(dir, 'certs/b'), tlsverify: null },
      { name: 'c', host: 'tcp://10.0.0.6:2376', certPath: '/etc/c', tlsverify: false },
    ]);
    expect(connectionOf(hosts[1]!, 'fleet.yaml')).toEqual({ flags: { host: 'tcp://10.0.0.5:2376', tlsVerify: true, hostGivenBy: { origin: 'host "b.example" of fleet.yaml', howToChoose: 'fix its entry in fleet.yaml' } }, env: { DOCKER_CERT_PATH: join(dir, 'certs/b') } });
    expect(connectionOf(hosts[2]!, 'fleet.yaml')).toEqual({ flags: { host: 'tcp://10.0.0.6:2376', tlsVerify: false, tls: true, hostGivenBy: { origin: 'host "c" of fleet.yaml', howToChoose: 'fix its entry in fleet.yaml' } }, env: { DOCKER_CERT_PATH: '/etc/c' } });
  });

  it.each([
    ['hosts:\n  - name: a\n    host: tcp://h:1\n  - name: a\n    host: tcp://h:2\n', 'FLEET:4:11: /hosts/1/name: duplicate name "a" (also entry 1)'],
    ['hosts:\n  - name: a\n    hots: tcp://h:1\n', 'FLEET:3:5: /hosts/0/hots: unknown key "hots" (expected name, host, certPath, tlsverify)'],
    ['hosts:\n  - name: a\n    host: ftp://h\n', 'FLEET:3:11: /hosts/0/host: invalid Docker host "ftp://h" (fleet entry a): unknown scheme "ftp://"'],
    ['hosts:\n  - name: a\n', 'FLEET:2:5: /hosts/0: missing "host": expected an engine URL such as tcp://10.0.0.5:2376 or unix:///var/run/docker.sock'],
    ['hosts:\n  - name: a\n    host: unix:///x.sock\n    certPath: /c\n', 'FLEET:4:15: /hosts/0/certPath: TLS settings apply to tcp:// engines, not to a unix socket'],
    ['hosts:\n  - name: a\n    host: tcp://h:1\n    tlsverify: "yes"\n', 'FLEET:4:16: /hosts/0/tlsverify: expected true or false'],
    ['hosts: []\n', 'FLEET:1:8: /hosts: expected a non-empty list of engines, each with "name" and "host"'],
    ['engines:\n  - name: a\n', 'FLEET:1:1: /engines: unknown key "engines" (a fleet file has only "hosts")'],
    ['hosts:\n  - name: a\n    host: [tcp\n', 'FLEET:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented'],
  ])('rejects %j', async (text, expected) => {
    expect(await errorOf(text)).toContain(expected);
  });

  it('names a missing file', async () => {
    await expect(readFleetFile('/tmp/hd-no-such-fleet.yaml')).rejects.toThrow('/tmp/hd-no-such-fleet.yaml: cannot read fleet file (no such file)');
  });
});
