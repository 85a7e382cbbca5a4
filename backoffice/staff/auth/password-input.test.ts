import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { PasswordInputError, readNewPassword, type PasswordSource } from './password-input.ts';

function terminal(): PassThrough & PasswordSource & { setRawMode: ReturnType<typeof vi.fn> } {
  return Object.assign(new PassThrough(), { isTTY: true, setRawMode: vi.fn() });
}

function collected(): PassThrough & { text(): string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return Object.assign(out, { text: () => text });
}

/** Types `keys` one chunk at a time, each after the prompt before it has been written. */
function typeAt(input: PassThrough, keys: readonly string[]): void {
  let i = 0;
  const next = () => {
    if (i < keys.length) input.write(keys[i++]!);
    if (i < keys.length) setTimeout(next, 5);
  };
  setTimeout(next, 5);
}

describe('reading a new password', () => {
  it('takes the first line of a pipe, without its line end', async () => {
    const pipe = new PassThrough();
    const read = readNewPassword(pipe, collected());
    pipe.end('pipe-password-1\r\nsecond line\n');
    expect(await read).toBe('pipe-password-1');
  });

  it('takes a last line without a line end, and refuses an empty pipe', async () => {
    const pipe = new PassThrough();
    const read = readNewPassword(pipe, collected());
    pipe.end('no-newline-password');
    expect(await read).toBe('no-newline-password');
    const empty = new PassThrough();
    const nothing = readNewPassword(empty, collected());
    empty.end();
    await expect(nothing).rejects.toThrow(PasswordInputError);
  });

  it('asks twice at a terminal in raw mode, echoes nothing, and honours backspace', async () => {
    const input = terminal();
    const output = collected();
    typeAt(input, ['密码-secretX', '\u007f', '1\r', '密码-secret1', '\r']);
    expect(await readNewPassword(input, output)).toBe('密码-secret1');
    expect(output.text()).toBe('新密码 New password: \n再次输入 Repeat it: \n');
    expect(input.setRawMode.mock.calls).toEqual([[true], [false], [true], [false]]);
  });

  it('refuses two different passwords, and stops at Ctrl-C', async () => {
    const input = terminal();
    typeAt(input, ['first-password\r', 'other-password\r']);
    await expect(readNewPassword(input, collected())).rejects.toThrow('the two passwords differ');
    const cancelled = terminal();
    typeAt(cancelled, ['abc\u0003']);
    await expect(readNewPassword(cancelled, collected())).rejects.toThrow('cancelled');
    expect(cancelled.setRawMode).toHaveBeenLastCalledWith(false);
  });
});
