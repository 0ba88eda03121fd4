// Bad input: one-line errors naming file, container, field and what was expected.
import { describe, expect, it } from 'vitest';
import { fromInspect, parseInspectDocument } from '../../src/spec/from-inspect.js';
import { InspectError } from '../../src/spec/inspect-error.js';
import { findJsonSyntaxProblem } from '../../src/spec/json-syntax.js';
import { TEST_SOURCE, inspectJson, type ContainerParts } from './support.js';

function errorOf(action: () => unknown): InspectError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InspectError);
    expect((error as Error).message).not.toContain('\n');
    return error as InspectError;
  }
  throw new Error('expected an InspectError');
}

const normalizeError = (parts: ContainerParts, index = 3) =>
  errorOf(() => fromInspect(inspectJson(parts), { source: TEST_SOURCE, index }));

describe('fromInspect rejects wrong types with the file, container and field', () => {
  const cases: [ContainerParts, string][] = [
    [{ HostConfig: { CapAdd: 'SYS_ADMIN' } }, 'HostConfig.CapAdd must be an array of strings or null'],
    [{ HostConfig: { CapDrop: ['ALL', 7] } }, 'HostConfig.CapDrop must be an array of strings or null'],
    [{ HostConfig: { Privileged: 'true' } }, 'HostConfig.Privileged must be true or false'],
    [{ HostConfig: { SecurityOpt: 'no-new-privileges' } }, 'HostConfig.SecurityOpt must be an array of strings or null'],
    [{ HostConfig: { Memory: '64m' } }, 'HostConfig.Memory must be a number'],
    [{ HostConfig: { NetworkMode: 1 } }, 'HostConfig.NetworkMode must be a string'],
    [{ HostConfig: { Tmpfs: { '/usr': 1 } } }, 'HostConfig.Tmpfs["/usr"] must be a string'],
    [{ HostConfig: { Binds: '/etc:/etc' } }, 'HostConfig.Binds must be an array of strings or null'],
    [{ HostConfig: { Mounts: [{ Type: 'bind', Source: '/x' }] } }, 'HostConfig.Mounts[0].Target must be a string'],
    [{ HostConfig: { Devices: [{ PathInContainer: '/dev/x' }] } }, 'HostConfig.Devices[0].PathOnHost must be a string'],
    [{ HostConfig: { Ulimits: [{ Name: 'nofile', Soft: '1' }] } }, 'HostConfig.Ulimits[0].Soft must be a number'],
    [{ HostConfig: { RestartPolicy: 'always' } }, 'HostConfig.RestartPolicy must be an object or null'],
    [{ HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: 80 }] } } }, 'HostConfig.PortBindings["80/tcp"][0].HostPort must be a string'],
    [{ HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: 'eighty' }] } } }, 'HostConfig.PortBindings["80/tcp"][0].HostPort must be a port number or empty'],
    [{ HostConfig: { PortBindings: { http: [] } } }, 'HostConfig.PortBindings["http"] must be keyed by a port like 80/tcp'],
    [{ NetworkSettings: { Ports: { '80/tcp': 'x' } } }, 'NetworkSettings.Ports["80/tcp"] must be an array of {HostIp, HostPort} or null'],
    [{ Mounts: {} }, 'Mounts must be an array of objects or null'],
    [{ Mounts: ['/etc:/etc'] }, 'Mounts[0] must be an object'],
    [{ Mounts: [{ Type: 'bind', Source: '/etc', Destination: '/e', RW: 'no' }] }, 'Mounts[0].RW must be true or false'],
    [{ Mounts: [{ Type: 'bind', Source: '/etc' }] }, 'Mounts[0].Destination must be a string'],
    [{ Config: { User: 0 } }, 'Config.User must be a string'],
    [{ Config: { Labels: { team: 1 } } }, 'Config.Labels["team"] must be a string'],
    [{ Config: { Healthcheck: { Test: 'CMD true' } } }, 'Config.Healthcheck.Test must be an array of strings or null'],
    [{ State: { Running: 1 } }, 'State.Running must be true or false'],
    [{ top: { HostConfig: [] } }, 'HostConfig must be an object or null'],
    [{ top: { AppArmorProfile: false } }, 'AppArmorProfile must be a string'],
  ];
  it.each(cases)('%j', (parts, problem) => {
    const error = normalizeError(parts);
    expect(error.message).toBe(`containers.json: container 3 (web): ${problem}`);
    expect(error.file).toBe('containers.json');
    expect(error.index).toBe(3);
    expect(error.containerName).toBe('web');
    expect(error.field).toBe(problem.split(' must ')[0]);
  });

  it('names the container by index only when its name is unusable', () => {
    expect(normalizeError({ top: { Name: 42 } }).message).toBe('containers.json: container 3: Name must be a string');
    expect(normalizeError({ top: { Id: null } }).message).toBe('containers.json: container 3: Id must be a string');
  });

  it('names the container without an index when none is given (live engine)', () => {
    const error = errorOf(() => fromInspect(inspectJson({ HostConfig: { CapAdd: 'ALL' } }), { source: { kind: 'engine', location: 'unix:///var/run/docker.sock' } }));
    expect(error.message).toBe('unix:///var/run/docker.sock: container web: HostConfig.CapAdd must be an array of strings or null');
  });

  it.each([
    [null, 'containers.json: container 3: must be an object (one container as printed by docker inspect)'],
    ['web', 'containers.json: container 3: must be an object (one container as printed by docker inspect)'],
    [[], 'containers.json: container 3: must be an object (one container as printed by docker inspect)'],
    [{ Id: 'sha256:abc', RepoTags: ['nginx:1'] }, 'containers.json: container 3 (sha256:abc): is an image, not a container (it has RepoTags and no State)'],
  ])('rejects %j as a container', (raw, message) => {
    expect(errorOf(() => fromInspect(raw, { source: TEST_SOURCE, index: 3 })).message).toBe(message);
  });
});

describe('fromInspect tolerates what older APIs leave out', () => {
  it('normalizes a container that has nothing but an Id', () => {
    const spec = fromInspect({ Id: '0123456789abcdef0123' }, { source: TEST_SOURCE });
    expect(spec.name).toBe('0123456789ab');
    expect(spec.capabilities.effective).toHaveLength(14);
    expect(spec.mounts).toEqual([]);
    expect(spec.state).toEqual({ status: 'created', running: false, exitCode: null, startedAt: null });
    expect(spec.image).toEqual({ ref: '', id: null, repository: '', tag: null, digest: null });
    expect(spec.security.apparmor.mode).toBe('unavailable');
    expect(spec.namespaces.network.mode).toBe('private');
  });
});

describe('parseInspectDocument', () => {
  it('accepts docker inspect array output and a single object', () => {
    expect(parseInspectDocument('[{"Id":"a"},{"Id":"b"}]\n', 'x.json')).toEqual([{ Id: 'a' }, { Id: 'b' }]);
    expect(parseInspectDocument('{"Id":"a"}', 'x.json')).toEqual([{ Id: 'a' }]);
    expect(parseInspectDocument('[]', 'x.json')).toEqual([]);
    expect(parseInspectDocument('\uFEFF[{"Id":"a"}]', 'x.json')).toEqual([{ Id: 'a' }]);
  });

  it.each([
    ['', 'x.json: is empty; expected docker inspect output (a JSON array of containers)'],
    [' \n\t', 'x.json: is empty; expected docker inspect output (a JSON array of containers)'],
    ['"text"', 'x.json: must be a JSON array of containers (docker inspect output) or a single container object'],
    ['42', 'x.json: must be a JSON array of containers (docker inspect output) or a single container object'],
    ['null', 'x.json: must be a JSON array of containers (docker inspect output) or a single container object'],
    ['[\n  {\n    "Id": "a",\n  }\n]', 'x.json: invalid JSON at line 4, column 3: expected a double-quoted property name (found "}")'],
    ['[\n  {"Id": tru}\n]', 'x.json: invalid JSON at line 2, column 10: expected a JSON value (found "t")'],
    ['[{"Id": "a"}', 'x.json: invalid JSON at line 1, column 13: expected \',\' or \']\' after an array element (found end of input)'],
    ['[{"Id": "a"}]]', 'x.json: invalid JSON at line 1, column 14: unexpected text after the end of the JSON value (found "]")'],
    ['[{"Id" "a"}]', 'x.json: invalid JSON at line 1, column 8: expected \':\' after a property name (found "\\"")'],
    ['\r\n[1,\r\n 2 3]', 'x.json: invalid JSON at line 3, column 4: expected \',\' or \']\' after an array element (found "3")'],
    ['["a\tb"]', 'x.json: invalid JSON at line 1, column 4: control characters must be escaped in strings (found "\\t")'],
    ['["\\x"]', 'x.json: invalid JSON at line 1, column 4: invalid escape in string (found "x")'],
    ['[01]', 'x.json: invalid JSON at line 1, column 3: expected \',\' or \']\' after an array element (found "1")'],
    ['{"a": "b', 'x.json: invalid JSON at line 1, column 9: unterminated string (found end of input)'],
  ])('%j', (text, message) => {
    const error = errorOf(() => parseInspectDocument(text, 'x.json'));
    expect(error.message).toBe(message);
    expect(error.index).toBeNull();
  });

  it('the syntax scanner agrees with JSON.parse on valid documents', () => {
    for (const text of ['[]', '{}', '[{"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"]}]', ' \n{"k" : { } } \n']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxProblem(text)).toBeNull();
    }
  });
});
