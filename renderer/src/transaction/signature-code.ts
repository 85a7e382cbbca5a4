/**
 * A handwritten signature as a compact text value for the form (the contract allows 2,000 characters; we
 * stay under MAX_SIGNATURE_CHARS). The strokes themselves are kept, not a hash, so the back office can draw
 * the signature on the department's forms:
 *
 *   sig1:<width>x<height>:<stroke>.<stroke>…     signed by the applicant's own hand
 *   sig1h:<width>x<height>:<stroke>.<stroke>…    signed on the pad with a helper's assistance
 *   pledge1:<reason>                             no handwriting: a commitment confirmed on the keypad
 *
 * Each point is three base64url characters: x on 10 bits (0–1023) and y on 8 bits (0–255) across the pad,
 * which is several times wider than tall. Strokes are simplified (Ramer–Douglas–Peucker, in those grid
 * units) with a tolerance raised step by step until the text fits.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}
export type Stroke = readonly Point[];

export interface Signature {
  /** The pad's size in CSS pixels, so the strokes keep their proportions. */
  readonly width: number;
  readonly height: number;
  readonly strokes: readonly Stroke[];
}

export const MAX_SIGNATURE_CHARS = 1500;
const PREFIX = 'sig1';
const X_MAX = 1023;
const Y_MAX = 255;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const TOLERANCES = [0, 1, 2, 3, 5, 8, 13, 21, 34];

function clamp(value: number, max: number): number {
  return Math.min(max, Math.max(0, Math.round(value)));
}

function quantize(stroke: Stroke, width: number, height: number): Point[] {
  const points: Point[] = [];
  for (const p of stroke) {
    const q = { x: clamp((p.x / width) * X_MAX, X_MAX), y: clamp((p.y / height) * Y_MAX, Y_MAX) };
    const last = points[points.length - 1];
    if (!last || last.x !== q.x || last.y !== q.y) points.push(q);
  }
  return points;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Ramer–Douglas–Peucker: the fewest points that stay within `tolerance` of the stroke. */
export function simplify(points: readonly Point[], tolerance: number): Point[] {
  if (tolerance <= 0 || points.length < 3) return [...points];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  let farthest = 0;
  let index = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = distanceToSegment(points[i]!, first, last);
    if (d > farthest) {
      farthest = d;
      index = i;
    }
  }
  if (farthest <= tolerance) return [first, last];
  return [...simplify(points.slice(0, index + 1), tolerance).slice(0, -1), ...simplify(points.slice(index), tolerance)];
}

function encodePoint({ x, y }: Point): string {
  const bits = (x << 8) | y;
  return ALPHABET[(bits >> 12) & 63]! + ALPHABET[(bits >> 6) & 63]! + ALPHABET[bits & 63]!;
}

/** The signature as text of at most `maxChars`, or null when nothing was drawn. */
export function encodeSignature(signature: Signature, maxChars = MAX_SIGNATURE_CHARS): string | null {
  const width = Math.max(1, Math.round(signature.width));
  const height = Math.max(1, Math.round(signature.height));
  const grid = signature.strokes.map((s) => quantize(s, width, height)).filter((s) => s.length > 0);
  if (grid.length === 0) return null;
  const header = `${PREFIX}:${width}x${height}:`;
  let encoded: string[] = [];
  for (const tolerance of TOLERANCES) {
    encoded = grid.map((s) => simplify(s, tolerance).map(encodePoint).join(''));
    if (header.length + encoded.join('.').length <= maxChars) return header + encoded.join('.');
  }
  // Only a scribble filling the pad gets here: keep the strokes that fit, in the order they were drawn.
  let text = header;
  for (const [i, stroke] of encoded.entries()) {
    const next = i === 0 ? stroke : `.${stroke}`;
    if (text.length + next.length > maxChars) break;
    text += next;
  }
  return text === header ? null : text;
}

/** How the applicant signed, as the submission records it (the value says it; see the formats above). */
export type SigningMethod = 'hand' | 'assisted' | 'commitment';

/** Why a commitment replaces the handwritten signature, recorded with it. */
export const COMMITMENT_REASONS = ['cannot-write', 'cannot-see', 'hands', 'other'] as const;
export type CommitmentReason = (typeof COMMITMENT_REASONS)[number];

/** Strokes drawn with a helper beside the applicant: the same drawing, marked as assisted. */
export function markAssisted(signature: string): string {
  return signature.replace(/^sig1:/, 'sig1h:');
}

export function encodeCommitment(reason: CommitmentReason): string {
  return `pledge1:${reason}`;
}

export function signingOf(text: string): { method: SigningMethod; reason?: CommitmentReason } | null {
  const pledge = /^pledge1:([a-z-]+)$/.exec(text);
  if (pledge) return (COMMITMENT_REASONS as readonly string[]).includes(pledge[1]!) ? { method: 'commitment', reason: pledge[1] as CommitmentReason } : null;
  if (text.startsWith('sig1h:')) return { method: 'assisted' };
  return text.startsWith('sig1:') ? { method: 'hand' } : null;
}

/** The strokes back in the pad's pixels; null for text that is not a drawn signature. */
export function decodeSignature(text: string): Signature | null {
  const match = /^sig1h?:(\d+)x(\d+):([A-Za-z0-9_.-]*)$/.exec(text);
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  const strokes: Point[][] = [];
  for (const part of match[3]!.split('.')) {
    if (part.length === 0 || part.length % 3 !== 0) return null;
    const stroke: Point[] = [];
    for (let i = 0; i < part.length; i += 3) {
      const bits = (ALPHABET.indexOf(part[i]!) << 12) | (ALPHABET.indexOf(part[i + 1]!) << 6) | ALPHABET.indexOf(part[i + 2]!);
      stroke.push({ x: ((bits >> 8) / X_MAX) * width, y: ((bits & 255) / Y_MAX) * height });
    }
    strokes.push(stroke);
  }
  return { width, height, strokes };
}
