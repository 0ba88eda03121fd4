// Every kind of bad policy input becomes one PolicyError line: file:line:col: /pointer: what was expected.
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/policy/errors.js';
import { loadError, loadFake, policyDir } from './fakes.js';

const WAIVER = '  - check: no-privileged\n    container: ci-*\n    reason: nested containers\n    owner: ci-team\n';
const CUSTOM = '    title: t\n    severity: low\n    message: m\n    remediation: { run: r, compose: c }\n';

const cases: { name: string; file?: string; text: string; extra?: Record<string, string>; message: string }[] = [
  {
    name: 'malformed YAML',
    text: 'name: x\nchecks:\n  no-privileged: [true\n',
    message: 'p.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  },
  {
    name: 'duplicate YAML keys',
    text: 'name: x\nname: y\n',
    message: 'p.yaml:2:1: invalid YAML: Map keys must be unique',
  },
  {
    name: 'malformed JSON',
    file: 'p.json',
    text: '{\n  "name": "x",\n  "checks": {\n    "no-privileged": true,\n  }\n}\n',
    message: 'p.json:5:3: invalid JSON: Expected double-quoted property name',
  },
  {
    name: 'wrong type in JSON (positions come from the JSON text)',
    file: 'p.json',
    text: '{\n  "name": "x",\n  "checks": {\n    "no-privileged": 5\n  }\n}\n',
    message: 'p.json:4:22: /checks/no-privileged: must be true, false, "off" or an object (got 5)',
  },
  {
    name: 'wrong type',
    text: 'name: x\nchecks: [no-privileged]\n',
    message: 'p.yaml:2:9: /checks: must be an object (got ["no-privileged"])',
  },
  {
    name: 'check switched with an unknown word',
    text: 'name: x\nchecks:\n  no-privileged: on\n',
    message: 'p.yaml:3:18: /checks/no-privileged: must be true, false, "off" or an object (got "on")',
  },
  {
    name: 'unknown check id',
    text: 'name: x\nchecks:\n  no-privilegd: true\n',
    message: 'p.yaml:3:3: /checks/no-privilegd: unknown check id "no-privilegd" (did you mean "no-privileged"?)',
  },
  {
    name: 'unknown property',
    text: 'name: x\nchecks:\n  capabilities:\n    paramz: {}\n',
    message: 'p.yaml:4:5: /checks/capabilities/paramz: unknown property "paramz" (did you mean "params"?)',
  },
  {
    name: 'unknown top-level property',
    text: 'name: x\nwaiver: []\n',
    message: 'p.yaml:2:1: /waiver: unknown property "waiver" (did you mean "waivers"?)',
  },
  {
    name: 'missing name',
    text: 'description: no name\n',
    message: 'p.yaml:1:1: /: missing required property "name"',
  },
  {
    name: 'bad policy name',
    text: 'name: Payments Prod\n',
    message:
      'p.yaml:1:7: /name: must be a name of lower-case letters, digits, ".", "_" or "-" that starts with a letter or digit (got "Payments Prod")',
  },
  {
    name: 'bad severity',
    text: 'name: x\nchecks:\n  capabilities: { severity: severe }\n',
    message: 'p.yaml:3:29: /checks/capabilities/severity: must be one of "critical", "high", "medium", "low", "info" (got "severe")',
  },
  {
    name: 'bad params: value outside a long enum',
    text: 'name: x\nchecks:\n  capabilities:\n    params:\n      allowed: [NET_BIND_SERVICE, SYS_ADMN]\n',
    message:
      'p.yaml:5:35: /checks/capabilities/params/allowed/1: must be one of the allowed values (got "SYS_ADMN"; did you mean "SYS_ADMIN"?)',
  },
  {
    name: 'bad params: number out of range',
    text: 'name: x\nchecks:\n  memory-limit: { params: { minimumBytes: -1 } }\n',
    message: 'p.yaml:3:43: /checks/memory-limit/params/minimumBytes: must be >= 0 (got -1)',
  },
  {
    name: 'bad params: unknown parameter',
    text: 'name: x\nchecks:\n  memory-limit:\n    params:\n      minimum: 5\n',
    message: 'p.yaml:5:7: /checks/memory-limit/params/minimum: unknown property "minimum" (expected minimumBytes or requireReservation)',
  },
  {
    name: 'bad params on a check without parameters',
    text: 'name: x\nchecks:\n  no-privileged:\n    params: { strict: true }\n',
    message: 'p.yaml:4:15: /checks/no-privileged/params/strict: unknown property "strict" (this object takes no properties)',
  },
  {
    name: 'waiver without expiry',
    text: `name: x\nwaivers:\n${WAIVER}`,
    message: 'p.yaml:3:5: /waivers/0: missing required property "expires"',
  },
  {
    name: 'waiver expiry not written YYYY-MM-DD',
    text: `name: x\nwaivers:\n${WAIVER}    expires: 31/03/2027\n`,
    message: 'p.yaml:7:14: /waivers/0/expires: must be a date written YYYY-MM-DD (got "31/03/2027")',
  },
  {
    name: 'waiver expiry that is not a calendar date',
    text: `name: x\nwaivers:\n${WAIVER}    expires: 2027-02-30\n`,
    message: 'p.yaml:7:14: /waivers/0/expires: must be a real calendar date (got "2027-02-30")',
  },
  {
    name: 'waiver naming neither container nor image',
    text: 'name: x\nwaivers:\n  - check: no-privileged\n    reason: r\n    owner: o\n    expires: 2027-03-31\n',
    message: 'p.yaml:3:5: /waivers/0: a waiver must name a "container" glob, an "image" glob, or both (waivers are never global)',
  },
  {
    name: 'waiver for an unknown check',
    text: `name: x\nwaivers:\n${WAIVER.replace('no-privileged', 'no-privilegd')}    expires: 2027-03-31\n`,
    message: 'p.yaml:3:12: /waivers/0/check: unknown check id "no-privilegd" (did you mean "no-privileged"?)',
  },
  {
    name: 'invalid glob in a scope',
    text: 'name: x\nchecks:\n  no-privileged:\n    scope:\n      names: [web-*, "web-[a"]\n',
    message: 'p.yaml:5:22: /checks/no-privileged/scope/names/1: invalid glob "web-[a": unbalanced "[" at character 5',
  },
  {
    name: 'invalid glob in a label selector',
    text: 'name: x\nchecks:\n  no-privileged:\n    scope:\n      exclude: { labels: { tier: "[z-a]" } }\n',
    message:
      'p.yaml:5:34: /checks/no-privileged/scope/exclude/labels/tier: invalid glob "[z-a]": bad character class [z-a] (a range must go from low to high, e.g. [a-z])',
  },
  {
    name: 'invalid glob in a waiver',
    text: 'name: x\nwaivers:\n  - check: no-privileged\n    image: "gitlab/[runner"\n    reason: r\n    owner: o\n    expires: 2027-03-31\n',
    message: 'p.yaml:4:12: /waivers/0/image: invalid glob "gitlab/[runner": unbalanced "[" at character 8',
  },
  {
    name: 'custom check id without "/"',
    text: `name: x\ncustom:\n  - id: no-latest\n${CUSTOM}    assert: {}\n`,
    message:
      'p.yaml:3:9: /custom/0/id: must be a custom check id with a "/" such as "org/no-latest-tag", in lower-case letters, digits, ".", "_" or "-" (got "no-latest")',
  },
  {
    name: 'duplicate custom id',
    text: `name: x\ncustom:\n  - id: org/a\n${CUSTOM}    assert: {}\n  - id: org/a\n${CUSTOM}    assert: {}\n`,
    message: 'p.yaml:9:9: /custom/1/id: duplicate custom check id "org/a" (already defined at p.yaml:3:9)',
  },
  {
    name: 'duplicate custom id across extends',
    text: `name: x\nextends: ./base.yaml\ncustom:\n  - id: org/a\n${CUSTOM}    assert: {}\n`,
    extra: { 'base.yaml': `name: base\ncustom:\n  - id: org/a\n${CUSTOM}    assert: {}\n` },
    message: 'p.yaml:4:9: /custom/0/id: duplicate custom check id "org/a" (already defined at base.yaml:3:9)',
  },
  {
    name: 'uncompilable assert: unknown keyword',
    text: `name: x\ncustom:\n  - id: org/a\n${CUSTOM}    assert: { propertes: {} }\n`,
    message: 'p.yaml:8:13: /custom/0/assert: assertion of "org/a" does not compile: strict mode: unknown keyword: "propertes"',
  },
  {
    name: 'uncompilable assert: not JSON Schema',
    text: `name: x\ncustom:\n  - id: org/a\n${CUSTOM}    assert: { properties: { image: { type: strin } } }\n`,
    message:
      'p.yaml:8:44: /custom/0/assert/properties/image/type: assertion of "org/a" is not valid JSON Schema: must be one of "array", "boolean", "integer", "null", "number", "object", "string" or a list (got "strin"; did you mean "string"?)',
  },
  {
    name: 'extends of the wrong type',
    text: 'name: x\nextends: 5\n',
    message: 'p.yaml:2:10: /extends: must be a string or a list (got 5)',
  },
  {
    name: 'empty extends list (the branch with the right type got further)',
    text: 'name: x\nextends: []\n',
    message: 'p.yaml:2:10: /extends: must not be an empty list',
  },
  {
    name: 'missing extends file',
    text: 'name: x\nextends: ./missing.yaml\n',
    message: 'p.yaml:2:10: /extends: policy file not found: missing.yaml',
  },
  {
    name: 'extends a file with an unknown extension',
    text: 'name: x\nextends: [./base.txt]\n',
    message: 'p.yaml:2:11: /extends/0: policy file "./base.txt" must end in .yaml, .yml or .json',
  },
  {
    name: 'extends cycle',
    text: 'name: x\nextends: ./q.yaml\n',
    extra: { 'q.yaml': 'name: q\nextends: [./r.yaml]\n', 'r.yaml': 'name: r\nextends: p.yaml\n' },
    message: 'r.yaml:2:10: /extends: extends cycle: p.yaml -> q.yaml -> r.yaml -> p.yaml',
  },
  {
    name: 'a problem inside an extended file is reported in that file',
    text: 'name: x\nextends: ./sub/base.yaml\n',
    extra: { 'sub/base.yaml': 'name: base\nchecks:\n  no-privileged: yes\n' },
    message: 'sub/base.yaml:3:18: /checks/no-privileged: must be true, false, "off" or an object (got "yes")',
  },
];

describe('policy loader: bad input', () => {
  it.each(cases)('$name', async ({ file = 'p.yaml', text, extra, message }) => {
    expect(await loadError(file, text, extra)).toBe(message);
  });

  it('names an unknown pack in extends, suggesting the closest built-in pack', async () => {
    const message = await loadError('p.yaml', 'name: x\nextends: [baselin]\n');
    expect(message).toMatch(/^p\.yaml:2:11: \/extends\/0: unknown policy pack "baselin"( \(did you mean "baseline"\?\))?; built-in packs are .*, and a policy file must end in \.yaml, \.yml or \.json$/);
  });

  it('reports a missing file given on the command line by the name it was given', async () => {
    const dir = await policyDir({});
    await expect(loadFake(dir, ['ops/missing.yaml'])).rejects.toThrow(/^ops\/missing\.yaml: policy file not found: ops\/missing\.yaml$/);
  });

  it('reports an unknown pack name given on the command line', async () => {
    const dir = await policyDir({});
    await expect(loadFake(dir, ['strict'])).rejects.toThrow(/^strict: unknown policy pack "strict"/);
  });

  it('carries file, line, column and pointer on the error', async () => {
    const dir = await policyDir({ 'p.yaml': 'name: x\nchecks:\n  capabilities: { severity: severe }\n' });
    const error = await loadFake(dir, ['p.yaml']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toMatchObject({ file: 'p.yaml', line: 3, column: 29, pointer: '/checks/capabilities/severity' });
    expect((error as PolicyError).detail).toBe('must be one of "critical", "high", "medium", "low", "info" (got "severe")');
  });

  it('keeps every message on one line', async () => {
    for (const { file = 'p.yaml', text, extra } of cases) {
      expect(await loadError(file, text, extra)).not.toContain('\n');
    }
  });
});
