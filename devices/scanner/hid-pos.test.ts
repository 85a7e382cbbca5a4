import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HONEYWELL_LAYOUT,
  HidScanAssembler,
  NEWLAND_LAYOUT,
  decodeHidPosReport,
  layoutForVendor,
  type HidPosLayout,
} from './hid-pos.ts';
import { encodePayload } from './payload.ts';
import type { ScanProblem } from './scanned-code.ts';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** A Honeywell report laid out by hand from reference §C.3, independent of the simulator. */
function honeywell(data: readonly number[], opts: { aim?: string; codeId?: number; more?: boolean; length?: number } = {}): Uint8Array {
  const report = new Uint8Array(64);
  report[0] = 0x02;
  report[1] = opts.length ?? data.length;
  if (opts.aim !== undefined) report.set(ascii(opts.aim), 2);
  report.set(data, 5);
  report[61] = opts.codeId ?? 0;
  report[63] = opts.more ? 1 : 0;
  return report;
}

/** A Newland report laid out by hand from reference §C.3. */
function newland(data: readonly number[], codeId = 0): Uint8Array {
  const report = new Uint8Array(64);
  report[0] = 0x02;
  report[1] = data.length;
  report.set(data, 2);
  report[62] = codeId;
  return report;
}

/**
 * A real capture: a Honeywell Voyager 1602g answering `REVINF.` (HenkVanAsselt/python_hon_usbhid
 * README). Six reports of one multi-report message under `]X0`, then a one-report reply under `]Z6`.
 */
const REVINF_CAPTURE: readonly (readonly number[])[] = [
  [2, 56, 93, 88, 48, 80, 114, 111, 100, 117, 99, 116, 32, 78, 97, 109, 101, 58, 32, 86, 111, 121, 97, 103, 101, 114, 32, 49, 54, 48, 50, 103, 13, 10, 66, 111, 111, 116, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 58, 32, 56, 57, 57, 50, 13, 10, 83, 111, 102, 116, 63, 0, 1],
  [2, 56, 93, 88, 48, 119, 97, 114, 101, 32, 80, 97, 114, 116, 32, 78, 117, 109, 98, 101, 114, 58, 32, 67, 87, 48, 48, 48, 48, 56, 50, 66, 66, 65, 13, 10, 83, 111, 102, 116, 119, 97, 114, 101, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 36, 80, 114, 111, 106, 101, 63, 0, 1],
  [2, 56, 93, 88, 48, 99, 116, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 49, 54, 51, 52, 53, 32, 13, 10, 83, 101, 114, 105, 97, 108, 32, 78, 117, 109, 98, 101, 114, 58, 32, 49, 53, 50, 51, 50, 66, 49, 70, 48, 67, 13, 10, 83, 117, 112, 112, 111, 114, 116, 101, 100, 63, 0, 1],
  [2, 56, 93, 88, 48, 32, 73, 70, 58, 32, 66, 108, 117, 101, 116, 111, 111, 116, 104, 13, 10, 80, 67, 66, 32, 65, 115, 115, 101, 109, 98, 108, 121, 32, 73, 68, 58, 32, 48, 48, 48, 48, 48, 48, 13, 10, 69, 110, 103, 105, 110, 101, 32, 70, 105, 114, 109, 119, 97, 114, 101, 63, 0, 1],
  [2, 56, 93, 88, 48, 32, 84, 121, 112, 101, 58, 32, 78, 47, 65, 32, 32, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 78, 47, 65, 32, 32, 32, 83, 101, 114, 105, 97, 108, 32, 78, 117, 109, 98, 101, 114, 58, 32, 78, 47, 65, 32, 32, 32, 67, 104, 101, 99, 107, 115, 63, 0, 1],
  [2, 9, 93, 88, 48, 117, 109, 58, 32, 78, 47, 65, 13, 10, ...Array<number>(47).fill(0), 63, 0, 0],
  [2, 8, 93, 90, 54, 82, 69, 86, 73, 78, 70, 6, 46, ...Array<number>(48).fill(0), 54, 0, 0],
];

function assembler(layout: HidPosLayout, maxLength?: number): { asm: HidScanAssembler; problems: ScanProblem[] } {
  const problems: ScanProblem[] = [];
  const asm = new HidScanAssembler(layout, { timeoutMs: 100, onProblem: (p) => problems.push(p), ...(maxLength ? { maxLength } : {}) });
  return { asm, problems };
}

describe('decodeHidPosReport, Honeywell', () => {
  it('reads a one-report QR', () => {
    const report = honeywell(ascii('https://zwfw.example.cn/q/123\r'), { aim: ']Q1', codeId: 0x73 });
    expect(decodeHidPosReport(HONEYWELL_LAYOUT, report)).toEqual({
      ok: true,
      chunk: Uint8Array.from(ascii('https://zwfw.example.cn/q/123\r')),
      more: false,
      aimId: ']Q1',
      codeId: 0x73,
      symbologyHint: 'qr',
    });
  });

  it('reads the continuation flag', () => {
    const result = decodeHidPosReport(HONEYWELL_LAYOUT, honeywell(Array<number>(56).fill(0x41), { aim: ']Q1', more: true }));
    expect(result).toMatchObject({ ok: true, more: true });
    expect(result.ok && result.chunk.length).toBe(56);
  });

  it('falls back to the code ID when the AIM identifier does not tell', () => {
    expect(decodeHidPosReport(HONEYWELL_LAYOUT, honeywell(ascii('6901234567892'), { aim: ']X0', codeId: 0x64 }))).toMatchObject({
      aimId: ']X0',
      symbologyHint: 'ean13',
    });
    const noAim = decodeHidPosReport(HONEYWELL_LAYOUT, honeywell(ascii('x'), { codeId: 0x77 }));
    expect(noAim).toEqual({ ok: true, chunk: Uint8Array.of(0x78), more: false, codeId: 0x77, symbologyHint: 'data-matrix' });
  });

  it('gives no hint for an unlisted code ID', () => {
    const result = decodeHidPosReport(HONEYWELL_LAYOUT, Uint8Array.from(REVINF_CAPTURE[0] as number[]));
    expect(result).toMatchObject({ ok: true, aimId: ']X0', codeId: 0x3f, more: true });
    expect(result).not.toHaveProperty('symbologyHint');
  });

  it.each([
    [new Uint8Array(63), 'honeywell: report of 63 bytes, expected 64'],
    [new Uint8Array(65), 'honeywell: report of 65 bytes, expected 64'],
    [new Uint8Array(0), 'honeywell: report of 0 bytes, expected 64'],
    [Uint8Array.from({ length: 64 }, (_, i) => (i === 0 ? 0x04 : 0)), 'honeywell: report ID 0x04, expected 0x02'],
    [honeywell(ascii('abc'), { length: 57 }), 'honeywell: length byte 57 exceeds the 56 data bytes of a report'],
    [honeywell([], { length: 0xff }), 'honeywell: length byte 255 exceeds the 56 data bytes of a report'],
  ])('rejects a malformed report (%#)', (report, problem) => {
    expect(decodeHidPosReport(HONEYWELL_LAYOUT, report)).toEqual({ ok: false, problem });
  });
});

describe('decodeHidPosReport, Newland', () => {
  it('reads data from byte 2 and the symbology ID from byte 62', () => {
    expect(decodeHidPosReport(NEWLAND_LAYOUT, newland(ascii('ABC\r'), 0x51))).toEqual({
      ok: true,
      chunk: Uint8Array.from(ascii('ABC\r')),
      more: false,
      codeId: 0x51,
    });
  });

  it('treats a full report as possibly continued', () => {
    expect(decodeHidPosReport(NEWLAND_LAYOUT, newland(Array<number>(56).fill(0x30)))).toMatchObject({ ok: true, more: true });
    expect(decodeHidPosReport(NEWLAND_LAYOUT, newland(Array<number>(55).fill(0x30)))).toMatchObject({ ok: true, more: false });
  });

  it('rejects a length byte past the data area', () => {
    const report = newland([0x41]);
    report[1] = 60;
    expect(decodeHidPosReport(NEWLAND_LAYOUT, report)).toEqual({
      ok: false,
      problem: 'newland: length byte 60 exceeds the 56 data bytes of a report',
    });
  });
});

describe('HidScanAssembler, Honeywell', () => {
  it('delivers a one-report code without its CR suffix', () => {
    const { asm } = assembler(HONEYWELL_LAYOUT);
    const codes = asm.push(honeywell(ascii('6901234567892\r'), { aim: ']E0', codeId: 0x64 }), 0);
    expect(codes).toEqual([
      { text: '6901234567892', symbology: 'ean13', aim: ']E0', encoding: 'utf-8', raw: Uint8Array.from(ascii('6901234567892')) },
    ]);
    expect(asm.deadline).toBeUndefined();
  });

  it('joins a multi-report QR of 57 bytes and more', () => {
    const text = 'https://zwfw.example.cn/appointment/confirm?id=0123456789&hall=西城区政务服务中心&item=居住证签注&lang=zh-CN';
    const data = [...encodePayload(text + '\r', 'utf-8')];
    expect(data.length).toBeGreaterThan(112);
    const { asm, problems } = assembler(HONEYWELL_LAYOUT);
    expect(asm.push(honeywell(data.slice(0, 56), { aim: ']Q1', codeId: 0x73, more: true }), 0)).toEqual([]);
    expect(asm.deadline).toBe(100);
    expect(asm.push(honeywell(data.slice(56, 112), { aim: ']Q1', codeId: 0x73, more: true }), 3)).toEqual([]);
    const codes = asm.push(honeywell(data.slice(112), { aim: ']Q1', codeId: 0x73 }), 6);
    expect(codes).toMatchObject([{ text, symbology: 'qr', aim: ']Q1', encoding: 'utf-8' }]);
    expect(problems).toEqual([]);
  });

  it('joins a code of exactly 57 bytes (56 + 1)', () => {
    const data = [...ascii('A'.repeat(56)), 0x0d];
    const { asm } = assembler(HONEYWELL_LAYOUT);
    asm.push(honeywell(data.slice(0, 56), { aim: ']Q1', more: true }), 0);
    expect(asm.push(honeywell(data.slice(56), { aim: ']Q1' }), 1)).toMatchObject([{ text: 'A'.repeat(56), symbology: 'qr' }]);
  });

  it('keeps AIM-like data, because the header carries the identifier', () => {
    const { asm } = assembler(HONEYWELL_LAYOUT);
    expect(asm.push(honeywell(ascii(']C0abc\r'), { aim: ']Q1', codeId: 0x73 }), 0)).toMatchObject([
      { text: ']C0abc', symbology: 'qr', aim: ']Q1' },
    ]);
  });

  it('takes the symbology from the code ID when the header AIM identifier is ]X0', () => {
    const { asm } = assembler(HONEYWELL_LAYOUT);
    expect(asm.push(honeywell(ascii('x\r'), { aim: ']X0', codeId: 0x73 }), 0)).toMatchObject([
      { text: 'x', symbology: 'qr', aim: ']X0' },
    ]);
  });

  it('decodes a real multi-report capture', () => {
    const { asm, problems } = assembler(HONEYWELL_LAYOUT);
    const codes = REVINF_CAPTURE.flatMap((report, i) => asm.push(Uint8Array.from(report), i));
    expect(problems).toEqual([]);
    expect(codes).toHaveLength(2);
    const [info, ack] = codes;
    expect(info).toMatchObject({ symbology: 'unknown', aim: ']X0', encoding: 'utf-8' });
    expect(info?.raw.length).toBe(5 * 56 + 9);
    expect(info?.text.startsWith('Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\n')).toBe(true);
    expect(info?.text.endsWith('Checksum: N/A\r\n')).toBe(true);
    expect(ack).toMatchObject({ text: 'REVINF\u0006.', aim: ']Z6', symbology: 'unknown' });
  });

  it('drops a code whose final report never comes', () => {
    const { asm, problems } = assembler(HONEYWELL_LAYOUT);
    asm.push(honeywell(Array<number>(56).fill(0x41), { aim: ']Q1', more: true }), 0);
    expect(asm.flush(99)).toEqual([]);
    expect(problems).toEqual([]);
    expect(asm.flush(100)).toEqual([]);
    expect(problems).toEqual([{ kind: 'incomplete', message: 'honeywell: final report missing after 56 bytes; partial code dropped' }]);
    expect(asm.deadline).toBeUndefined();
  });

  it('drops the unfinished code when a new scan arrives after a silence', () => {
    const { asm, problems } = assembler(HONEYWELL_LAYOUT);
    asm.push(honeywell(Array<number>(56).fill(0x41), { aim: ']Q1', more: true }), 0);
    expect(asm.push(honeywell(ascii('NEXT\r'), { aim: ']C0' }), 500)).toMatchObject([{ text: 'NEXT', symbology: 'code128' }]);
    expect(problems.map((p) => p.kind)).toEqual(['incomplete']);
  });

  it('drops a partial code when a malformed report interrupts it, then goes on', () => {
    const { asm, problems } = assembler(HONEYWELL_LAYOUT);
    asm.push(honeywell(Array<number>(56).fill(0x41), { aim: ']Q1', more: true }), 0);
    expect(asm.push(new Uint8Array(20), 1)).toEqual([]);
    expect(asm.push(honeywell(ascii('tail\r'), { aim: ']Q1' }), 2)).toMatchObject([{ text: 'tail' }]);
    expect(problems).toEqual([
      { kind: 'malformed-report', message: 'honeywell: report of 20 bytes, expected 64; partial code dropped' },
    ]);
  });

  it('reports a malformed report on its own', () => {
    const { asm, problems } = assembler(HONEYWELL_LAYOUT);
    expect(asm.push(honeywell([], { length: 99 }), 0)).toEqual([]);
    expect(problems).toEqual([{ kind: 'malformed-report', message: 'honeywell: length byte 99 exceeds the 56 data bytes of a report' }]);
  });

  it('drops an over-long code up to its final report', () => {
    const { asm, problems } = assembler(HONEYWELL_LAYOUT, 60);
    asm.push(honeywell(Array<number>(56).fill(0x41), { more: true }), 0);
    expect(asm.push(honeywell(Array<number>(56).fill(0x41), { more: true }), 1)).toEqual([]);
    expect(asm.deadline).toBe(101);
    expect(asm.push(honeywell(ascii('rest\r')), 2)).toEqual([]);
    expect(asm.deadline).toBeUndefined();
    expect(asm.push(honeywell(ascii('OK\r')), 3)).toMatchObject([{ text: 'OK' }]);
    expect(problems).toEqual([{ kind: 'overflow', message: 'honeywell: code longer than 60 bytes dropped' }]);
  });

  it('allows maxLength bytes plus the CR suffix', () => {
    const { asm, problems } = assembler(HONEYWELL_LAYOUT, 4);
    expect(asm.push(honeywell(ascii('1234\r')), 0)).toMatchObject([{ text: '1234' }]);
    expect(asm.push(honeywell(ascii('12345')), 1)).toEqual([]);
    expect(problems.map((p) => p.kind)).toEqual(['overflow']);
  });

  it('ignores an empty report, but lets it end a pending code', () => {
    const { asm } = assembler(HONEYWELL_LAYOUT);
    expect(asm.push(honeywell([]), 0)).toEqual([]);
    expect(asm.deadline).toBeUndefined();
    asm.push(honeywell(ascii('AB'), { more: true }), 1);
    expect(asm.push(honeywell([]), 2)).toMatchObject([{ text: 'AB' }]);
  });

  it('keeps a CR inside the data and strips only the last one', () => {
    const { asm } = assembler(HONEYWELL_LAYOUT);
    expect(asm.push(honeywell(ascii('line1\rline2\r\r')), 0)).toMatchObject([{ text: 'line1\rline2\r' }]);
  });

  it('reads a GB18030 payload', () => {
    const { asm } = assembler(HONEYWELL_LAYOUT);
    const data = [...encodePayload('姓名：张三，事项：居住证', 'gb18030'), 0x0d];
    expect(asm.push(honeywell(data, { aim: ']Q1', codeId: 0x73 }), 0)).toMatchObject([
      { text: '姓名：张三，事项：居住证', encoding: 'gb18030', symbology: 'qr' },
    ]);
  });

  it('forgets a partial code on reset', () => {
    const { asm, problems } = assembler(HONEYWELL_LAYOUT);
    asm.push(honeywell(ascii('AB'), { more: true }), 0);
    asm.reset();
    expect(asm.deadline).toBeUndefined();
    expect(asm.flush(1000)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('rejects bad options', () => {
    expect(() => new HidScanAssembler(HONEYWELL_LAYOUT, { timeoutMs: -1 })).toThrow('"timeoutMs"');
    expect(() => new HidScanAssembler(HONEYWELL_LAYOUT, { timeoutMs: 100, maxLength: 0 })).toThrow('"maxLength"');
  });
});

describe('HidScanAssembler, Newland', () => {
  it('delivers a one-report code and takes the symbology from an AIM prefix in the data', () => {
    const { asm } = assembler(NEWLAND_LAYOUT);
    expect(asm.push(newland(ascii(']Q1abc\r')), 0)).toEqual([
      { text: 'abc', symbology: 'qr', aim: ']Q1', encoding: 'utf-8', raw: Uint8Array.from(ascii(']Q1abc')) },
    ]);
    expect(asm.push(newland(ascii('plain\r')), 1)).toEqual([
      { text: 'plain', symbology: 'unknown', encoding: 'utf-8', raw: Uint8Array.from(ascii('plain')) },
    ]);
  });

  it('joins full reports until a shorter one', () => {
    const { asm } = assembler(NEWLAND_LAYOUT);
    const data = [...ascii('B'.repeat(120)), 0x0d];
    expect(asm.push(newland(data.slice(0, 56)), 0)).toEqual([]);
    expect(asm.push(newland(data.slice(56, 112)), 2)).toEqual([]);
    expect(asm.push(newland(data.slice(112)), 4)).toMatchObject([{ text: 'B'.repeat(120) }]);
  });

  it('ends a code that fills whole reports by silence, as a complete code', () => {
    const { asm, problems } = assembler(NEWLAND_LAYOUT);
    const data = [...ascii('C'.repeat(111)), 0x0d];
    asm.push(newland(data.slice(0, 56)), 0);
    asm.push(newland(data.slice(56)), 1);
    expect(asm.flush(100)).toEqual([]);
    expect(asm.flush(101)).toMatchObject([{ text: 'C'.repeat(111) }]);
    expect(problems).toEqual([]);
  });
});

describe('layoutForVendor', () => {
  it('knows Honeywell and Newland', () => {
    expect(layoutForVendor(0x0c2e)).toBe(HONEYWELL_LAYOUT);
    expect(layoutForVendor(0x1eab)).toBe(NEWLAND_LAYOUT);
    expect(layoutForVendor(0x05e0)).toBeUndefined();
  });
});

describe('HidScanAssembler robustness', () => {
  it('never throws on arbitrary reports and never returns an empty or over-long code', () => {
    const report = fc.oneof(
      fc.uint8Array({ minLength: 64, maxLength: 64 }).map((r) => {
        r[0] = 0x02;
        r[1] = (r[1] as number) % 60;
        return r;
      }),
      fc.uint8Array({ maxLength: 70 }),
    );
    for (const layout of [HONEYWELL_LAYOUT, NEWLAND_LAYOUT]) {
      fc.assert(
        fc.property(fc.array(fc.tuple(report, fc.nat(150))), (pushes) => {
          const asm = new HidScanAssembler(layout, { timeoutMs: 100, maxLength: 100 });
          let now = 0;
          const codes = pushes.flatMap(([r, gap]) => asm.push(r, (now += gap)));
          codes.push(...asm.flush(now + 100));
          for (const c of codes) {
            expect(c.raw.length).toBeGreaterThan(0);
            expect(c.raw.length).toBeLessThanOrEqual(100);
          }
          expect(asm.deadline).toBeUndefined();
        }),
      );
    }
  });
});
