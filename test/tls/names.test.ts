import { describe, expect, it } from 'vitest';
import { classifyName, checkClientName, serverNames } from '../../src/tls/names.js';
import { dialAddress, parseListen, parseLocalSocket } from '../../src/tls/addresses.js';
import { TlsInputError } from '../../src/tls/errors.js';

function rejection(name: string): string {
  try {
    classifyName(name);
  } catch (error) {
    expect(error).toBeInstanceOf(TlsInputError);
    return (error as Error).message;
  }
  throw new Error(`expected "${name}" to be rejected`);
}

describe('classifyName', () => {
  it.each([
    ['docker.example.com', { kind: 'dns', value: 'docker.example.com' }],
    ['Docker.Example.COM', { kind: 'dns', value: 'docker.example.com' }],
    ['localhost', { kind: 'dns', value: 'localhost' }],
    ['my_host-1', { kind: 'dns', value: 'my_host-1' }],
    ['*.nodes.example.com', { kind: 'dns', value: '*.nodes.example.com' }],
    ['10.0.0.5', { kind: 'ip', value: '10.0.0.5' }],
    ['::1', { kind: 'ip', value: '::1' }],
    ['FD00::5', { kind: 'ip', value: 'fd00::5' }],
  ])('accepts %s', (name, expected) => {
    expect(classifyName(name)).toEqual(expected);
  });

  it.each([
    ['tcp://docker.example.com', /has a scheme/],
    ['https://10.0.0.5', /has a scheme/],
    ['docker.example.com:2376', /has a port/],
    ['10.0.0.5:2376', /has a port/],
    ['[::1]', /brackets/],
    ['localhost.', /trailing dot/],
    ['docker.example.com.', /trailing dot/],
    ['0.0.0.0', /wildcard address/],
    ['::', /wildcard address/],
    ['0:0:0:0:0:0:0:0', /wildcard address/],
    ['docker example', /whitespace/],
    [' docker', /whitespace/],
    ['', /empty/],
    ['a..b', /empty label/],
    ['.example.com', /empty label/],
    ['-bad.example.com', /not a DNS label/],
    ['exa$mple.com', /not a DNS label/],
    ['*.com', /wildcard/],
    ['a.*.example.com', /wildcard/],
    ['fe80::1%eth0', /zone/],
    ['a:b', /neither an IP address nor a DNS name/],
  ])('rejects %j', (name, why) => {
    const message = rejection(name);
    expect(message).toContain(`"${name}"`);
    expect(message).toMatch(why);
  });

  it('rejects labels over 63 characters and names over 253', () => {
    expect(rejection(`${'a'.repeat(64)}.example.com`)).toMatch(/not a DNS label/);
    expect(rejection(Array.from({ length: 50 }, () => 'abcde').join('.'))).toMatch(/longer than 253/);
  });
});

describe('serverNames', () => {
  it('adds localhost and 127.0.0.1 after the given names, without duplicates', () => {
    expect(serverNames(['docker.example.com', '127.0.0.1', 'docker.example.com'], true)).toEqual([
      { kind: 'dns', value: 'docker.example.com' },
      { kind: 'ip', value: '127.0.0.1' },
      { kind: 'dns', value: 'localhost' },
    ]);
  });

  it('leaves them out with --no-localhost', () => {
    expect(serverNames(['10.0.0.5'], false)).toEqual([{ kind: 'ip', value: '10.0.0.5' }]);
  });
});

describe('client names', () => {
  it('accepts any printable Common Name up to 64 characters', () => {
    expect(checkClientName('ci pipeline (deploy)')).toBe('ci pipeline (deploy)');
    expect(() => checkClientName('')).toThrow(/non-empty/);
    expect(() => checkClientName('x'.repeat(65))).toThrow(/64 characters/);
    expect(() => checkClientName('a\nb')).toThrow(/control characters/);
  });
});

describe('daemon addresses', () => {
  const names = serverNames(['docker.example.com', '10.0.0.5'], true);

  it('dials the first name when the daemon listens on a wildcard address', () => {
    expect(dialAddress(parseListen('tcp://0.0.0.0:2376'), names)).toEqual({ url: 'tcp://docker.example.com:2376' });
    expect(dialAddress(parseListen('tcp://[::]:2377'), names)).toEqual({ url: 'tcp://docker.example.com:2377' });
  });

  it('dials the listen address when it is one of the names', () => {
    expect(dialAddress(parseListen('tcp://10.0.0.5:2376'), names)).toEqual({ url: 'tcp://10.0.0.5:2376' });
    expect(dialAddress(parseListen('tcp://[::1]:2376'), serverNames(['::1'], false))).toEqual({ url: 'tcp://[::1]:2376' });
  });

  it('warns when the listen address is not a name of the certificate', () => {
    const dial = dialAddress(parseListen('tcp://192.168.1.9:2376'), names);
    expect(dial.url).toBe('tcp://docker.example.com:2376');
    expect(dial.warning).toMatch(/192\.168\.1\.9 is not one of the certificate's names/);
  });

  it('takes only tcp:// listen addresses and absolute unix sockets', () => {
    expect(() => parseListen('unix:///var/run/docker.sock')).toThrow(/--listen: expected tcp:\/\/ADDRESS:PORT/);
    expect(parseLocalSocket('/tmp/hd-x/docker.sock')).toBe('unix:///tmp/hd-x/docker.sock');
    expect(parseLocalSocket('unix:///var/run/docker.sock')).toBe('unix:///var/run/docker.sock');
    expect(() => parseLocalSocket('docker.sock')).toThrow(/--local-socket/);
  });
});
