// Password files: what harden writes (bcrypt, verifiable, replaced on update, mode
// 0640) and how it classifies what others wrote.
import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BCRYPT_COST, checkPassword, classifyHash } from '../../src/proxy/hashes.js';
import { parsePasswordFile } from '../../src/proxy/htpasswd-file.js';
import { setPassword } from '../../src/proxy/passwd.js';
import { harden } from '../helpers/cli.js';
import { scratchDir } from './proxy-fixtures.js';

let base: string;
beforeAll(async () => {
  base = await scratchDir('passwd');
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('setPassword', () => {
  it('writes a bcrypt hash at the default cost that verifies, mode 0640', async () => {
    const file = join(base, 'new');
    const result = await setPassword(file, 'alice', 'correct horse');
    expect(result.updated).toBe(false);
    const [entry] = parsePasswordFile(await readFile(file, 'utf8'));
    expect(entry?.user).toBe('alice');
    expect(entry?.hash).toMatch(new RegExp(`^\\$2b\\$0${BCRYPT_COST}\\$`));
    expect(bcrypt.compareSync('correct horse', entry?.hash ?? '')).toBe(true);
    expect(bcrypt.compareSync('correct horsf', entry?.hash ?? '')).toBe(false);
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it('an update replaces the user line in place and keeps every other line byte for byte', async () => {
    const file = join(base, 'update');
    await writeFile(file, '# team\nbob:$2y$05$abcdefghijklmnopqrstuuCcFJ3wcjXWs1vfgXxPy6OA3LNm9n8Wy\nalice:old:comment\nalice:duplicate\n');
    const result = await setPassword(file, 'alice', 'new password');
    expect(result.updated).toBe(true);
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines[0]).toBe('# team');
    expect(lines[1]).toBe('bob:$2y$05$abcdefghijklmnopqrstuuCcFJ3wcjXWs1vfgXxPy6OA3LNm9n8Wy');
    expect(lines[2]).toMatch(/^alice:\$2b\$/);
    expect(lines).toHaveLength(4);
    expect(bcrypt.compareSync('new password', lines[2]?.slice('alice:'.length) ?? '')).toBe(true);
  });

  it('drops world permissions of an existing file and warns about weak hashes of other users', async () => {
    const file = join(base, 'weak');
    await writeFile(file, 'carol:{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=\n');
    await chmod(file, 0o644);
    const result = await setPassword(file, 'dave', 'pw');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(result.warnings.join('\n')).toMatch(/:1: user "carol" has a weak \{SHA\} hash/);
  });

  it('refuses empty, multi-line and over-72-byte passwords', () => {
    expect(() => checkPassword('', 'src')).toThrow(/empty/);
    expect(() => checkPassword('a\nb', 'src')).toThrow(/line break/);
    expect(() => checkPassword('é'.repeat(37), 'src')).toThrow(/74 bytes/);
    expect(() => checkPassword('x'.repeat(72), 'src')).not.toThrow();
  });
});

describe('classifyHash', () => {
  const cases: Array<[string, string]> = [
    ['{PLAIN}secret', 'weak'],
    ['{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=', 'weak'],
    ['{SSHA}c2VjcmV0c2FsdA==', 'weak'],
    ['$apr1$abcdefgh$0123456789abcdefghijkl', 'weak'],
    ['$1$abcdefgh$0123456789abcdefghijkl', 'weak'],
    ['abJnggxhB/yWI', 'weak'],
    ['$2b$05$abcdefghijklmnopqrstuuHNbAKRhpaujgo33bRWs.NLUTJO3lOy2', 'strong'],
    ['$2y$10$abcdefghijklmnopqrstuu23JPZtHcGhwXSF41f93o/7vBdDut3Xu', 'strong'],
    ['$6$rounds=1000$abcdefghijklmnop$K9ViLilDpRy6xLunKXsaoeGhKInKdDtpCLyoTSCkDcguT34R9cMK08/eq3hGwOWWgyYCTwWqVmKpFAHjf73Mv/', 'strong'],
    ['$y$j9T$abcdefgh$0123456789', 'strong'],
    ['$argon2id$v=19$m=65536,t=3,p=4$abc$def', 'unusable'],
    ['plaintext-password', 'unusable'],
    ['', 'unusable'],
  ];
  for (const [hash, strength] of cases) {
    it(`${hash || '(empty)'} is ${strength}`, () => expect(classifyHash(hash).strength).toBe(strength));
  }

  it('notes the latency of a costly bcrypt hash', () => {
    const verdict = classifyHash('$2y$10$abcdefghijklmnopqrstuu23JPZtHcGhwXSF41f93o/7vBdDut3Xu');
    expect(verdict.strength === 'strong' && verdict.note).toMatch(/ms per request/);
  });
});

describe('harden proxy passwd', () => {
  it('adds and updates with --password-stdin; the password never appears in output', async () => {
    const file = join(base, 'cli');
    const added = await harden(['proxy', 'passwd', file, 'ci-bot', '--password-stdin'], { input: 'first-secret\n' });
    expect(added).toMatchObject({ code: 0, stdout: `added ci-bot in ${file} (bcrypt, cost ${BCRYPT_COST})\n` });
    const updated = await harden(['proxy', 'passwd', file, 'ci-bot', '--password-stdin'], { input: 'second-secret' });
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/^updated ci-bot/);
    const text = await readFile(file, 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
    expect(bcrypt.compareSync('second-secret', parsePasswordFile(text)[0]?.hash ?? '')).toBe(true);
    expect(`${added.stdout}${added.stderr}${updated.stdout}${updated.stderr}`).not.toMatch(/secret/);
  });

  const badNames = ['a:b', 'tab\there', 'new\nline', '', '-dash', 'spa ce', 'semi;colon', 'x'.repeat(65)];
  for (const name of badNames) {
    it(`refuses the name ${JSON.stringify(name)} with exit 2 and writes nothing`, async () => {
      const file = join(base, 'bad-name');
      const result = await harden(['proxy', 'passwd', file, '--password-stdin', '--', name], { input: 'pw\n' });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^harden: NAME /);
      await expect(stat(file)).rejects.toThrow();
    });
  }

  it('without --password-stdin and without a terminal: exit 2, no prompt hangs', async () => {
    const result = await harden(['proxy', 'passwd', join(base, 'no-tty'), 'alice']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--password-stdin');
  });

  it('an empty password from stdin: exit 2', async () => {
    const result = await harden(['proxy', 'passwd', join(base, 'empty'), 'alice', '--password-stdin'], { input: '\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--password-stdin: the password is empty');
  });
});
