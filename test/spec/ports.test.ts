import { describe, expect, it } from 'vitest';
import { makePortBinding, parsePortKey } from '../../src/spec/ports.js';
import type { PortBinding } from '../../src/spec/types.js';
import { specOf } from './support.js';

const port = (containerPort: number, protocol: string, hostIp: string, hostPort: number | null): PortBinding =>
  makePortBinding(containerPort, protocol, hostIp, hostPort);

describe('makePortBinding', () => {
  it.each([
    ['', 8080, true, false],
    ['0.0.0.0', 80, true, true],
    ['::', 443, true, true],
    ['[::]', 443, true, true],
    ['127.0.0.1', 80, false, true],
    ['::1', 1023, false, true],
    ['fe80::1%eth0', 1024, false, false],
    ['2001:db8::10', 22, false, true],
    ['', null, true, false],
    ['0.0.0.0', 0, true, false],
  ] as [string, number | null, boolean, boolean][])('host %j port %j', (hostIp, hostPort, allInterfaces, privilegedHostPort) => {
    expect(port(80, 'tcp', hostIp, hostPort)).toEqual({ containerPort: 80, protocol: 'tcp', hostIp, hostPort, allInterfaces, privilegedHostPort });
  });
});

describe('parsePortKey', () => {
  it.each([
    ['80/tcp', [80, 'tcp']],
    ['53/udp', [53, 'udp']],
    ['132/SCTP', [132, 'sctp']],
    ['8080', [8080, 'tcp']],
    ['http/tcp', null],
    ['70000/tcp', null],
    ['', null],
  ] as [string, [number, string] | null][])('%j', (key, expected) => {
    expect(parsePortKey(key)).toEqual(expected);
  });
});

describe('ports from inspect JSON', () => {
  const cases: [string, Parameters<typeof specOf>[0], PortBinding[]][] = [
    ['runtime bindings, IPv4 and IPv6 kept intact', {
      NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }], '9000/tcp': null } },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } },
    }, [port(80, 'tcp', '0.0.0.0', 8080), port(80, 'tcp', '::', 8080)]],
    ['created container: only the configuration exists', {
      State: { Status: 'created', Running: false, StartedAt: '0001-01-01T00:00:00Z' },
      NetworkSettings: { Ports: null },
      HostConfig: { PortBindings: { '443/tcp': [{ HostIp: '', HostPort: '443' }], '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    }, [port(443, 'tcp', '', 443), port(53, 'udp', '127.0.0.1', null)]],
    ['stopped container: NetworkSettings.Ports absent', {
      NetworkSettings: {},
      HostConfig: { PortBindings: { '22/tcp': [{ HostIp: '2001:db8::1', HostPort: '2222' }] } },
    }, [port(22, 'tcp', '2001:db8::1', 2222)]],
    ['a port only in the runtime view (ephemeral resolved)', {
      NetworkSettings: { Ports: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '49153' }] } },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }], '81/tcp': [{ HostIp: '', HostPort: '81' }] } },
    }, [port(8080, 'tcp', '127.0.0.1', 49153), port(81, 'tcp', '', 81)]],
    ['-P on a container that has not started: exposed ports on ephemeral host ports', {
      NetworkSettings: { Ports: {} },
      Config: { ExposedPorts: { '80/tcp': {}, '443/tcp': {} } },
      HostConfig: { PublishAllPorts: true, PortBindings: { '443/tcp': [{ HostIp: '', HostPort: '8443' }] } },
    }, [port(443, 'tcp', '', 8443), port(80, 'tcp', '', null)]],
    ['exposed but not published', {
      Config: { ExposedPorts: { '80/tcp': {} } },
      NetworkSettings: { Ports: { '80/tcp': null } },
      HostConfig: { PortBindings: {} },
    }, []],
    ['no ports anywhere', { NetworkSettings: { Ports: null }, HostConfig: { PortBindings: null } }, []],
  ];
  it.each(cases)('%s', (_label, parts, expected) => {
    expect(specOf(parts).ports).toEqual(expected);
  });
});
