/**
 * Arrow keys across a grid of keys (the on-screen keyboard): up and down go to the nearest key of the next
 * row, left and right along the row. The page's own keypad navigation (keypad.ts) walks controls in reading
 * order, which would take nineteen presses from Q to Z.
 */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

const DIRECTIONS: Readonly<Record<string, Direction>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

export function arrowDirection(key: string): Direction | undefined {
  return DIRECTIONS[key];
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The index of the box an arrow goes to from `from`; -1 at the grid's edge (the page's navigation goes on). */
export function nearestInDirection(boxes: readonly Box[], from: Box, direction: Direction): number {
  const c = centre(from);
  const vertical = direction === 'up' || direction === 'down';
  const sign = direction === 'down' || direction === 'right' ? 1 : -1;
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  boxes.forEach((box, i) => {
    const d = centre(box);
    const along = (vertical ? d.y - c.y : d.x - c.x) * sign;
    const across = Math.abs(vertical ? d.x - c.x : d.y - c.y);
    // Another row for up and down; the same row for left and right.
    if (along <= (vertical ? from.height / 2 : 0) || (!vertical && across > from.height / 2)) return;
    // The nearest row first, then the nearest key along it.
    const score = vertical ? Math.round(along / 4) * 100_000 + across : along;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** Moves the focus inside `grid` on an arrow key; leaves the event alone at the grid's edge. */
export function moveInGrid(grid: HTMLElement, event: KeyboardEvent): void {
  const direction = arrowDirection(event.key);
  const from = event.target as HTMLElement | null;
  if (!direction || !from || event.defaultPrevented || !grid.contains(from)) return;
  const keys = Array.from(grid.querySelectorAll<HTMLElement>('button')).filter((k) => k !== from && k.offsetParent !== null);
  const index = nearestInDirection(
    keys.map((k) => k.getBoundingClientRect()),
    from.getBoundingClientRect(),
    direction,
  );
  if (index === -1) return;
  event.preventDefault();
  keys[index]!.focus();
}
