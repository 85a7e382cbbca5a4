import { useEffect, useRef } from 'preact/hooks';
import { encodeSignature, type Point } from '../../transaction/signature-code.ts';
import type { InputProps } from './input-props.ts';

const INK = '#1b2430';

/**
 * A signature drawn with a finger (or pen, or mouse: pointer events). Each finished stroke updates the
 * value, encoded compactly with the strokes themselves (signature-code.ts).
 */
export function SignaturePad({ ui: { t }, value, onChange, labelledBy }: InputProps) {
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
    onChange(encodeSignature({ width, height, strokes: strokes.current }));
  };
  const clear = () => {
    strokes.current = [];
    redraw();
    onChange(null);
  };

  return (
    <div class="signature" role="group" aria-labelledby={labelledBy}>
      <p class="muted">{t('signature.hint')}</p>
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
    </div>
  );
}
