/**
 * A signature attachment (`application/x-kiosk-signature`) as the staff page shows it: strokes drawn as inline
 * SVG on the server, or the commitment that replaced them. The text formats are the kiosk's
 * (renderer/src/transaction/signature-code.ts, which the back office may not import):
 *
 *   sig1:<width>x<height>:<stroke>.<stroke>…     signed by the applicant's own hand
 *   sig1h:<width>x<height>:<stroke>.<stroke>…    signed on the pad with a staff member's assistance
 *   pledge1:<reason>                             no handwriting: a commitment confirmed on the keypad
 *
 * each point three base64url characters holding x on 10 bits (0–1023) and y on 8 bits (0–255) across the
 * pad. Inline SVG with presentation attributes needs neither a script nor a style, so the strict CSP holds.
 */
import { html, trusted, type Html } from './html.ts';

export interface SignaturePoint {
  readonly x: number;
  readonly y: number;
}

export interface DecodedSignature {
  /** Drawn with a staff member's assistance (`sig1h:`). */
  readonly assisted: boolean;
  readonly width: number;
  readonly height: number;
  readonly strokes: readonly (readonly SignaturePoint[])[];
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const X_MAX = 1023;
const Y_MAX = 255;
/** A pad is a few hundred pixels; anything beyond this is not a signature from a kiosk. */
const MAX_SIDE = 10_000;
/** How wide the drawing is shown at most, in CSS pixels. */
const SHOWN_WIDTH = 360;

/** Why the applicant committed by keypad instead of signing, as the kiosk offers the reasons. */
const COMMITMENT_REASONS: Readonly<Record<string, string>> = {
  'cannot-write': '不会书写',
  'cannot-see': '视力障碍，看不清签名框',
  hands: '手部不便',
  other: '其他原因',
};

/** The strokes in the pad's pixels; null for text that is not a drawn signature. */
export function decodeSignature(text: string): DecodedSignature | null {
  const match = /^sig1(h?):(\d{1,5})x(\d{1,5}):([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)$/.exec(text);
  if (!match) return null;
  const width = Number(match[2]);
  const height = Number(match[3]);
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) return null;
  const strokes: SignaturePoint[][] = [];
  for (const part of match[4]!.split('.')) {
    if (part.length % 3 !== 0) return null;
    const stroke: SignaturePoint[] = [];
    for (let i = 0; i < part.length; i += 3) {
      const bits = (ALPHABET.indexOf(part[i]!) << 12) | (ALPHABET.indexOf(part[i + 1]!) << 6) | ALPHABET.indexOf(part[i + 2]!);
      stroke.push({ x: ((bits >> 8) / X_MAX) * width, y: ((bits & 255) / Y_MAX) * height });
    }
    strokes.push(stroke);
  }
  return { assisted: match[1] === 'h', width, height, strokes };
}

/** The reason of a commitment (`pledge1:<reason>`) in words; null for text that is not one the kiosk offers. */
export function commitmentReason(text: string): string | null {
  const match = /^pledge1:([a-z-]+)$/.exec(text);
  return (match && Object.hasOwn(COMMITMENT_REASONS, match[1]!) && COMMITMENT_REASONS[match[1]!]) || null;
}

function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** One path: a move to each stroke's start, lines through its points (a single point is drawn as a dot by the round cap). */
function pathData(strokes: DecodedSignature['strokes']): string {
  return strokes
    .map((stroke) => {
      const [first, ...rest] = stroke;
      const points = rest.length > 0 ? rest : [first!];
      return `M${coordinate(first!.x)} ${coordinate(first!.y)}` + points.map((p) => `L${coordinate(p.x)} ${coordinate(p.y)}`).join('');
    })
    .join('');
}

/**
 * The signature as an accessible inline SVG (with a note when a staff member assisted), the commitment that
 * replaced it in words, or undefined when the text is neither.
 */
export function signatureContent(text: string, label: string): Html | undefined {
  const reason = commitmentReason(text);
  if (reason) return html`<span class="signature-commitment">按键确认承诺（原因：${reason}）</span>`;
  const signature = decodeSignature(text);
  if (!signature) return undefined;
  const { width, height } = signature;
  const shownWidth = Math.min(SHOWN_WIDTH, width);
  const shownHeight = Math.round((height / width) * shownWidth);
  const stroke = Math.max(1.5, width / 200);
  const drawing = html`<svg class="signature" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${shownWidth}" height="${shownHeight}" role="img" aria-label="${label}"><path d="${trusted(
    pathData(signature.strokes),
  )}" fill="none" stroke="currentColor" stroke-width="${coordinate(stroke)}" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  return signature.assisted ? html`${drawing}<span class="hint signature-assisted">工作人员协助签名</span>` : drawing;
}
