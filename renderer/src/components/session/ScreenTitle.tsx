import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ScreenTitleProps {
  readonly id: string;
  readonly children: ComponentChildren;
}

/**
 * A screen's heading, which takes focus when it appears: a screen reader announces the new screen and the
 * keypad's next arrow starts from the top of it (keypad.ts).
 */
export function ScreenTitle({ id, children }: ScreenTitleProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 id={id} ref={ref} class="screen-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
