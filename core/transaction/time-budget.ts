/**
 * Runs a call with a time budget: it gets a signal that aborts when the budget is spent (or the caller
 * gives up), and the result is abandoned then even if the call ignores its signal, so a hung back office
 * can never hold a citizen longer than the budget.
 */
export function withinBudget<T>(budgetMs: number, outer: AbortSignal | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = outer ? AbortSignal.any([outer, AbortSignal.timeout(budgetMs)]) : AbortSignal.timeout(budgetMs);
  if (signal.aborted) return Promise.reject(signal.reason);
  let onAbort: (() => void) | undefined;
  const abandoned = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([call(signal), abandoned]).finally(() => signal.removeEventListener('abort', onAbort!));
}
