/**
 * A citizen who finishes whatever session is on the screen, from any step: a new one from consent, or one
 * a restarted kiosk resumed in the middle (the chaos tests kill the kiosk anywhere). Unlike fillAndSubmit,
 * which follows one script from the consent screen, each turn looks at the step and does what its screen
 * asks. Fake data only.
 */
import { answerFor, type CitizenDriver } from './scripted-citizen.ts';
import { until } from './until.ts';

/** Steps where the kiosk works and the citizen waits (the exchange, the commit, the printer, the wipe). */
const WAITING = new Set(['gathering', 'submitting', 'printing', 'ending']);
/** A session of the sample catalog takes a few dozen turns; more means the citizen is stuck. */
const MAX_TURNS = 200;

/** Takes the session on screen to its end; `bundleCode` is chosen if the session is still at the choice. */
export async function finishSession(driver: CitizenDriver, bundleCode: string): Promise<void> {
  const steps: string[] = [];
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    await driver.settle();
    const view = driver.view();
    if (!view) return;
    steps.push(view.step);
    if (WAITING.has(view.step)) {
      await until(() => driver.view()?.step !== view.step, 15_000, `the kiosk to finish ${view.step}`);
      continue;
    }
    switch (view.step) {
      case 'consent':
        driver.send({ type: 'user.consent', accepted: true });
        break;
      case 'choose':
        driver.send({ type: 'user.chooseBundle', code: bundleCode, optionalItems: [] });
        break;
      case 'form': {
        const open = view.fields.filter((f) => f.editable && f.display === null && f.lookup !== 'pending');
        for (const field of open) driver.send(answerFor(field));
        // Answers can make more questions relevant; a record being looked up is waited for like on screen.
        if (open.length === 0 && !view.fields.some((f) => f.lookup === 'pending')) driver.send({ type: 'user.next' });
        break;
      }
      case 'materials':
        // Without a camera, what is to be captured goes to the window.
        for (const m of view.materials) if (m.needs && !m.done) driver.send({ type: 'user.decideMaterial', key: m.key, decision: m.needs === 'captured' ? 'at-window' : m.needs });
        driver.send({ type: 'user.next' });
        break;
      case 'review':
        driver.send({ type: 'user.submit' });
        break;
      case 'receiptOnScreen':
        driver.send({ type: 'user.next' });
        break;
      case 'rating':
        driver.send({ type: 'user.rate', level: 5, reasons: [] });
        break;
      default:
        throw new Error(`the citizen does not know what to do on ${view.step} (steps so far: ${steps.join(' → ')})`);
    }
  }
  throw new Error(`the session did not end within ${MAX_TURNS} turns (steps: ${steps.join(' → ')})`);
}
