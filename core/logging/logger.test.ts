import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKioskLogger } from './logger.ts';

const ID = '11010519491231002X';
const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

describe('kiosk logger', () => {
  it('never writes an ID number or a name in clear, however it is logged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-log-'));
    dirs.push(dir);
    const logger = createKioskLogger({ dir, level: 'debug' });
    logger.log.info({ idNumber: ID, name: '张三' }, 'card read');
    logger.log.info(`card read for ${ID}`);
    logger.log.warn({ event: { text: `nested ${ID}` } }, 'nested');
    logger.log.error(new Error(`failed for ${ID}`));
    logger.log.child({ applicant: { idNumber: ID } }).info('child bindings');
    logger.log.info('format %s', ID);
    await logger.close();

    const text = await readFile(logger.file, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(text).not.toContain(ID);
    expect(text).not.toContain('张三');
    expect(text).toContain('110105********002X');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'card read', idNumber: '110105********002X', name: '张*' });
    expect((await readdir(dir)).every((f) => f.startsWith('kiosk'))).toBe(true);
  });

  it('rotates by size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-log-'));
    dirs.push(dir);
    const logger = createKioskLogger({ dir, maxFileSize: '1K', maxFiles: 3 });
    for (let i = 0; i < 200; i++) logger.log.info({ i }, 'filler line to force a rotation');
    await new Promise((r) => setTimeout(r, 300));
    await logger.close();
    const files = await readdir(dir);
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(5);
  });

  it('holds back a flood of one line: the first 20 a minute and one summary, the lines before it kept', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const dir = await mkdtemp(join(tmpdir(), 'kiosk-log-'));
      dirs.push(dir);
      const logger = createKioskLogger({ dir, maxFileSize: '1M', maxFiles: 2 });
      logger.log.info({ step: 'form' }, 'history worth keeping');
      for (let i = 0; i < 50_000; i++) logger.log.warn({ device: 'idCardReader', err: new Error(`poll ${i} timed out for ${ID}`) }, 'device error');
      logger.log.info('after the flood');
      // The window ends: its summary is written without waiting for another line.
      vi.advanceTimersByTime(60_000);
      for (let i = 0; i < 30; i++) logger.log.warn('device error');
      await logger.close();

      const text = await readFile(logger.file, 'utf8');
      expect(text).not.toContain(ID);
      const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { level: number; msg: string; repeated?: number });
      expect(lines[0]).toMatchObject({ msg: 'history worth keeping' });
      expect(lines.filter((l) => l.msg === 'device error')).toHaveLength(40);
      expect(lines.filter((l) => l.repeated !== undefined)).toEqual([
        expect.objectContaining({ level: 40, repeated: 49_980, msg: 'device error (repeated 49980 times more within 60 s, not written)' }),
        expect.objectContaining({ level: 40, repeated: 10 }),
      ]);
      expect(lines.map((l) => l.msg)).toContain('after the flood');
      expect(lines).toHaveLength(1 + 20 + 1 + 1 + 20 + 1);
      expect(await readdir(dir)).toEqual(['kiosk.log']);
    } finally {
      vi.useRealTimers();
    }
  });
});
