import { useEffect, useRef, useState } from 'preact/hooks';
import { encodeSignature, markAssisted, signingOf, type Point } from '../../transaction/signature-code.ts';
import type { Ui } from '../session/ui.ts';
import { CommitmentSigning } from './CommitmentSigning.tsx';
import type { InputProps } from './input-props.ts';

const INK = '#1b2430';

/**
 * The applicant's signature, three ways: drawn on the pad by their own hand; drawn on the pad with a
 * helper beside them (staff guiding the hand: marked as assisted); or, for those who cannot sign by hand at
 * all or use the keypad alone (the pad is a canvas no key can draw on), a commitment confirmed with a key,
 * with the reason. The value records which (signature-code.ts).
 */
export function SignaturePad({ ui, value, onChange, labelledBy }: InputProps) {
  const { t } = ui;
  const given = typeof value === 'string' ? signingOf(value) : null;
  const [way, setWay] = useState<'pad' | 'assisted' | 'commitment'>(given?.method === 'commitment' ? 'commitment' : given?.method === 'assisted' ? 'assisted' : 'pad');
  const choose = (next: typeof way) => {
    setWay(next === way ? 'pad' : next);
    onChange(null);
  };
  return (
    <div class="signature" role="group" aria-labelledby={labelledBy}>
      {way === 'commitment' ? (
        <CommitmentSigning ui={ui} value={typeof value === 'string' ? value : null} onChange={onChange} />
      ) : (
        <DrawingPad key={way} ui={ui} assisted={way === 'assisted'} value={value} onChange={onChange} />
      )}
      <div class="signature-ways" role="group" aria-label={t('signature.ways')}>
        <p class="signature-ways-title">{t('signature.cannotSign')}</p>
        <button type="button" class="button" aria-pressed={way === 'assisted'} onClick={() => choose('assisted')}>
          {t('signature.assisted')}
        </button>
        <button type="button" class="button" aria-pressed={way === 'commitment'} onClick={() => choose('commitment')}>
          {t('signature.byKeypad')}
        </button>
      </div>
    </div>
  );
}

interface DrawingPadProps {
  readonly ui: Ui;
  readonly assisted: boolean;
  readonly value: InputProps['value'];
  readonly onChange: InputProps['onChange'];
}

/** Strokes drawn with a finger (or pen, or mouse: pointer events), each finished one updating the value. */
function DrawingPad({ ui: { t }, assisted, value, onChange }: DrawingPadProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef<Point[] | null>(null);

  const context = () => {
    const ctx = canvas.current!.getContext('2d')!;
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = INK;
    return ctx;
  };
  const drawStroke = (ctx: CanvasRenderingContext2D, stroke: readonly Point[]) => {
    ctx.beginPath();
    stroke.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    if (stroke.length === 1) ctx.lineTo(stroke[0]!.x + 0.1, stroke[0]!.y);
    ctx.stroke();
  };
  /** Sizes the bitmap to the element (sharp on any pixel ratio) and draws every stroke again. */
  const redraw = () => {
    const element = canvas.current;
    if (!element) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = Math.round(element.clientWidth * ratio);
    element.height = Math.round(element.clientHeight * ratio);
    const ctx = context();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    strokes.current.forEach((s) => drawStroke(ctx, s));
  };
  useEffect(() => {
    redraw();
    const observer = new ResizeObserver(redraw);
    observer.observe(canvas.current!);
    return () => observer.disconnect();
  }, []);

  const at = (event: PointerEvent): Point => {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const start = (event: PointerEvent) => {
    event.preventDefault();
    canvas.current!.setPointerCapture(event.pointerId);
    drawing.current = [at(event)];
    strokes.current.push(drawing.current);
    drawStroke(context(), drawing.current);
  };
  const move = (event: PointerEvent) => {
    const stroke = drawing.current;
    if (!stroke) return;
    const p = at(event);
    drawStroke(context(), [stroke[stroke.length - 1]!, p]);
    stroke.push(p);
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = null;
    const { clientWidth: width, clientHeight: height } = canvas.current!;
    const drawn = encodeSignature({ width, height, strokes: strokes.current });
    onChange(drawn && assisted ? markAssisted(drawn) : drawn);
  };
  const clear = () => {
    strokes.current = [];
    redraw();
    onChange(null);
  };

  return (
    <>
      <p class={assisted ? 'signature-assisted' : 'muted'}>{t(assisted ? 'signature.assistedHint' : 'signature.hint')}</p>
      <canvas
        ref={canvas}
        class="signature-pad"
        role="img"
        aria-label={t('signature.pad')}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
      />
      <div class="signature-foot">
        <p class="signature-state" aria-live="polite">
          {value ? t('signature.drawn') : t('signature.empty')}
        </p>
        <button type="button" class="button" onClick={clear}>
          {t('signature.clear')}
        </button>
      </div>
    </>
  );
}
