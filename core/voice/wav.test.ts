import { describe, expect, it } from 'vitest';
import { parseWav, wavDurationMs, WavError } from './wav.ts';

/** A WAV header as espeak-ng writes it; `sizes` as on --stdout (unknown: 0x7fffffff) or the true ones. */
function wav(samples: number[], options: { streamed?: boolean; sampleRate?: number; extraChunk?: boolean } = {}): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => data.writeInt16LE(sample, i * 2));
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(1, 10);
  fmt.writeUInt32LE(options.sampleRate ?? 22050, 12);
  fmt.writeUInt32LE((options.sampleRate ?? 22050) * 2, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const list = Buffer.from('LIST\x03\x00\x00\x00abc\x00', 'binary');
  const dataHeader = Buffer.alloc(8);
  dataHeader.write('data', 0, 'ascii');
  dataHeader.writeUInt32LE(options.streamed ? 0x7fffffff : data.length, 4);
  const head = Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'binary');
  head.writeUInt32LE(options.streamed ? 0x7fffffff : 4 + fmt.length + 8 + data.length, 4);
  return Buffer.concat([head, fmt, ...(options.extraChunk ? [list] : []), dataHeader, data]);
}

describe('parseWav', () => {
  it('reads the format and the samples', () => {
    const parsed = parseWav(wav([1, -2, 300]));
    expect(parsed).toMatchObject({ sampleRate: 22050, channels: 1, bitsPerSample: 16 });
    expect([...new Int16Array(new Uint8Array(parsed.data).buffer)]).toEqual([1, -2, 300]);
  });

  it('takes a streamed header (sizes unknown) to the end of the bytes, skipping other chunks (padded to even)', () => {
    const parsed = parseWav(wav(Array.from({ length: 22050 }, (_, i) => i % 100), { streamed: true, extraChunk: true }));
    expect(parsed.data.length).toBe(44100);
    expect(wavDurationMs(parsed)).toBe(1000);
  });

  it('keeps whole samples of a stream cut in the middle of one', () => {
    const bytes = wav([5, 6, 7], { streamed: true });
    expect(parseWav(bytes.subarray(0, bytes.length - 1)).data.length).toBe(4);
  });

  it('refuses what is not PCM WAV', () => {
    expect(() => parseWav(Buffer.from('not a wav at all'))).toThrow(WavError);
    const float = wav([1]);
    float.writeUInt16LE(3, 20);
    expect(() => parseWav(float)).toThrow('not integer PCM');
    expect(() => parseWav(wav([1]).subarray(0, 36))).toThrow('no data chunk');
  });
});
