// The daemon behind a socket is found by the socket's inode among the descriptors of
// the processes, with the pid file beside the socket only as a first guess.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDaemonProcess } from '../../src/daemon/process.js';
import { startEngine, type TestEngine } from '../helpers/engine.js';

let first: TestEngine;
let second: TestEngine;

beforeAll(async () => {
  [first, second] = await Promise.all([startEngine('dproc1'), startEngine('dproc2')]);
}, 60_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

const pidOf = async (engine: TestEngine): Promise<number> => Number((await readFile(`${engine.dir}/docker.pid`, 'utf8')).trim());

describe('findDaemonProcess', () => {
  it('finds each engine\'s own dockerd, with its command line', async () => {
    for (const engine of [first, second]) {
      const daemon = findDaemonProcess(engine.socket);
      expect(daemon.pid).toBe(await pidOf(engine));
      expect(daemon.argv.join(' ')).toContain(engine.socket);
    }
  });

  it('is not fooled by a pid file that names another dockerd, a dead pid or garbage', async () => {
    const pidFile = `${first.dir}/docker.pid`;
    const real = await readFile(pidFile, 'utf8');
    try {
      for (const misleading of [`${await pidOf(second)}\n`, '999999999\n', 'not a pid\n']) {
        await writeFile(pidFile, misleading);
        expect(findDaemonProcess(first.socket).pid).toBe(Number(real.trim()));
      }
    } finally {
      await writeFile(pidFile, real);
    }
  });

  it('says so when nothing listens on the path', () => {
    expect(() => findDaemonProcess(`${first.dir}/no-such.sock`)).toThrow(/no process listens on .*no-such\.sock/);
  });
});
