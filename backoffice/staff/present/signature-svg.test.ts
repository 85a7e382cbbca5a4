import { describe, expect, it } from 'vitest';
import { SAMPLE_SIGNATURE, signatureText } from '../staff-test-support.ts';
import { commitmentReason, decodeSignature, signatureContent } from './signature-svg.ts';

// Points worked out by hand from the format: (0,0) is AAA, (1023,255) is ___, (512,128) is gCA
// (bits (512 << 8) | 128 = 0x20080 → 32, 2, 0).
const CORNERS = 'sig1:1023x255:AAA___.gCA';

describe('signature attachments', () => {
  it('decode the kiosk format into strokes in the pad pixels', () => {
    expect(decodeSignature(CORNERS)).toEqual({
      assisted: false,
      width: 1023,
      height: 255,
      strokes: [
        [
          { x: 0, y: 0 },
          { x: 1023, y: 255 },
        ],
        [{ x: 512, y: 128 }],
      ],
    });
    // Scaled to a 600×200 pad.
    expect(decodeSignature('sig1:600x200:___')!.strokes).toEqual([[{ x: 600, y: 200 }]]);
  });

  it('give back drawn strokes to within the format’s grid', () => {
    const strokes = [
      [
        { x: 10, y: 20 },
        { x: 300, y: 150 },
        { x: 599, y: 3 },
      ],
      [{ x: 42, y: 199 }],
    ];
    const decoded = decodeSignature(signatureText(600, 200, strokes))!;
    expect(decoded.strokes.map((s) => s.length)).toEqual([3, 1]);
    decoded.strokes.flat().forEach((p, i) => {
      const original = strokes.flat()[i]!;
      expect(Math.abs(p.x - original.x)).toBeLessThanOrEqual(600 / 1023);
      expect(Math.abs(p.y - original.y)).toBeLessThanOrEqual(200 / 255);
    });
    expect(decodeSignature(SAMPLE_SIGNATURE)!.strokes.map((s) => s.length)).toEqual([61, 21, 31]);
  });

  it('refuse what is not a signature', () => {
    for (const text of ['', 'sig1:10x10:', 'sig2:10x10:AAA', 'sig1x:10x10:AAA', 'sig1h:10x10:', 'sig1:10x10:AA', 'sig1:10x10:AAA..AAA', 'sig1:0x10:AAA', 'sig1:99999x10:AAA', 'sig1:10x10:AA<', 'sig1:10x10:AAA\n']) {
      expect(decodeSignature(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('draw one path, a dot for a single point, scaled to fit and labelled', () => {
    const svg = signatureContent(CORNERS, '申请人签名')!.text;
    expect(svg).toContain('viewBox="0 0 1023 255"');
    expect(svg).toContain('width="360" height="90"');
    expect(svg).toContain('role="img" aria-label="申请人签名"');
    expect(svg).toContain('d="M0 0L1023 255M512 128L512 128"');
    expect(svg).not.toMatch(/style|script/);
    expect(signatureContent('sha256:abc', 'x')).toBeUndefined();
  });

  it('draw a signature made with assistance, and say so', () => {
    const assisted = CORNERS.replace('sig1:', 'sig1h:');
    expect(decodeSignature(assisted)).toEqual({ ...decodeSignature(CORNERS), assisted: true });
    const shown = signatureContent(assisted, '申请人签名')!.text;
    expect(shown).toContain('d="M0 0L1023 255M512 128L512 128"');
    expect(shown).toContain('<span class="hint signature-assisted">工作人员协助签名</span>');
    expect(signatureContent(CORNERS, '申请人签名')!.text).not.toContain('协助');
  });

  it('describe a commitment confirmed by keypad with its reason, and nothing else as one', () => {
    expect(signatureContent('pledge1:cannot-see', '申请人签名')!.text).toBe('<span class="signature-commitment">按键确认承诺（原因：视力障碍，看不清签名框）</span>');
    expect(commitmentReason('pledge1:hands')).toBe('手部不便');
    for (const text of ['pledge1:', 'pledge1:toString', 'pledge1:unknown', 'pledge1:other\n', 'pledge2:other', 'pledge1:<b>']) {
      expect(commitmentReason(text), JSON.stringify(text)).toBeNull();
      expect(signatureContent(text, 'x'), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('escape the label', () => {
    expect(signatureContent(CORNERS, '"><script>')!.text).toContain('aria-label="&quot;&gt;&lt;script&gt;"');
  });
});
