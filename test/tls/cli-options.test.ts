// src/cli/tls.ts repeats a few domain constants so `--help` loads no tls module;
// this keeps the two from drifting.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { tlsClientCommand, tlsInitCommand, tlsRenewCommand } from '../../src/cli/tls.js';
import { DEFAULT_LISTEN, DEFAULT_LOCAL_SOCKET } from '../../src/tls/addresses.js';
import { KEY_TYPES } from '../../src/tls/keys.js';
import { DEFAULT_CA_DAYS, DEFAULT_LEAF_DAYS } from '../../src/tls/profile.js';

function defaults(module: typeof tlsInitCommand): Record<string, unknown> {
  const command = new Command(module.path.join(' '));
  module.configure(command);
  return Object.fromEntries(command.options.map((option) => [option.attributeName(), option.defaultValue]));
}

describe('tls command options', () => {
  it('init defaults match the domain defaults', () => {
    expect(defaults(tlsInitCommand)).toMatchObject({
      keyType: 'ecdsa-p256',
      days: String(DEFAULT_LEAF_DAYS),
      caDays: String(DEFAULT_CA_DAYS),
      listen: DEFAULT_LISTEN,
      localSocket: DEFAULT_LOCAL_SOCKET,
      daemonDir: '/etc/docker',
      clientName: 'client',
    });
  });

  it('init adds localhost unless --no-localhost', () => {
    const parse = (...args: string[]): Record<string, unknown> => {
      const command = new Command('init').exitOverride();
      tlsInitCommand.configure(command);
      return command.parse(['docker.example.test', '--out', 'dir', ...args], { from: 'user' }).opts();
    };
    expect(parse().localhost).toBe(true);
    expect(parse('--no-localhost').localhost).toBe(false);
  });

  it('init --help names every key type', () => {
    const command = new Command('init');
    tlsInitCommand.configure(command);
    expect(command.options.find((option) => option.long === '--key-type')?.description).toBe(`key type: ${KEY_TYPES.join(', ')}`);
  });

  it('client and renew default to the same leaf lifetime', () => {
    expect(defaults(tlsClientCommand).days).toBe(String(DEFAULT_LEAF_DAYS));
    expect(defaults(tlsRenewCommand).days).toBe(String(DEFAULT_LEAF_DAYS));
  });

  it('no tls command takes a passphrase on the command line', () => {
    for (const module of [tlsInitCommand, tlsClientCommand, tlsRenewCommand]) {
      const command = new Command('x');
      module.configure(command);
      expect(command.options.map((option) => option.long)).not.toContain('--ca-passphrase');
    }
  });
});
