/**
 * Keypad operation: hall kiosks often have a physical keypad (arrows, enter, back) for citizens who cannot
 * use the touch screen. Arrow keys move focus through the focusable controls in reading order; Enter and
 * Space activate the focused button natively.
 */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

export function nextFocusTarget(items: readonly HTMLElement[], current: Element | null, step: 1 | -1): HTMLElement | undefined {
  if (items.length === 0) return undefined;
  const index = current ? items.indexOf(current as HTMLElement) : -1;
  if (index === -1) return step === 1 ? items[0] : items[items.length - 1];
  return items[(index + step + items.length) % items.length];
}

export function installKeypadNavigation(doc: Document): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement | null;
    if (target?.closest('input, textarea, select')) return;
    const items = Array.from(doc.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
    const next = nextFocusTarget(items, doc.activeElement, step);
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };
  doc.addEventListener('keydown', onKeyDown);
  return () => doc.removeEventListener('keydown', onKeyDown);
}
