/**
 * Shared fixtures for the transaction machine's tests: fake side effects, an actor started (or restored from
 * a snapshot) whose events move the clock a second each, and a citizen's answers for the birth catalog. Not
 * used by production code.
 */
import { expect, vi } from 'vitest';
import { createActor, fromPromise, type SnapshotFrom } from 'xstate';
import { BIRTH_BUNDLE, BIRTH_CATALOG, FATHER_ID, MOTHER_CARD } from '../bundle/birth-catalog.fixture.ts';
import { applicantFactsFromCard, mergeForm, planMaterials, questionsToAsk, type FieldValue, type MergedField } from '../bundle/index.ts';
import {
  createTransactionMachine,
  transactionFacts,
  type Applicant,
  type CommitInput,
  type ExchangeAnswer,
  type ExchangeInput,
  type LookupInput,
  type LookupOutput,
  type PrintInput,
  type Submission,
  type TransactionContext,
  type TransactionEvent,
  type WipeInput,
} from './transaction-machine.ts';
import { captureRoute } from './transaction-context.ts';

export const T0 = Date.parse('2025-03-01T09:00:00+08:00');
export const applicant: Applicant = { via: 'idcard', card: MOTHER_CARD, facts: applicantFactsFromCard(MOTHER_CARD, '2025-03-01') };

export function fakes() {
  return {
    commit: vi.fn(async ({ input }: { input: CommitInput }): Promise<Submission> => ({
      idempotencyKey: input.idempotencyKey,
      receiptNumber: 'SL-K1-20250301-000001',
    })),
    print: vi.fn(async (_: { input: PrintInput }): Promise<void> => undefined),
    exchange: vi.fn(async (_: { input: ExchangeInput }): Promise<ExchangeAnswer> => ({ datasets: {}, eLicences: [] })),
    lookup: vi.fn(async (_: { input: LookupInput }): Promise<LookupOutput> => ({})),
    wipe: vi.fn(async (_: { input: WipeInput }): Promise<void> => undefined),
  };
}

export function machineWith(f: ReturnType<typeof fakes>) {
  return createTransactionMachine(BIRTH_CATALOG).provide({
    actors: {
      fetchExchange: fromPromise(f.exchange),
      lookupDataset: fromPromise(f.lookup),
      commitSubmission: fromPromise(f.commit),
      printReceipt: fromPromise(f.print),
      wipeSession: fromPromise(f.wipe),
    },
  });
}

export function start(f = fakes(), snapshot?: unknown) {
  const actor = createActor(machineWith(f), {
    input: { sessionId: 'session-1', catalogVersion: 'test', now: T0 },
    ...(snapshot ? { snapshot: snapshot as never } : {}),
  });
  actor.start();
  let at = T0;
  const send = (event: Record<string, unknown> & { type: string }) => actor.send({ ...event, at: (at += 1000) } as TransactionEvent);
  return { actor, send, f, now: () => at };
}

/** A valid sample answer for any field type of the fixture catalog. */
export function sampleValue(mf: MergedField): FieldValue {
  const { field } = mf;
  switch (field.type) {
    case 'choice':
      return field.choices![0]!.value;
    case 'phone':
      return '13812345678';
    case 'date':
      return '2025-02-20';
    case 'number':
      return field.validation?.min !== undefined ? field.validation.min + 1000 : 3200;
    case 'id-number':
      return FATHER_ID;
    case 'signature':
      return 'signature:stroke-data';
    case 'boolean':
      return true;
    default:
      return '测试路1号';
  }
}

/** Answers every question the form still asks, as a citizen would, one field at a time. */
export function fillForm(ctx: () => TransactionContext, send: ReturnType<typeof start>['send']) {
  for (let round = 0; round < 10; round++) {
    const context = ctx();
    const form = mergeForm(BIRTH_CATALOG, BIRTH_BUNDLE, context.optionalItems);
    const questions = questionsToAsk(form, context.values, transactionFacts(context));
    if (questions.length === 0) return;
    for (const q of questions) send({ type: 'user.setValue', key: q.key, value: sampleValue(q) });
  }
}

export function decideAll(ctx: () => TransactionContext, send: ReturnType<typeof start>['send']) {
  const context = ctx();
  const plan = planMaterials(BIRTH_CATALOG, BIRTH_BUNDLE, context.optionalItems, transactionFacts(context), {
    sharedDatasets: 'unknown',
    eLicenses: new Map(),
  });
  for (const key of plan.needsAuthorisation) send({ type: 'user.decideMaterial', key, decision: 'authorised' });
  for (const key of plan.needsSignature) send({ type: 'user.decideMaterial', key, decision: 'signed' });
  // A capture is settled by its pages, each stored by core before the machine hears of it.
  for (const m of plan.materials) {
    const route = captureRoute(m);
    for (let page = 0; page < (route?.pages ?? 0); page++) send({ type: 'user.captured', key: m.key, page: { page, sha256: String(page).repeat(64), size: 1000 } });
  }
}

export const FORM = { session: { form: 'editing' } };

export async function settle(actor: { getSnapshot(): SnapshotFrom<ReturnType<typeof machineWith>> }, value: unknown) {
  for (let i = 0; i < 100 && JSON.stringify(actor.getSnapshot().value) !== JSON.stringify(value); i++) {
    await new Promise((r) => setTimeout(r, 1));
  }
  expect(actor.getSnapshot().value).toEqual(value);
}

/** Walks a started session from the card to the birth bundle's form. */
export async function toForm({ actor, send }: Pick<ReturnType<typeof start>, 'actor' | 'send'>) {
  send({ type: 'device.cardRead', applicant });
  send({ type: 'user.consent', accepted: true });
  await settle(actor, { session: 'choose' });
  send({ type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [] });
}

/** A session walked to its submission, whose commit never finishes: the moment a crash would catch it in. */
export async function stuckInCommit(idempotencyKey: string) {
  const never = fakes();
  never.commit.mockImplementation(() => new Promise(() => undefined));
  const committing = start(never);
  const c = () => committing.actor.getSnapshot().context;
  await toForm(committing);
  fillForm(c, committing.send);
  committing.send({ type: 'user.next' });
  decideAll(c, committing.send);
  committing.send({ type: 'user.next' });
  committing.send({ type: 'user.submit', idempotencyKey });
  return committing;
}
