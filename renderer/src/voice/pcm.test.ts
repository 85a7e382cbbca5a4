import { describe, expect, it } from 'vitest';
import { pcmToFloat32 } from './pcm.ts';

const base64 = (bytes: readonly number[]) => btoa(String.fromCharCode(...bytes));

describe('pcmToFloat32', () => {
  it('reads signed little-endian 16-bit samples', () => {
    const samples = new Int16Array([0, 1, -1, 32767, -32768]);
    expect(Array.from(pcmToFloat32(base64([...new Uint8Array(samples.buffer)])))).toEqual([0, 1 / 32768, -1 / 32768, 32767 / 32768, -1]);
  });
  it('drops a trailing odd byte', () => {
    expect(pcmToFloat32(base64([1, 0, 7]))).toHaveLength(1);
  });
});
