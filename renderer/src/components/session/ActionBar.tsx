import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { CancelContext } from './ui.ts';

export interface ActionBarProps {
  readonly children?: ComponentChildren;
}

/**
 * The bottom bar of a step screen: cancel always at the left, the screen's own actions at the right, the
 * main one last. Low on the screen, within reach from a wheelchair, and in the same place on every step.
 */
export function ActionBar({ children }: ActionBarProps) {
  const cancel = useContext(CancelContext);
  return (
    <div class="action-bar">
      {cancel && (
        <button type="button" class="button quiet" onClick={cancel.request}>
          {cancel.label}
        </button>
      )}
      <div class="action-bar-main">{children}</div>
    </div>
  );
}
