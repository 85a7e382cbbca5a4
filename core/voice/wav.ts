/**
 * Reads the WAV espeak-ng writes: RIFF, a `fmt ` chunk of integer PCM, then `data`. On --stdout the sizes in
 * the header are placeholders (0x7fffffff: the length was unknown while streaming), so `data` runs to the end.
 */
export interface Wav {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  /** The sample bytes, little-endian. */
  readonly data: Buffer;
}

export class WavError extends Error {
  override readonly name = 'WavError';
}

export function parseWav(bytes: Buffer): Wav {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new WavError('not a RIFF/WAVE file');
  }
  let format: Omit<Wav, 'data'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new WavError('short fmt chunk');
      if (bytes.readUInt16LE(body) !== 1) throw new WavError('not integer PCM');
      format = { channels: bytes.readUInt16LE(body + 2), sampleRate: bytes.readUInt32LE(body + 4), bitsPerSample: bytes.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format) throw new WavError('data before fmt');
      const end = Math.min(bytes.length, body + size);
      // Whole sample frames only: a stream cut mid-sample keeps what is complete.
      const frame = (format.bitsPerSample / 8) * format.channels;
      return { ...format, data: bytes.subarray(body, body + Math.floor((end - body) / frame) * frame) };
    }
    offset = body + size + (size % 2);
  }
  throw new WavError('no data chunk');
}

/** The clip's length in milliseconds. */
export function wavDurationMs(wav: Wav): number {
  return (1000 * wav.data.length) / ((wav.bitsPerSample / 8) * wav.channels * wav.sampleRate);
}
