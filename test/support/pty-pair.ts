/**
 * Two connected pseudo-terminals: what one end writes, the other reads, through the kernel's tty layer.
 * Lets the real native serialport binding (and device files) be tested without hardware. Uses socat when
 * installed, else a small python3 relay.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface PtyPair {
  /** Path of one end, e.g. /dev/pts/3 (the kiosk side). */
  readonly a: string;
  /** Path of the other end (the simulator side). */
  readonly b: string;
  close(): Promise<void>;
}

const PYTHON_RELAY = `
import os, pty, select, sys, tty
ends = [pty.openpty() for _ in range(2)]
for master, slave in ends:
    tty.setraw(slave)
    tty.setraw(master)
print(os.ttyname(ends[0][1]), os.ttyname(ends[1][1]), flush=True)
m0, m1 = ends[0][0], ends[1][0]
while True:
    ready, _, _ = select.select([m0, m1], [], [])
    for fd in ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            continue
        os.write(m1 if fd == m0 else m0, data)
`;

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function ptyPairAvailable(): boolean {
  return process.platform === 'linux' && (hasCommand('socat') || hasCommand('python3'));
}

export async function openPtyPair(): Promise<PtyPair> {
  if (hasCommand('socat')) {
    const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths = await new Promise<string[]>((resolve, reject) => {
      const found: string[] = [];
      const timer = setTimeout(() => reject(new Error('socat did not report its ptys')), 5_000);
      createInterface({ input: child.stderr! }).on('line', (line) => {
        const match = / PTY is (\S+)/.exec(line);
        if (match) found.push(match[1]!);
        if (/starting data transfer loop/.test(line) && found.length === 2) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    return { a: paths[0]!, b: paths[1]!, close: () => stop(child) };
  }
  const child = spawn('python3', ['-c', PYTHON_RELAY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('python3 pty relay did not start')), 5_000);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
  });
  const [a, b] = line.trim().split(' ');
  return { a: a!, b: b!, close: () => stop(child) };
}
