// Passwords come from standard input or a TTY prompt, never from argv, where every
// user of the host can read them in the process list.
import { ProxyInputError } from './errors.js';
import { checkPassword } from './hashes.js';
import { readAllBytes } from '../util/read-stream.js';

/** `--password-stdin`: the first line of standard input, without its line ending. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const text = (await readAllBytes(stdin)).toString('utf8');
  const password = text.split('\n', 1)[0]?.replace(/\r$/, '') ?? '';
  checkPassword(password, '--password-stdin');
  return password;
}

/** One line typed at the terminal with echo off; Ctrl-C or Ctrl-D aborts. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: Buffer): void => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new ProxyInputError('password prompt aborted'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

/** The password for NAME: from stdin with --password-stdin, else prompted twice on the terminal. */
export async function readNewPassword(user: string, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readPasswordFromStdin();
  if (!process.stdin.isTTY) {
    throw new ProxyInputError(`no password for ${user}: standard input is not a terminal; pipe it in with --password-stdin`);
  }
  const password = await promptHidden(`New password for ${user}: `);
  checkPassword(password, 'password prompt');
  const again = await promptHidden('Repeat it: ');
  if (again !== password) throw new ProxyInputError('the two passwords differ; nothing was written');
  return password;
}
