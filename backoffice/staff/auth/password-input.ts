/**
 * A new password for the CLI, from standard input and never from the command line (it would show in `ps`
 * and in shell history). At a terminal it is typed twice without echo; from a pipe
 * (`printf '%s\n' "$PW" | npm run backoffice -- staff add …`) the first line is the password.
 */
import { createInterface } from 'node:readline';

export interface PasswordSource extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export class PasswordInputError extends Error {}

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/** One line typed at a terminal in raw mode: nothing is echoed; backspace works; Ctrl-C cancels. */
function readHidden(input: PasswordSource, output: NodeJS.WritableStream, prompt: string): Promise<string> {
  output.write(prompt);
  input.setRawMode!(true);
  input.setEncoding('utf8');
  input.resume();
  let text = '';
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: string | Buffer) => {
      const typed = String(chunk);
      // An escape sequence (an arrow or function key) is not part of a password.
      if (typed.startsWith('\u001b')) return;
      for (const ch of typed) {
        if (ENTER.has(ch)) return finish();
        if (ch === CTRL_C || (ch === CTRL_D && text === '')) return finish(new PasswordInputError('cancelled'));
        if (BACKSPACE.has(ch)) text = [...text].slice(0, -1).join('');
        else if (ch >= ' ') text += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of a pipe. */
function readLine(input: PasswordSource): Promise<string> {
  const lines = createInterface({ input, terminal: false });
  return new Promise((resolve, reject) => {
    let line: string | undefined;
    lines.once('line', (first) => {
      line = first;
      lines.close();
    });
    lines.once('close', () => (line === undefined ? reject(new PasswordInputError('no password on standard input (type it at a terminal, or pipe one line)')) : resolve(line)));
  });
}

export async function readNewPassword(input: PasswordSource, output: NodeJS.WritableStream): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return readLine(input);
  const first = await readHidden(input, output, '新密码 New password: ');
  const again = await readHidden(input, output, '再次输入 Repeat it: ');
  if (first !== again) throw new PasswordInputError('the two passwords differ');
  return first;
}
