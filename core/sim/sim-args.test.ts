import { describe, expect, it } from 'vitest';
import { parseSimArgs } from './sim-args.ts';

const card = { type: 'resident' };
const parse = (line: string) => parseSimArgs(line.split(' ').filter(Boolean), () => card);

describe('npm run sim arguments', () => {
  it('parses every command', () => {
    expect(parse('card insert cards/a.json')).toEqual({ ok: true, command: { action: 'card-insert', card } });
    expect(parse('card remove')).toEqual({ ok: true, command: { action: 'card-remove' } });
    expect(parse('card fault read-failure')).toEqual({ ok: true, command: { action: 'reader-fault', fault: 'read-failure' } });
    expect(parse('scan ABC --symbology code128 --gb18030')).toEqual({
      ok: true,
      command: { action: 'scan', text: 'ABC', symbology: 'code128', encoding: 'gb18030' },
    });
    expect(parse('printer paper-out')).toEqual({ ok: true, command: { action: 'printer-paper', paper: 'out' } });
    expect(parse('printer cover-open')).toEqual({ ok: true, command: { action: 'printer-cover', open: true } });
    expect(parse('printer cutter-ok')).toEqual({ ok: true, command: { action: 'printer-cutter', error: false } });
    expect(parse('unplug printer')).toEqual({ ok: true, command: { action: 'unplug', device: 'printer' } });
    expect(parse('plug reader --data-dir /tmp/k')).toEqual({ ok: true, command: { action: 'plug', device: 'reader' }, dataDir: '/tmp/k' });
    expect(parse('status')).toEqual({ ok: true, command: { action: 'status' } });
  });

  it('answers anything else with the usage', () => {
    for (const line of ['', 'card', 'card fault melted', 'printer explode', 'unplug toaster', 'scan', 'dance']) {
      const result = parse(line);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^Usage: npm run sim/);
    }
    expect(parse('scan X --symbology morse')).toEqual({ ok: false, message: 'unknown symbology morse' });
  });

  it('reports an unreadable card file', () => {
    const result = parseSimArgs(['card', 'insert', 'missing.json'], () => {
      throw new Error('ENOENT');
    });
    expect(result).toEqual({ ok: false, message: 'cannot read card file missing.json: ENOENT' });
  });
});
