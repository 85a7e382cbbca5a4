/**
 * A scripted citizen for core-level tests and benchmarks: answers what the session view asks, the way the
 * screens would send it, and takes a session from the card read to the end. Fake data only.
 */
import type { CitizenEvent, FieldView, TransactionView } from '../../core/contract/transaction-view.ts';
import { until } from './until.ts';

/** A valid male ID number (GB 11643 check character), for a spouse or a second person. */
export const SECOND_PERSON_ID = '430102199303050013';

/** What a citizen types into a text field with a format: a time, a bank card number. */
const FORMATTED_TEXT = ['08:30', '6222020200112233445'];

/** A plausible valid answer for a field, by its type and limits. */
export function answerFor(field: FieldView): Extract<CitizenEvent, { type: 'user.setValue' }> {
  const pattern = field.validation?.pattern;
  const formatted = pattern && field.type === 'text' ? FORMATTED_TEXT.find((text) => new RegExp(pattern).test(text)) : undefined;
  if (formatted) return { type: 'user.setValue', key: field.key, value: formatted };
  const min = field.validation?.min ?? 0;
  const values: Record<FieldView['type'], string | number | boolean> = {
    choice: field.choices?.[0]?.value ?? '',
    phone: '13812345678',
    date: '2025-02-20',
    number: Math.max(min, Math.min(field.validation?.max ?? 3200, 3200)),
    'id-number': SECOND_PERSON_ID,
    boolean: true,
    signature: 'signature:v1:M0,0L10,10',
    address: '测试市测试路1号',
    text: '测试'.padEnd(Math.max(2, field.validation?.minLength ?? 2), '测'),
  };
  return { type: 'user.setValue', key: field.key, value: values[field.type] };
}

export interface CitizenDriver {
  /** Sends an event; returns whether the step took it. */
  send(event: CitizenEvent): boolean;
  /** The latest durable view. */
  view(): TransactionView | null;
  /** Resolves once every state so far is durable and published. */
  settle(): Promise<void>;
}

/**
 * From consent to the submitted receipt: consents, picks the bundle, answers, decides materials, submits.
 * `answers` are what this citizen says to particular questions (a certificate number, say); anything else
 * gets a plausible answer.
 */
export async function fillAndSubmit(
  driver: CitizenDriver,
  bundleCode: string,
  optionalItems: readonly string[] = [],
  answers: Readonly<Record<string, string | number | boolean>> = {},
): Promise<void> {
  const expectStep = async (step: string) => {
    await driver.settle();
    const actual = driver.view()?.step;
    if (actual !== step) throw new Error(`expected step ${step}, found ${actual}`);
  };
  await expectStep('consent');
  driver.send({ type: 'user.consent', accepted: true });
  // The exchange is asked after consent: wait out its answer (or its time budget) like a citizen would.
  await driver.settle();
  await until(() => driver.view()?.step !== 'gathering', 10_000, 'the exchange answer');
  await expectStep('choose');
  driver.send({ type: 'user.chooseBundle', code: bundleCode, optionalItems: [...optionalItems] });
  await expectStep('form');
  // Answers can make more fields relevant (e.g. married → the spouse), so ask until nothing is left.
  for (let round = 0; round < 10 && driver.view()!.questionsLeft > 0; round++) {
    // Fields the citizen has particular answers for come first: a certificate number may fill in others.
    const open = driver.view()!.fields.filter((f) => f.editable && f.display === null);
    for (const field of [...open.filter((f) => f.key in answers), ...open.filter((f) => !(f.key in answers))]) {
      driver.send(field.key in answers ? { type: 'user.setValue', key: field.key, value: answers[field.key]! } : answerFor(field));
    }
    await driver.settle();
    // A certificate number's record is being looked up: the citizen waits, like the screen does.
    await until(() => !driver.view()!.fields.some((f) => f.lookup === 'pending'), 10_000, 'the record lookup');
  }
  if (!driver.send({ type: 'user.next' })) throw new Error(`form not complete: ${JSON.stringify(driver.view()!.fields.filter((f) => f.problem).map((f) => [f.key, f.problem?.code]))}`);
  await expectStep('materials');
  // Without a camera, what is to be captured goes to the window.
  for (const m of driver.view()!.materials) if (m.needs) driver.send({ type: 'user.decideMaterial', key: m.key, decision: m.needs === 'captured' ? 'at-window' : m.needs });
  await driver.settle();
  driver.send({ type: 'user.next' });
  await expectStep('review');
  driver.send({ type: 'user.submit' });
}
