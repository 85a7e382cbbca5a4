import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SIGNATURE_CHARS, decodeSignature, encodeCommitment, encodeSignature, markAssisted, signingOf, simplify, type Point } from './signature-code.ts';

const PAD = { width: 900, height: 240 };

/** A wavy line across the pad, one point per pixel: what a quick pen stroke sends. */
function wave(points: number, y0: number, amplitude: number): Point[] {
  return Array.from({ length: points }, (_, i) => ({ x: (i / points) * PAD.width, y: y0 + amplitude * Math.sin(i / 15) }));
}

describe('signature encoding', () => {
  it('is null when nothing was drawn', () => {
    expect(encodeSignature({ ...PAD, strokes: [] })).toBeNull();
    expect(encodeSignature({ ...PAD, strokes: [[]] })).toBeNull();
  });

  it('keeps the strokes: decoding gives points within a grid step of the originals', () => {
    const strokes = [
      [
        { x: 10, y: 20 },
        { x: 450, y: 120 },
        { x: 890, y: 230 },
      ],
      [{ x: 300, y: 60 }],
    ];
    const text = encodeSignature({ ...PAD, strokes })!;
    expect(text).toMatch(/^sig1:900x240:[A-Za-z0-9_-]{9}\.[A-Za-z0-9_-]{3}$/);
    const decoded = decodeSignature(text)!;
    expect(decoded.width).toBe(900);
    expect(decoded.strokes).toHaveLength(2);
    decoded.strokes.flat().forEach((p, i) => {
      const original = strokes.flat()[i]!;
      expect(Math.abs(p.x - original.x)).toBeLessThan(1);
      expect(Math.abs(p.y - original.y)).toBeLessThan(1);
    });
  });

  it('simplifies a long signature until it fits, keeping its shape', () => {
    const strokes = [wave(900, 60, 40), wave(900, 120, 50), wave(900, 180, 30), wave(600, 100, 90)];
    const text = encodeSignature({ ...PAD, strokes })!;
    expect(text.length).toBeLessThanOrEqual(MAX_SIGNATURE_CHARS);
    const decoded = decodeSignature(text)!;
    expect(decoded.strokes).toHaveLength(4);
    // Every kept point lies on the original stroke's path, within a few pixels.
    for (const [i, stroke] of decoded.strokes.entries()) {
      for (const p of stroke) {
        const nearest = Math.min(...strokes[i]!.map((o) => Math.hypot(o.x - p.x, o.y - p.y)));
        expect(nearest).toBeLessThan(3);
      }
    }
  });

  it('never exceeds the limit, whatever is scribbled', () => {
    const point = fc.record({ x: fc.double({ min: -50, max: 950, noNaN: true }), y: fc.double({ min: -50, max: 300, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(fc.array(point, { minLength: 1, maxLength: 400 }), { minLength: 1, maxLength: 60 }), (strokes) => {
        const text = encodeSignature({ ...PAD, strokes });
        if (text === null) return;
        expect(text.length).toBeLessThanOrEqual(MAX_SIGNATURE_CHARS);
        expect(decodeSignature(text)).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('rejects text that is not a signature', () => {
    expect(decodeSignature('已签名')).toBeNull();
    expect(decodeSignature('sig1:900x240:AB')).toBeNull();
  });

  it('drops the points of a straight line but keeps its ends', () => {
    const line = Array.from({ length: 50 }, (_, i) => ({ x: i, y: 2 * i }));
    expect(simplify(line, 1)).toEqual([line[0], line[49]]);
  });
});

describe('how the applicant signed', () => {
  const drawn = encodeSignature({ width: 600, height: 200, strokes: [[{ x: 10, y: 10 }, { x: 300, y: 150 }]] })!;

  it('records a drawing by hand, a drawing with assistance, and a commitment with its reason', () => {
    expect(signingOf(drawn)).toEqual({ method: 'hand' });
    expect(signingOf(markAssisted(drawn))).toEqual({ method: 'assisted' });
    expect(decodeSignature(markAssisted(drawn))).toEqual(decodeSignature(drawn));
    expect(signingOf(encodeCommitment('cannot-see'))).toEqual({ method: 'commitment', reason: 'cannot-see' });
    expect(decodeSignature(encodeCommitment('hands'))).toBeNull();
  });

  it('knows no other way', () => {
    expect(signingOf('pledge1:bribed')).toBeNull();
    expect(signingOf('whatever')).toBeNull();
  });
});
