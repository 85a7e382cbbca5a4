import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, isValidUtf8, type PayloadEncoding } from './payload.ts';
import type { ScannedCode, ScanProblem } from './scanned-code.ts';
import { ScanFramer, suffixBytes, type ScanFramerOptions, type SuffixName } from './serial-framing.ts';

const CR = suffixBytes('cr');
const CRLF = suffixBytes('crlf');
const bytes = (text: string) => new TextEncoder().encode(text);

function framer(options: Partial<ScanFramerOptions> = {}): { framer: ScanFramer; problems: ScanProblem[] } {
  const problems: ScanProblem[] = [];
  const f = new ScanFramer({ suffix: CR, interByteTimeoutMs: 50, onProblem: (p) => problems.push(p), ...options });
  return { framer: f, problems };
}

const texts = (codes: readonly { text: string }[]) => codes.map((c) => c.text);

describe('ScanFramer with a suffix', () => {
  it('completes a code at the suffix', () => {
    const { framer: f } = framer();
    const [code, ...rest] = f.push(bytes('110105-ABC\r'), 0);
    expect(rest).toEqual([]);
    expect(code).toEqual({ text: '110105-ABC', symbology: 'unknown', encoding: 'utf-8', raw: bytes('110105-ABC') });
    expect(f.deadline).toBeUndefined();
  });

  it('joins a code sent in many chunks', () => {
    const { framer: f } = framer();
    expect(f.push(bytes('预约'), 0)).toEqual([]);
    expect(f.push(bytes('号 A'), 1)).toEqual([]);
    expect(f.deadline).toBe(51);
    expect(texts(f.push(bytes('12\r'), 2))).toEqual(['预约号 A12']);
  });

  it('splits several codes in one chunk and keeps the rest pending', () => {
    const { framer: f } = framer();
    expect(texts(f.push(bytes('A\rB\rC'), 0))).toEqual(['A', 'B']);
    expect(texts(f.push(bytes('\r'), 1))).toEqual(['C']);
  });

  it('joins a multi-byte character split across chunks', () => {
    const { framer: f } = framer();
    const all = bytes('政务\r');
    expect(f.push(all.subarray(0, 2), 0)).toEqual([]);
    expect(f.push(all.subarray(2, 4), 1)).toEqual([]);
    expect(texts(f.push(all.subarray(4), 2))).toEqual(['政务']);
  });

  it('gives no empty code for consecutive suffixes', () => {
    const { framer: f } = framer({ suffix: CRLF });
    expect(texts(f.push(bytes('\r\n\r\nA\r\n\r\n'), 0))).toEqual(['A']);
  });

  it('does not make an empty code of a CRLF split across chunks', () => {
    const { framer: f } = framer({ suffix: CRLF });
    expect(f.push(bytes('ABC\r'), 0)).toEqual([]);
    expect(texts(f.push(bytes('\nDEF\r'), 1))).toEqual(['ABC']);
    expect(texts(f.push(bytes('\n'), 2))).toEqual(['DEF']);
    expect(f.flush(1000)).toEqual([]);
  });

  it('keeps a lone CR or LF inside a CRLF-terminated code', () => {
    const { framer: f } = framer({ suffix: CRLF });
    expect(texts(f.push(bytes('line1\rline2\nend\r\r\n'), 0))).toEqual(['line1\rline2\nend\r']);
  });

  it('does not make an empty code when a timer ends a code between CR and LF', () => {
    const { framer: f } = framer({ suffix: CRLF });
    expect(f.push(bytes('ABC\r'), 0)).toEqual([]);
    expect(texts(f.flush(60))).toEqual(['ABC']);
    expect(f.push(bytes('\n'), 61)).toEqual([]);
    expect(f.deadline).toBeUndefined();
    expect(texts(f.push(bytes('DEF\r\n'), 500))).toEqual(['DEF']);
  });

  it('reads bytes after a flushed CR as data when they are not the rest of the suffix', () => {
    const { framer: f } = framer({ suffix: CRLF });
    f.push(bytes('ABC\r'), 0);
    expect(texts(f.flush(60))).toEqual(['ABC']);
    expect(texts(f.push(bytes('XYZ\r\n'), 500))).toEqual(['XYZ']);
  });

  it('ends a code that lost its suffix after the inter-byte timeout', () => {
    const { framer: f } = framer();
    f.push(bytes('NOSUFFIX'), 0);
    expect(f.flush(49)).toEqual([]);
    expect(texts(f.flush(50))).toEqual(['NOSUFFIX']);
    expect(f.flush(100)).toEqual([]);
  });

  it('ends the pending code first when bytes arrive after a silence', () => {
    const { framer: f } = framer();
    f.push(bytes('OLD'), 0);
    expect(texts(f.push(bytes('NEW\r'), 200))).toEqual(['OLD', 'NEW']);
  });

  it('ignores empty chunks', () => {
    const { framer: f } = framer();
    f.push(bytes('A'), 0);
    expect(f.push(new Uint8Array(0), 100)).toEqual([]);
    expect(f.deadline).toBe(50);
  });

  it('strips an AIM identifier and names the symbology', () => {
    const { framer: f } = framer();
    const [qr, ean] = f.push(bytes(']Q1https://zwfw.example.cn/?t=中文\r]E06901234567892\r'), 0);
    expect(qr).toMatchObject({ text: 'https://zwfw.example.cn/?t=中文', symbology: 'qr', aim: ']Q1', encoding: 'utf-8' });
    expect(qr?.raw).toEqual(bytes(']Q1https://zwfw.example.cn/?t=中文'));
    expect(ean).toMatchObject({ text: '6901234567892', symbology: 'ean13', aim: ']E0' });
  });

  it('leaves AIM-like data alone when told the scanner sends no identifiers', () => {
    const { framer: f } = framer({ aimIds: false });
    const [code] = f.push(bytes(']Q1abc\r'), 0);
    expect(code).toEqual({ text: ']Q1abc', symbology: 'unknown', encoding: 'utf-8', raw: bytes(']Q1abc') });
  });

  it('decodes GB18030 and UTF-8 codes side by side', () => {
    const { framer: f } = framer();
    const gb = encodePayload(']Q1姓名：张三', 'gb18030');
    const codes = f.push(Uint8Array.of(...gb, 0x0d, ...bytes('姓名：李四\r')), 0);
    expect(codes.map((c) => [c.text, c.encoding, c.symbology])).toEqual([
      ['姓名：张三', 'gb18030', 'qr'],
      ['姓名：李四', 'utf-8', 'unknown'],
    ]);
  });

  it('works with LF and TAB suffixes', () => {
    const lf = framer({ suffix: suffixBytes('lf') }).framer;
    expect(texts(lf.push(bytes('A\nB\n'), 0))).toEqual(['A', 'B']);
    const tab = framer({ suffix: suffixBytes('tab') }).framer;
    expect(texts(tab.push(bytes('A\tB\t'), 0))).toEqual(['A', 'B']);
  });

  it('forgets a partial code on reset', () => {
    const { framer: f } = framer({ suffix: CRLF });
    f.push(bytes('PARTIAL\r'), 0);
    f.reset();
    expect(f.deadline).toBeUndefined();
    expect(texts(f.push(bytes('\nA\r\n'), 1))).toEqual(['\nA']);
  });
});

describe('ScanFramer without a suffix', () => {
  it('completes codes only by silence', () => {
    const { framer: f } = framer({ suffix: null });
    expect(f.push(bytes('line 1\r\n'), 0)).toEqual([]);
    expect(f.push(bytes('line 2'), 10)).toEqual([]);
    expect(f.flush(59)).toEqual([]);
    expect(texts(f.flush(60))).toEqual(['line 1\r\nline 2']);
    expect(f.deadline).toBeUndefined();
  });

  it('separates codes by the gap between them', () => {
    const { framer: f } = framer({ suffix: null });
    f.push(bytes('A1'), 0);
    expect(texts(f.push(bytes('B2'), 100))).toEqual(['A1']);
    expect(texts(f.flush(150))).toEqual(['B2']);
  });
});

describe('ScanFramer limits', () => {
  it('passes a code of exactly maxLength', () => {
    const { framer: f, problems } = framer({ maxLength: 5, suffix: CRLF });
    expect(texts(f.push(bytes('12345\r\n'), 0))).toEqual(['12345']);
    expect(problems).toEqual([]);
  });

  it('drops an over-long code up to its suffix, reports it once, and goes on', () => {
    const { framer: f, problems } = framer({ maxLength: 5 });
    expect(f.push(bytes('1234567890'), 0)).toEqual([]);
    expect(f.push(bytes('abcdef'), 1)).toEqual([]);
    expect(texts(f.push(bytes('xyz\rOK\r'), 2))).toEqual(['OK']);
    expect(problems).toEqual([{ kind: 'overflow', message: 'code longer than 5 bytes dropped' }]);
  });

  it('finds a CRLF suffix while dropping', () => {
    const { framer: f, problems } = framer({ maxLength: 3, suffix: CRLF });
    expect(texts(f.push(bytes('123456\r'), 0))).toEqual([]);
    expect(texts(f.push(bytes('\nOK\r\n'), 1))).toEqual(['OK']);
    expect(problems).toHaveLength(1);
  });

  it('drops an over-long code ended by silence', () => {
    const { framer: f, problems } = framer({ maxLength: 3, suffix: CRLF });
    f.push(bytes('1234'), 0);
    expect(f.flush(100)).toEqual([]);
    expect(problems).toHaveLength(1);
    const nul = framer({ maxLength: 3, suffix: null });
    nul.framer.push(bytes('123456789'), 0);
    expect(nul.framer.flush(100)).toEqual([]);
    expect(texts(nul.framer.push(bytes('ok'), 200).concat(nul.framer.flush(300)))).toEqual(['ok']);
    expect(nul.problems).toHaveLength(1);
  });

  it('rejects bad options', () => {
    expect(() => new ScanFramer({ suffix: new Uint8Array(0), interByteTimeoutMs: 50 })).toThrow('"suffix"');
    expect(() => new ScanFramer({ suffix: CR, interByteTimeoutMs: 0 })).toThrow('"interByteTimeoutMs"');
    expect(() => new ScanFramer({ suffix: CR, interByteTimeoutMs: Number.NaN })).toThrow(TypeError);
    expect(() => new ScanFramer({ suffix: CR, interByteTimeoutMs: 50, maxLength: 1.5 })).toThrow('"maxLength"');
  });

  it('copies the suffix so later changes to the caller’s array do not matter', () => {
    const suffix = Uint8Array.of(0x0d);
    const f = new ScanFramer({ suffix, interByteTimeoutMs: 50 });
    suffix[0] = 0x0a;
    expect(texts(f.push(bytes('A\r'), 0))).toEqual(['A']);
  });
});

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const char = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: cjk },
  { weight: 1, arbitrary: fc.constantFrom('\r', '\n', '\t', '𠮷', '䶮', '·', '€', ']') },
);
const code = fc.record({
  text: fc.string({ unit: char, minLength: 1, maxLength: 80 }).filter((t) => !t.startsWith(']')),
  encoding: fc.constantFrom<PayloadEncoding>('utf-8', 'gb18030'),
});
const suffixName = fc.constantFrom<SuffixName>('cr', 'crlf', 'lf', 'tab');

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle));
}

function chunksOf(stream: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, stream.length]) {
    out.push(stream.subarray(at, p));
    at = p;
  }
  return out;
}

interface Sent {
  readonly text: string;
  readonly encoding: PayloadEncoding;
  readonly bytes: Uint8Array;
}

function expectSame(actual: readonly { text: string; encoding: string; raw: Uint8Array }[], sent: readonly Sent[]): void {
  expect(actual.map((c) => c.raw)).toEqual(sent.map((c) => c.bytes));
  actual.forEach((c, i) => {
    const s = sent[i] as Sent;
    // GB18030 bytes that are also valid UTF-8 (ASCII, or a rare collision) read as UTF-8, by design.
    if (s.encoding === 'gb18030' && isValidUtf8(s.bytes)) expect(c).toMatchObject(decodePayload(s.bytes));
    else expect({ text: c.text, encoding: c.encoding }).toEqual({ text: s.text, encoding: s.encoding });
  });
}

describe('ScanFramer properties', () => {
  it('returns exactly the codes sent, in order, however the stream is chunked', () => {
    fc.assert(
      fc.property(suffixName, fc.array(code, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 40 }), (name, codes, cuts) => {
        const suffix = suffixBytes(name) as Uint8Array;
        const sent = codes
          .map((c) => ({ ...c, bytes: encodePayload(c.text, c.encoding) }))
          .filter((c) => !contains(c.bytes, suffix));
        const stream = Uint8Array.from(sent.flatMap((c) => [...c.bytes, ...suffix]));
        const f = new ScanFramer({ suffix, interByteTimeoutMs: 50 });
        const got = chunksOf(stream, cuts).flatMap((chunk, i) => f.push(chunk, i));
        expectSame(got, sent);
        expect(f.deadline).toBeUndefined();
      }),
    );
  });

  it('returns exactly the codes sent without a suffix when silences separate them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(code, fc.array(fc.nat(), { maxLength: 6 })), { maxLength: 8 }), (scans) => {
        const f = new ScanFramer({ suffix: null, interByteTimeoutMs: 50 });
        const sent = scans.map(([c]) => ({ ...c, bytes: encodePayload(c.text, c.encoding) }));
        const got: ScannedCode[] = [];
        let now = 0;
        for (const [i, [, cuts]] of scans.entries()) {
          for (const chunk of chunksOf((sent[i] as Sent).bytes, cuts)) got.push(...f.push(chunk, now++));
          now += 100;
          if (i % 2 === 0) got.push(...f.flush(now));
        }
        got.push(...f.flush(now + 100));
        expectSame(got, sent);
      }),
    );
  });

  it('never throws and never returns a code longer than maxLength or containing the suffix', () => {
    fc.assert(
      fc.property(suffixName, fc.array(fc.tuple(fc.uint8Array({ maxLength: 30 }), fc.nat(120))), (name, pushes) => {
        const suffix = suffixBytes(name) as Uint8Array;
        const f = new ScanFramer({ suffix, interByteTimeoutMs: 50, maxLength: 16 });
        let now = 0;
        const got = pushes.flatMap(([chunk, gap]) => f.push(chunk, (now += gap)));
        got.push(...f.flush(now + 50));
        for (const c of got) {
          expect(c.raw.length).toBeGreaterThan(0);
          expect(c.raw.length).toBeLessThanOrEqual(16);
          expect(contains(c.raw, suffix)).toBe(false);
        }
      }),
    );
  });
});
