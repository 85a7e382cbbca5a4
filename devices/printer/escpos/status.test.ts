import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PrinterStatusParser,
  combineRealtimeStatus,
  decodeAsb,
  decodePaperStatus,
  decodeRealtimeStatus,
  isRealtimeReply,
  printerStatusCode,
  type PrinterMessage,
} from './status.ts';

const u8 = (...values: number[]) => Uint8Array.from(values);

function parseAll(chunks: Uint8Array[]): PrinterMessage[] {
  const parser = new PrinterStatusParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.flush()];
}

function plain(messages: PrinterMessage[]): unknown[] {
  return messages.map((m) => ('bytes' in m ? { kind: m.kind, bytes: Array.from(m.bytes) } : m));
}

describe('decodeRealtimeStatus (research §A.6)', () => {
  it('reads the idle replies as all clear', () => {
    expect(isRealtimeReply(0x12)).toBe(true);
    expect(Object.values(combineRealtimeStatus(0x12, 0x12, 0x12, 0x12)).some(Boolean)).toBe(false);
    expect(printerStatusCode(combineRealtimeStatus(0x12, 0x12, 0x12, 0x12))).toBe('OK');
  });

  it('decodes n=1 printer status', () => {
    expect(decodeRealtimeStatus(1, 0x1a)).toEqual({ drawerPin3High: false, offline: true, waitingOnlineRecovery: false, feedButtonPressed: false });
    expect(decodeRealtimeStatus(1, 0x16).drawerPin3High).toBe(true);
    expect(decodeRealtimeStatus(1, 0x32).waitingOnlineRecovery).toBe(true);
    expect(decodeRealtimeStatus(1, 0x52).feedButtonPressed).toBe(true);
  });

  it('decodes n=2 offline causes: cover open 0x16, paper end 0x32, error 0x52', () => {
    expect(decodeRealtimeStatus(2, 0x16)).toEqual({ coverOpen: true, paperFeeding: false, paperEndStop: false, errorOccurred: false });
    expect(decodeRealtimeStatus(2, 0x1a).paperFeeding).toBe(true);
    expect(decodeRealtimeStatus(2, 0x32).paperEndStop).toBe(true);
    expect(decodeRealtimeStatus(2, 0x52).errorOccurred).toBe(true);
  });

  it('decodes n=3 error causes', () => {
    expect(decodeRealtimeStatus(3, 0x1a)).toEqual({ mechanicalError: false, autocutterError: true, unrecoverableError: false, autoRecoverableError: false });
    expect(decodeRealtimeStatus(3, 0x16).mechanicalError).toBe(true);
    expect(decodeRealtimeStatus(3, 0x32).unrecoverableError).toBe(true);
    expect(decodeRealtimeStatus(3, 0x52).autoRecoverableError).toBe(true);
  });

  it('decodes n=4 paper: near-end 0x1E, out 0x72', () => {
    expect(decodeRealtimeStatus(4, 0x1e)).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(decodeRealtimeStatus(4, 0x72)).toEqual({ paperNearEnd: false, paperEnd: true });
    expect(decodeRealtimeStatus(4, 0x12)).toEqual({ paperNearEnd: false, paperEnd: false });
  });
});

describe('decodeAsb and decodePaperStatus (research §A.7)', () => {
  it('decodes each ASB byte', () => {
    const idle = decodeAsb(u8(0x10, 0x00, 0x00, 0x00));
    expect(Object.values(idle).some(Boolean)).toBe(false);
    const cover = decodeAsb(u8(0x38, 0x00, 0x00, 0x00));
    expect(cover.offline && cover.coverOpen).toBe(true);
    const cutter = decodeAsb(u8(0x18, 0x09, 0x00, 0x00));
    expect(cutter).toMatchObject({ autocutterError: true, waitingOnlineRecovery: true, errorOccurred: true, offline: true });
    expect(decodeAsb(u8(0x10, 0x00, 0x03, 0x00))).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(decodeAsb(u8(0x18, 0x00, 0x0c, 0x00))).toMatchObject({ paperNearEnd: false, paperEnd: true, paperEndStop: true });
    expect(decodeAsb(u8(0x10, 0x64, 0x00, 0x00))).toMatchObject({ mechanicalError: true, unrecoverableError: true, autoRecoverableError: true });
  });

  it('decodes GS r 1 paper bits', () => {
    expect(decodePaperStatus(0x00)).toEqual({ paperNearEnd: false, paperEnd: false });
    expect(decodePaperStatus(0x03)).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(decodePaperStatus(0x0c)).toEqual({ paperNearEnd: false, paperEnd: true });
  });

  it('never throws on a short ASB', () => {
    expect(decodeAsb(u8()).offline).toBe(false);
  });
});

describe('printerStatusCode', () => {
  it('maps flags to CUSS codes, most pressing first', () => {
    expect(printerStatusCode({})).toBe('OK');
    expect(printerStatusCode({ paperNearEnd: true })).toBe('MEDIA_LOW');
    expect(printerStatusCode({ paperNearEnd: true, paperEnd: true })).toBe('MEDIA_EMPTY');
    expect(printerStatusCode({ paperEndStop: true })).toBe('MEDIA_EMPTY');
    expect(printerStatusCode({ coverOpen: true, paperEnd: true })).toBe('COVER_OPEN');
    expect(printerStatusCode({ mechanicalError: true, coverOpen: true })).toBe('MEDIA_JAMMED');
    expect(printerStatusCode({ autocutterError: true, mechanicalError: true })).toBe('HARDWARE_ERROR');
    expect(printerStatusCode({ unrecoverableError: true })).toBe('HARDWARE_ERROR');
    expect(printerStatusCode({ errorOccurred: true })).toBe('HARDWARE_ERROR');
    expect(printerStatusCode(decodeAsb(u8(0x18, 0x00, 0x0c, 0x00)))).toBe('MEDIA_EMPTY');
    expect(printerStatusCode(combineRealtimeStatus(0x1a, 0x16, 0x12, 0x12))).toBe('COVER_OPEN');
  });
});

describe('PrinterStatusParser (research §A.9)', () => {
  it('classifies each kind of reply', () => {
    const messages = parseAll([u8(0x12, 0x10, 0x00, 0x0c, 0x00, 0x03, 0x5f, 0x45, 0x50, 0x00, 0x37, 0x36, 0x32, 0x1f, 0x00, 0xff)]);
    expect(plain(messages)).toEqual([
      { kind: 'realtime', value: 0x12 },
      { kind: 'asb', bytes: [0x10, 0x00, 0x0c, 0x00] },
      { kind: 'fence', value: 0x03 },
      { kind: 'block', bytes: [0x5f, 0x45, 0x50, 0x00] },
      { kind: 'block', bytes: [0x37, 0x36, 0x32, 0x1f, 0x00] },
      { kind: 'garbage', bytes: [0xff] },
    ]);
  });

  it('waits for the rest of an ASB block split across chunks', () => {
    const parser = new PrinterStatusParser();
    expect(parser.push(u8(0x12, 0x18))).toEqual([{ kind: 'realtime', value: 0x12 }]);
    expect(parser.pendingBytes).toBe(1);
    expect(parser.push(u8(0x00))).toEqual([]);
    expect(plain(parser.push(u8(0x0c, 0x00, 0x00)))).toEqual([
      { kind: 'asb', bytes: [0x18, 0x00, 0x0c, 0x00] },
      { kind: 'fence', value: 0 },
    ]);
  });

  it('drops an ASB-looking byte whose followers break the mask, and keeps what follows', () => {
    expect(plain(parseAll([u8(0x10, 0x00, 0x12)]))).toEqual([
      { kind: 'garbage', bytes: [0x10] },
      { kind: 'fence', value: 0 },
      { kind: 'realtime', value: 0x12 },
    ]);
  });

  it('gives up on an unterminated block after maxBlockBytes, and on non-ASCII inside it at once', () => {
    const parser = new PrinterStatusParser({ maxBlockBytes: 4 });
    const fenceA = { kind: 'fence', value: 0x41 };
    expect(plain(parser.push(u8(0x5f, 0x41, 0x41, 0x41, 0x41)))).toEqual([{ kind: 'garbage', bytes: [0x5f] }, fenceA, fenceA, fenceA, fenceA]);
    expect(plain(parseAll([u8(0x35, 0x41, 0x92, 0x12)]))).toEqual([
      { kind: 'garbage', bytes: [0x35] },
      { kind: 'fence', value: 0x41 },
      { kind: 'garbage', bytes: [0x92] },
      { kind: 'realtime', value: 0x12 },
    ]);
  });

  it('reports a cut-off message as garbage on flush, and counts garbage bytes', () => {
    const parser = new PrinterStatusParser();
    expect(parser.push(u8(0x80, 0x81, 0x10, 0x00))).toEqual([{ kind: 'garbage', bytes: u8(0x80, 0x81) }]);
    expect(plain(parser.flush())).toEqual([
      { kind: 'garbage', bytes: [0x10] },
      { kind: 'fence', value: 0 },
    ]);
    expect(parser.garbageBytes).toBe(3);
    expect(parser.pendingBytes).toBe(0);
  });

  it('rejects a useless maxBlockBytes', () => {
    expect(() => new PrinterStatusParser({ maxBlockBytes: 1 })).toThrow(TypeError);
  });

  const realtime = fc.integer({ min: 0, max: 255 }).map((b) => (b & ~0x93) | 0x12).map((value): PrinterMessage => ({ kind: 'realtime', value }));
  const asbRest = fc.integer({ min: 0, max: 255 }).map((b) => b & ~0x90);
  const asb = fc
    .tuple(fc.integer({ min: 0, max: 255 }).map((b) => (b & ~0x93) | 0x10), asbRest, asbRest, asbRest)
    .map((bytes): PrinterMessage => ({ kind: 'asb', bytes: Uint8Array.from(bytes) }));
  const fence = fc
    .integer({ min: 0, max: 255 })
    .map((b) => b & ~0x90)
    .filter((b) => ![0x35, 0x37, 0x3b, 0x3d, 0x5f].includes(b))
    .map((value): PrinterMessage => ({ kind: 'fence', value }));
  const block = fc
    .tuple(fc.constantFrom(0x35, 0x37, 0x3b, 0x3d, 0x5f), fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constant(0x1f)), { maxLength: 30 }))
    .map(([start, body]): PrinterMessage => ({ kind: 'block', bytes: Uint8Array.from([start, ...body, 0]) }));
  const message = fc.oneof(realtime, asb, fence, block);

  function serialize(messages: PrinterMessage[]): Uint8Array {
    return Uint8Array.from(messages.flatMap((m) => ('bytes' in m ? Array.from(m.bytes) : [m.value])));
  }

  function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let last = 0;
    for (const p of [...points, bytes.length]) {
      chunks.push(bytes.slice(last, p));
      last = p;
    }
    return chunks;
  }

  it('yields the same messages for any interleaving and any split (property)', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 30 }), (messages, cuts) => {
        const bytes = serialize(messages);
        const parsed = parseAll(split(bytes, cuts));
        expect(plain(parsed)).toEqual(plain(messages));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and accounts for every byte on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat(), { maxLength: 20 }), (bytes, cuts) => {
        const parsed = parseAll(split(bytes, cuts));
        const total = parsed.reduce((n, m) => n + ('bytes' in m ? m.bytes.length : 1), 0);
        expect(total).toBe(bytes.length);
      }),
      { numRuns: 500 },
    );
  });
});
