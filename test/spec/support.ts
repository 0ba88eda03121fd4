// Builders for hand-made inspect JSON: a minimal container plus the fields a test cares about.
import { readFileSync } from 'node:fs';
import { fromInspect } from '../../src/spec/from-inspect.js';
import type { ContainerSpec, SpecSource } from '../../src/spec/types.js';

export const FIXTURE_DIR = new URL('../fixtures/inspect/', import.meta.url);
/** The engine socket the fixtures were recorded on. */
export const FIXTURE_ENGINE_SOCKET = '/tmp/hd-t2/docker.sock';
export const TEST_SOURCE: SpecSource = { kind: 'inspect-file', location: 'containers.json' };

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURE_DIR), 'utf8'));
}

type Section = Record<string, unknown>;

export interface ContainerParts {
  top?: Section;
  State?: Section;
  Config?: Section;
  HostConfig?: Section;
  NetworkSettings?: Section;
  Mounts?: unknown;
}

/** A running container with Docker's defaults, with each section's fields overridden by `parts`. */
export function inspectJson(parts: ContainerParts = {}): Record<string, unknown> {
  return {
    Id: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
    Name: '/web',
    Image: 'sha256:b6e6fae39b21b0152e5ee5fac500f2671bf14d834b7fc163d375b0f2c3cc704d',
    AppArmorProfile: '',
    State: { Status: 'running', Running: true, ExitCode: 0, StartedAt: '2026-11-28T04:00:00Z', ...parts.State },
    Config: { User: '', Image: 'local/busybox:1', Labels: {}, ...parts.Config },
    HostConfig: { NetworkMode: 'none', Privileged: false, CapAdd: null, CapDrop: null, SecurityOpt: null, ...parts.HostConfig },
    NetworkSettings: { Ports: {}, ...parts.NetworkSettings },
    Mounts: parts.Mounts ?? [],
    ...parts.top,
  };
}

export function specOf(parts: ContainerParts = {}, engineSocket: string | null = null): ContainerSpec {
  return fromInspect(inspectJson(parts), { source: TEST_SOURCE, engineSocket, index: 0 });
}
