/**
 * Keypad operation: hall kiosks often have a physical keypad (arrows, enter, back) for citizens who cannot
 * use the touch screen. Arrow keys move focus through the focusable controls in reading order; Enter and
 * Space activate the focused button natively. In a text box, left and right move the caret and up and down
 * leave it; while a modal dialog is open, focus stays inside it.
 */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The control `step` away from `current`. When `current` is not a control (a screen's heading, which takes
 * focus when the screen appears), the next arrow goes to the first control after it, or the last before it.
 */
export function nextFocusTarget<T>(items: readonly T[], current: T | null, step: 1 | -1, precedes: (a: T, b: T) => boolean): T | undefined {
  if (items.length === 0) return undefined;
  const index = current === null ? -1 : items.indexOf(current);
  if (index !== -1) return items[(index + step + items.length) % items.length];
  if (current !== null) {
    const found = step === 1 ? items.find((item) => precedes(current, item)) : items.findLast((item) => precedes(item, current));
    if (found) return found;
  }
  return step === 1 ? items[0] : items[items.length - 1];
}

function precedes(a: Element, b: Element): boolean {
  return (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

export function installKeypadNavigation(doc: Document): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('textarea, select')) return;
    if (target?.closest('input') && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) return;
    const scope = doc.querySelector('[aria-modal="true"]') ?? doc;
    const items = Array.from(scope.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null && !el.closest('[inert]'));
    const active = doc.activeElement instanceof HTMLElement && doc.activeElement !== doc.body ? doc.activeElement : null;
    const next = nextFocusTarget(items, active, step, precedes);
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };
  doc.addEventListener('keydown', onKeyDown);
  return () => doc.removeEventListener('keydown', onKeyDown);
}
