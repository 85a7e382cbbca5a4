/**
 * Tells speech from silence, noise and a broken engine in 16-bit mono PCM: how long it lasts, how loud it is
 * overall, how much of it is voiced (20 ms frames above a floor), and its zero-crossing rate (speech sits in
 * the low thousands a second; white noise near half the sample rate, a hum far below).
 */
export interface SpeechStats {
  readonly durationMs: number;
  readonly rms: number;
  /** Fraction of 20 ms frames whose RMS is above 1.5 % of full scale. */
  readonly voicedFraction: number;
  readonly zeroCrossingsPerSecond: number;
}

export function speechStats(samples: Int16Array, sampleRate: number): SpeechStats {
  const frame = Math.round(sampleRate / 50);
  let total = 0;
  let voiced = 0;
  let frames = 0;
  let crossings = 0;
  for (let start = 0; start + frame <= samples.length; start += frame) {
    let energy = 0;
    for (let i = start; i < start + frame; i++) energy += samples[i]! * samples[i]!;
    total += energy;
    frames += 1;
    if (Math.sqrt(energy / frame) > 0.015 * 32768) voiced += 1;
  }
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 !== samples[i]! < 0) crossings += 1;
  const seconds = samples.length / sampleRate;
  return {
    durationMs: 1000 * seconds,
    rms: frames === 0 ? 0 : Math.sqrt(total / (frames * frame)),
    voicedFraction: frames === 0 ? 0 : voiced / frames,
    zeroCrossingsPerSecond: seconds === 0 ? 0 : crossings / seconds,
  };
}

/** The bytes of 16-bit little-endian PCM as samples. */
export function pcmSamples(bytes: Uint8Array): Int16Array {
  const copy = new Uint8Array(bytes.byteLength - (bytes.byteLength % 2));
  copy.set(bytes.subarray(0, copy.byteLength));
  return new Int16Array(copy.buffer);
}
