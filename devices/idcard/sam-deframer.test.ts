import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SamDeframer, SamFrameParser } from './sam-deframer.ts';
import { PREAMBLE, decodeFrame, encodeCommand, encodeFrame, encodeResponse, type SamFrame } from './sam-frame.ts';

const FIND = encodeCommand(0x20, 0x01);
const FOUND = encodeResponse(0, 0, 0x9f, new Uint8Array(4));

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

function pushAll(deframer: SamDeframer, chunks: readonly Uint8Array[]): Uint8Array[] {
  return chunks.flatMap((chunk) => deframer.push(chunk)).map((frame) => frame.bytes);
}

/** Splits bytes at the given cut points (any integers; reduced into range). */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

describe('SamDeframer', () => {
  it('emits a frame delivered in one chunk, with body and bytes', () => {
    const deframer = new SamDeframer();
    const [frame, ...rest] = deframer.push(FOUND);
    expect(rest).toEqual([]);
    expect(frame?.bytes).toEqual(FOUND);
    expect(frame?.body).toEqual(Uint8Array.of(0, 0, 0x9f, 0, 0, 0, 0));
    expect(deframer.pendingBytes).toBe(0);
  });

  it('joins a frame delivered byte by byte', () => {
    const deframer = new SamDeframer();
    const frames = pushAll(deframer, [...FOUND].map((byte) => Uint8Array.of(byte)));
    expect(frames).toEqual([FOUND]);
  });

  it('splits several frames in one chunk and keeps a partial one', () => {
    const deframer = new SamDeframer();
    expect(deframer.push(concat(FIND, FOUND, FIND.subarray(0, 6)))).toHaveLength(2);
    expect(deframer.pendingBytes).toBe(6);
    expect(pushAll(deframer, [FIND.subarray(6)])).toEqual([FIND]);
  });

  it('drops garbage around frames and counts it', () => {
    const deframer = new SamDeframer();
    const frames = pushAll(deframer, [Uint8Array.of(1, 2, 0xaa, 3), FIND, Uint8Array.of(0x96, 0x69), FOUND, Uint8Array.of(0xaa, 0xaa)]);
    expect(frames).toEqual([FIND, FOUND]);
    expect(deframer.discardedBytes).toBe(6);
    // The trailing AA AA may start a preamble: held, not dropped.
    expect(deframer.pendingBytes).toBe(2);
    expect(deframer.checksumErrors).toBe(0);
  });

  it('completes a preamble split across chunks, including an extra leading AA', () => {
    const deframer = new SamDeframer();
    expect(deframer.push(Uint8Array.of(0xaa, 0xaa, 0xaa, 0xaa))).toEqual([]);
    expect(pushAll(deframer, [FIND.subarray(3)])).toEqual([FIND]);
    expect(deframer.discardedBytes).toBe(1);
  });

  it('never searches inside a frame of trusted length: photo data may contain the preamble', () => {
    const photo = new Uint8Array(1024);
    photo.set([...PREAMBLE, 0x00, 0x03, 0x20, 0x01, 0x22], 100);
    photo.set(FOUND, 500);
    const read = encodeResponse(0, 0, 0x90, concat(Uint8Array.of(1, 0, 4, 0), new Uint8Array(256), photo));
    const deframer = new SamDeframer();
    expect(pushAll(deframer, split(read, [3, 8, 120, 600, 1000]))).toEqual([read]);
    expect(deframer.discardedBytes).toBe(0);
  });

  it('resyncs one byte after a frame with a bad checksum', () => {
    const bad = FIND.slice();
    bad[9] = 0x22 ^ 0xff;
    const deframer = new SamDeframer();
    expect(pushAll(deframer, [bad, FOUND])).toEqual([FOUND]);
    expect(deframer.checksumErrors).toBe(1);
    expect(deframer.discardedBytes).toBe(bad.length);
  });

  it('finds a real frame that a false preamble with a plausible length had covered', () => {
    const falseStart = Uint8Array.of(...PREAMBLE, 0x00, 0x05);
    const deframer = new SamDeframer();
    expect(pushAll(deframer, [falseStart, FOUND])).toEqual([FOUND]);
    expect(deframer.checksumErrors).toBe(1);
    expect(deframer.discardedBytes).toBe(falseStart.length);
  });

  it('recovers after a corrupted length field once enough bytes arrive', () => {
    const bad = FIND.slice();
    bad[6] = 0x40; // Len 0x40: the deframer waits for 64 bytes, swallowing the next frames
    const deframer = new SamDeframer();
    const frames = pushAll(deframer, [bad, FOUND, FIND, ...Array.from({ length: 4 }, () => FOUND)]);
    expect(frames).toEqual([FOUND, FIND, FOUND, FOUND, FOUND, FOUND]);
    expect(deframer.checksumErrors).toBe(1);
  });

  it.each([
    ['0', 0x00, 0x00],
    ['2', 0x00, 0x02],
    ['above maxLen', 0x10, 0x05],
  ])('rejects a length of %s without waiting for it', (_name, high, low) => {
    const deframer = new SamDeframer();
    expect(pushAll(deframer, [Uint8Array.of(...PREAMBLE, high, low), FIND])).toEqual([FIND]);
    expect(deframer.lengthErrors).toBe(1);
    expect(deframer.discardedBytes).toBe(7);
  });

  it('accepts the largest real frame (30 10 with a 1024-byte fingerprint) by default', () => {
    const frame = encodeResponse(0, 0, 0x90, new Uint8Array(6 + 256 + 1024 + 1024));
    expect(frame).toHaveLength(2321);
    expect(pushAll(new SamDeframer(), [frame])).toEqual([frame]);
  });

  it('takes a maxLen option and validates it', () => {
    const deframer = new SamDeframer({ maxLen: 3 });
    expect(pushAll(deframer, [FOUND, FIND])).toEqual([FIND]);
    expect(deframer.lengthErrors).toBe(1);
    expect(() => new SamDeframer({ maxLen: 2 })).toThrow(/"maxLen"/);
    expect(() => new SamDeframer({ maxLen: 70000 })).toThrow(TypeError);
  });

  it('drops a partial frame on reset', () => {
    const deframer = new SamDeframer();
    deframer.push(FOUND.subarray(0, 9));
    deframer.reset();
    expect(deframer.pendingBytes).toBe(0);
    expect(deframer.discardedBytes).toBe(9);
    expect(pushAll(deframer, [FOUND.subarray(9), FIND])).toEqual([FIND]);
  });

  it('reports rejected candidates in stream order', () => {
    const bad = FIND.slice();
    bad[9] = 0;
    const events = new SamDeframer().pushEvents(concat(FIND, bad, Uint8Array.of(...PREAMBLE, 0, 1), FOUND));
    expect(events.map((event) => event.kind)).toEqual(['frame', 'checksum-error', 'length-error', 'frame']);
  });

  it('does not keep references to the caller’s chunk', () => {
    const chunk = Buffer.from(FIND);
    const [frame] = new SamDeframer().push(chunk);
    chunk.fill(0);
    expect(frame?.bytes).toEqual(FIND);
    expect(Buffer.isBuffer(frame?.bytes)).toBe(false);
  });
});

describe('SamDeframer properties', () => {
  /** A frame body, sometimes carrying the preamble and a plausible length inside its data. */
  const frameArb = fc
    .tuple(fc.uint8Array({ minLength: 2, maxLength: 1400, size: 'max' }), fc.boolean(), fc.nat(), fc.integer({ min: 3, max: 4000 }))
    .map(([body, embed, at, len]) => {
      if (!embed) return encodeFrame(body);
      const inner = Uint8Array.of(...PREAMBLE, len >> 8, len & 0xff);
      const pos = at % (body.length + 1);
      return encodeFrame(concat(body.subarray(0, pos), inner, body.subarray(pos)));
    });
  const garbageArb = fc.uint8Array({ maxLength: 40 }).map((bytes) => bytes.map((b) => (b === 0xaa ? 0x55 : b)));

  it('emits every valid frame exactly once, in order, byte-identical, whatever the garbage and chunking', () => {
    const pairsArb = fc.array(fc.tuple(garbageArb, frameArb), { maxLength: 8 });
    const cutsArb = fc.array(fc.nat(), { maxLength: 30, size: 'max' });
    fc.assert(
      fc.property(pairsArb, garbageArb, cutsArb, (pairs, tail, cuts) => {
        const stream = concat(...pairs.flatMap(([garbage, frame]) => [garbage, frame]), tail);
        const deframer = new SamDeframer();
        const frames = pushAll(deframer, split(stream, cuts));
        expect(frames).toEqual(pairs.map(([, frame]) => frame));
        expect(deframer.discardedBytes).toBe(pairs.reduce((n, [garbage]) => n + garbage.length, 0) + tail.length);
        expect(deframer.checksumErrors + deframer.lengthErrors).toBe(0);
      }),
    );
  });

  it('never throws on arbitrary bytes, emits only valid frames and accounts for every byte', () => {
    const withPreambles = fc.array(fc.oneof(fc.uint8Array({ maxLength: 30 }), fc.constant(PREAMBLE), fc.constant(FIND)), { maxLength: 20 });
    fc.assert(
      fc.property(withPreambles, fc.array(fc.nat(), { maxLength: 20 }), (parts, cuts) => {
        const stream = concat(...parts);
        const deframer = new SamDeframer({ maxLen: 64 });
        let frames: SamFrame[] = [];
        expect(() => {
          frames = split(stream, cuts).flatMap((chunk) => deframer.push(chunk));
        }).not.toThrow();
        for (const frame of frames) expect(decodeFrame(frame.bytes).ok).toBe(true);
        const emitted = frames.reduce((n, frame) => n + frame.bytes.length, 0);
        expect(emitted + deframer.discardedBytes + deframer.pendingBytes).toBe(stream.length);
      }),
    );
  });
});

describe('SamFrameParser', () => {
  it('turns written chunks into frame objects', async () => {
    const parser = new SamFrameParser();
    const frames: SamFrame[] = [];
    parser.on('data', (frame: SamFrame) => frames.push(frame));
    parser.write(Buffer.from(concat(Uint8Array.of(7), FIND.subarray(0, 4))));
    parser.write(Buffer.from(concat(FIND.subarray(4), FOUND)));
    await new Promise<void>((resolve) => parser.end(resolve));
    expect(frames.map((frame) => frame.bytes)).toEqual([FIND, FOUND]);
    expect(parser.deframer.discardedBytes).toBe(1);
  });

  it('passes maxLen to its deframer and validates it', () => {
    const parser = new SamFrameParser({ maxLen: 3 });
    const frames: SamFrame[] = [];
    parser.on('data', (frame: SamFrame) => frames.push(frame));
    parser.write(Buffer.from(concat(FOUND, FIND)));
    expect(frames.map((frame) => frame.bytes)).toEqual([FIND]);
    expect(() => new SamFrameParser({ maxLen: 0 })).toThrow(TypeError);
  });
});
