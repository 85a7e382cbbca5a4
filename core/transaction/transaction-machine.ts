/**
 * The transaction machine: one citizen session from identification to the wiped end (DESIGN.md §4).
 *
 * Guards and actions are pure: they read the catalog (immutable, closed over) and the event, and the clock
 * only through `at` stamps on events. Side effects are named actors (`fetchExchange`, `lookupDataset`,
 * `commitSubmission`, `printReceipt`, `wipeSession`, `clock`) that core supplies with `.provide()`; the
 * exchange actors apply their own time budget and fail rather than wait. Restore-safety, as XState requires:
 * - invoked actors run again after a restore, so commit and print carry the idempotency key from context;
 * - `after` timers are not restored, so the idle deadline is an absolute time in context, checked on ticks;
 * - every actor is declared by name in `setup`, so snapshots can be persisted.
 */
import { and, assign, fromCallback, fromPromise, setup, stateIn } from 'xstate';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { evaluate, validateValues } from '../bundle/index.ts';
import type { MaterialsPlan } from '../bundle/index.ts';
import { lookupsDue, OFFLINE_EXCHANGE, onlineExchange } from './exchange.ts';
import { isStoreError } from '../store/errors.ts';
import { smsPhone } from './sms-phone.ts';
import { formRules } from './form-rules.ts';
import { captureRoute, emptyContext, materialsPlanFor, today, transactionFacts } from './transaction-context.ts';
import {
  RESUMABLE_STATES,
  type CommitInput,
  type ExchangeAnswer,
  type ExchangeInput,
  type LookupInput,
  type LookupOutput,
  type MaterialDecision,
  type PrintInput,
  type Submission,
  type TransactionContext,
  type TransactionEvent,
  type TransactionInput,
  type WipeInput,
} from './transaction-types.ts';

export * from './transaction-types.ts';
export { materialsPlanFor, transactionFacts } from './transaction-context.ts';

/** Idle time on the current step: longer where it holds the only copy of the receipt number. */
function stepMsOf(context: TransactionContext): number {
  return context.longStep ? (context.timeouts.receiptMs ?? context.timeouts.stepMs) : context.timeouts.stepMs;
}

function notProvided(name: string): never {
  throw new Error(`the "${name}" actor must be provided by core`);
}

/** ID numbers compare by their characters, the check character in either case (x or X). */
function sameIdNumber(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.trim().toUpperCase() === b.trim().toUpperCase();
}

export function createTransactionMachine(catalog: Catalog) {
  const { bundleOf, formOf, fromCard, fromRecords, prefilled, afterAnswer, lookupInput, withLookups } = formRules(catalog);
  const planOf = (context: TransactionContext): MaterialsPlan | undefined => materialsPlanFor(catalog, context);
  return setup({
    types: {
      context: {} as TransactionContext,
      events: {} as TransactionEvent,
      input: {} as TransactionInput,
    },
    guards: {
      deadlinePassed: ({ context, event }) => context.deadline !== null && event.at >= context.deadline,
      clockPending: ({ context }) => context.clockPending,
      clockRunning: ({ context }) => context.deadline !== null || context.clockPending,
      clockQuiet: ({ context }) => context.deadline !== null && !context.warning,
      warningDue: ({ context, event }) => !context.warning && context.deadline !== null && event.at >= context.deadline - context.timeouts.warningMs,
      accepted: ({ event }) => event.type === 'user.consent' && event.accepted,
      /** The exchange is asked by the number on a document the kiosk read or the issuer resolved. */
      canAskExchange: ({ context }) => (context.applicant?.via === 'idcard' || context.applicant?.via === 'qr') && !!context.applicant.card.idNumber,
      bundleChosen: ({ event }) => {
        if (event.type !== 'user.chooseBundle') return false;
        const bundle = catalog.bundles.find((b) => b.code === event.code);
        return !!bundle && event.optionalItems.every((code) => bundle.items.some((i) => i.item === code && !i.required));
      },
      /** Only fields of the form the citizen may answer: not computed, not read from the ID card. */
      answerable: ({ context, event }) => {
        if (event.type !== 'user.setValue') return false;
        const mf = formOf(context)?.fields.find((f) => f.key === event.key);
        return !!mf && mf.field.source.kind !== 'computed' && mf.field.input !== 'none' && !fromCard(context, event.key) && !fromRecords(context, mf);
      },
      /** The answer is a certificate or contract number the exchange can find a record by. */
      lookupDue: ({ context, event }) => {
        if (event.type !== 'user.setValue') return false;
        const next = afterAnswer(context, event.key, event.value, event.at);
        return !!next && lookupsDue(next.form, next.values, next.exchange).length > 0;
      },
      /** A decision the plan asks for: authorise what needs authorising, sign what needs signing, and so on. */
      decisionNeeded: ({ context, event }) => {
        if (event.type !== 'user.decideMaterial') return false;
        const plan = planOf(context);
        if (!plan) return false;
        // A capture is never settled by the citizen's word: only its stored pages make it captured.
        const list = { authorised: plan.needsAuthorisation, signed: plan.needsSignature, 'at-window': plan.toCapture }[event.decision as string];
        return !!list?.includes(event.key);
      },
      /** A page the plan asks for: a material to capture, and a page within its count. */
      pageWanted: ({ context, event }) => {
        if (event.type !== 'user.captured') return false;
        const planned = planOf(context)?.materials.find((m) => m.key === event.key);
        const route = planned && captureRoute(planned);
        return !!route && event.page.page < route.pages;
      },
      ineligible: ({ context }) => {
        const bundle = bundleOf(context);
        const facts = transactionFacts(context);
        return !bundle || bundle.eligibility.some((rule) => rule.level === 'block' && !evaluate(rule.unless, facts));
      },
      formComplete: ({ context }) => {
        const form = formOf(context);
        if (!form) return false;
        const facts = transactionFacts(context);
        // Required answers missing are problems too; an optional question left empty is not (it never blocks).
        return validateValues(form, context.values, facts, today(context.now)).length === 0;
      },
      materialsComplete: ({ context }) => {
        const plan = planOf(context);
        if (!plan) return false;
        // Optional materials (e.g. the father's authorisation when the mother applies) may be left out.
        const required = new Set(plan.materials.filter((m) => m.required).map((m) => m.key));
        const done = (keys: readonly string[], decision: MaterialDecision) => keys.every((k) => !required.has(k) || context.decisions[k] === decision);
        const captured = plan.toCapture.every((k) => !required.has(k) || context.decisions[k] === 'captured' || context.decisions[k] === 'at-window');
        return done(plan.needsAuthorisation, 'authorised') && done(plan.needsSignature, 'signed') && captured;
      },
      /** 好差评: the two lowest levels need at least one reason, as the national rules ask; reasons from the catalog. */
      /** A desk print is always possible; a text message needs a mobile number on the form. */
      receiptCopyPossible: ({ context, event }) => event.type === 'user.receiptCopy' && (event.via === 'desk' || smsPhone(context) !== undefined),
      ratingComplete: ({ event }) =>
        event.type === 'user.rate' &&
        event.rating.reasons.every((key) => catalog.rating.lowLevelReasons.some((r) => r.key === key)) &&
        (event.rating.level >= 3 || event.rating.reasons.length > 0),
      canExtend: ({ context }) => context.warning && context.extensions < context.timeouts.maxExtensions,
      /** Resumed longer after the citizen's last activity than the short window: someone else may stand here. */
      awayTooLong: ({ context, event }) => event.type === 'system.resumed' && event.at - context.now > event.reidentifyAfterMs,
      /** The card (or e-ID) shown names the session's applicant: compared here, never shown or kept. */
      sameApplicant: ({ context, event }) => 'applicant' in event && sameIdNumber(event.applicant.card.idNumber, context.applicant?.card.idNumber),
      resumesTo: ({ context }, params: { state: string }) => context.reidentify?.resumeTo === params.state,
    },
    actions: {
      /**
       * Restarts the idle clock. Events from the side effects (commit or print done or failed) carry no time:
       * then the next tick, at most a tick later, starts the clock.
       */
      touch: assign(({ context, event }) => {
        const at = (event as { at?: unknown }).at;
        return typeof at === 'number'
          ? { now: at, deadline: at + stepMsOf(context), warning: false, clockPending: false }
          : { deadline: null, warning: false, clockPending: true };
      }),
      armClock: assign(({ context, event }) => ({ now: event.at, deadline: event.at + stepMsOf(context), clockPending: false })),
      // Not activity: the warning's time is not the citizen's last action (`now`).
      warn: assign({ warning: true }),
      extend: assign(({ context, event }) => ({
        now: event.at,
        deadline: event.at + stepMsOf(context),
        warning: false,
        extensions: context.extensions + 1,
      })),
      stopClock: assign({ deadline: null, warning: false, clockPending: false }),
      holdReceipt: assign({ longStep: true }),
      releaseReceipt: assign({ longStep: false }),
      identify: assign(({ event }) =>
        'applicant' in event ? { applicant: event.applicant, endReason: null } : {},
      ),
      chooseBundle: assign(({ context, event }) => {
        if (event.type !== 'user.chooseBundle') return {};
        const changed = event.code !== context.bundleCode;
        return changed
          ? { bundleCode: event.code, optionalItems: [...event.optionalItems], decisions: {}, captures: {} }
          : { bundleCode: event.code, optionalItems: [...event.optionalItems] };
      }),
      prefillForm: assign(({ context }) => {
        const form = formOf(context);
        return form ? { values: prefilled(context, form) } : {};
      }),
      setValue: assign(({ context, event }) => {
        if (event.type !== 'user.setValue') return {};
        const next = afterAnswer(context, event.key, event.value, event.at);
        return next ? { values: next.values, exchange: next.exchange } : {};
      }),
      keepExchange: assign((_, answer: ExchangeAnswer) => ({ exchange: onlineExchange(answer) })),
      exchangeOffline: assign({ exchange: OFFLINE_EXCHANGE }),
      /** Records what the lookups found (or that they failed) and fills the form from the records found. */
      applyLookups: assign(({ context }, output: LookupOutput | 'failed') => withLookups(context, output)),
      decideMaterial: assign(({ context, event }) => {
        if (event.type !== 'user.decideMaterial') return {};
        // Brought to the window instead: the pages taken so far are not sent.
        const { [event.key]: _dropped, ...captures } = context.captures;
        return { decisions: { ...context.decisions, [event.key]: event.decision }, ...(event.decision === 'at-window' ? { captures } : {}) };
      }),
      /** Keeps the page (a retake replaces it); the material is captured once every page is there. */
      keepCapture: assign(({ context, event }) => {
        if (event.type !== 'user.captured') return {};
        const planned = planOf(context)?.materials.find((m) => m.key === event.key);
        const pages = [...(context.captures[event.key] ?? []).filter((p) => p.page !== event.page.page), event.page].sort((a, b) => a.page - b.page);
        const { [event.key]: _previous, ...decisions } = context.decisions;
        const complete = planned !== undefined && pages.length === captureRoute(planned)?.pages;
        return { captures: { ...context.captures, [event.key]: pages }, decisions: complete ? { ...decisions, [event.key]: 'captured' as const } : decisions };
      }),
      keepIdempotencyKey: assign(({ context, event }) =>
        event.type === 'user.submit' ? { idempotencyKey: context.idempotencyKey ?? event.idempotencyKey } : {},
      ),
      rate: assign(({ event }) => (event.type === 'user.rate' ? { rating: event.rating } : {})),
      awaitCard: assign((_, params: { state: (typeof RESUMABLE_STATES)[number] }) => ({ reidentify: { resumeTo: params.state, otherCard: false } })),
      /** Someone else's card: the session stays locked and says so; nothing of that card is kept. */
      otherCard: assign(({ context }) => (context.reidentify ? { reidentify: { ...context.reidentify, otherCard: true } } : {})),
      reidentified: assign({ reidentify: null }),
      endAs: assign((_, params: { reason: NonNullable<TransactionContext['endReason']> }) => ({ endReason: params.reason, deadline: null, warning: false, clockPending: false })),
    },
    actors: {
      /** Asks the exchange for the applicant's records and e-licences; fails when it does not answer in time. */
      fetchExchange: fromPromise<ExchangeAnswer, ExchangeInput>(async () => notProvided('fetchExchange')),
      /** Finds dataset records by a field's value for the applicant; fails when the exchange does not answer in time. */
      lookupDataset: fromPromise<LookupOutput, LookupInput>(async () => notProvided('lookupDataset')),
      commitSubmission: fromPromise<Submission, CommitInput>(async () => notProvided('commitSubmission')),
      printReceipt: fromPromise<void, PrintInput>(async () => notProvided('printReceipt')),
      wipeSession: fromPromise<void, WipeInput>(async () => notProvided('wipeSession')),
      /** Sends `timer.tick` once a second; supplied by core with the real clock. */
      clock: fromCallback<TransactionEvent>(() => () => undefined),
    },
  }).createMachine({
    id: 'transaction',
    context: ({ input }) => emptyContext(input),
    invoke: { src: 'clock' },
    initial: 'idle',
    on: {
      // A tick changes nothing unless the warning is due or the time is up, so quiet ticks write nothing.
      'timer.tick': [
        { guard: 'deadlinePassed', target: '.ending', actions: { type: 'endAs', params: { reason: 'timeout' } } },
        { guard: 'clockPending', actions: 'armClock' },
        { guard: 'warningDue', actions: 'warn' },
      ],
      'user.extend': { guard: 'canExtend', actions: 'extend' },
      'system.resumed': [
        // Past the short window a personal step waits behind the card check; the wipe of an ending one goes on.
        ...RESUMABLE_STATES.map((state) => ({
          guard: and(['awayTooLong', stateIn(`#transaction.${state}`)]),
          target: '.reidentify' as const,
          actions: [{ type: 'awaitCard' as const, params: { state } }, 'touch' as const],
        })),
        { guard: 'clockRunning', actions: 'touch' },
      ],
      // Activity on the screen restarts the clock; once the warning shows, only "继续办理" (extend) does.
      'user.active': { guard: 'clockQuiet', actions: 'touch' },
    },
    states: {
      idle: {
        on: {
          'device.cardRead': { target: 'session', actions: 'identify' },
          'device.qrIdentified': { target: 'session', actions: 'identify' },
          'helper.identify': { target: 'session', actions: 'identify' },
        },
      },
      session: {
        initial: 'consent',
        entry: 'touch',
        on: {
          'user.cancel': { target: 'ending', actions: { type: 'endAs', params: { reason: 'cancelled' } } },
        },
        states: {
          consent: {
            on: {
              'user.consent': [
                { guard: and(['accepted', 'canAskExchange']), target: 'gathering', actions: [assign({ consented: true }), 'touch'] },
                { guard: 'accepted', target: 'choose', actions: [assign({ consented: true }), 'exchangeOffline', 'touch'] },
                { target: '#transaction.ending', actions: { type: 'endAs', params: { reason: 'declined' } } },
              ],
            },
          },
          /** Consent given: the exchange is asked once, within its time budget, before anything is chosen. */
          gathering: {
            invoke: {
              id: 'exchange',
              src: 'fetchExchange',
              input: ({ context }) => ({ sessionId: context.sessionId, idNumber: context.applicant?.card.idNumber ?? '', bundleCode: context.bundleCode }),
              onDone: { target: 'choose', actions: { type: 'keepExchange', params: ({ event }) => event.output } },
              onError: { target: 'choose', actions: 'exchangeOffline' },
            },
          },
          choose: {
            on: {
              'user.chooseBundle': { guard: 'bundleChosen', target: 'eligibility', actions: ['chooseBundle', 'touch'] },
            },
          },
          eligibility: {
            always: [{ guard: 'ineligible', target: 'ineligible' }, { target: 'form', actions: 'prefillForm' }],
          },
          ineligible: {
            on: { 'user.back': { target: 'choose', actions: 'touch' } },
          },
          form: {
            initial: 'editing',
            states: {
              editing: {
                on: {
                  'user.setValue': [
                    { guard: and(['answerable', 'lookupDue']), target: 'lookingUp', actions: ['setValue', 'touch'] },
                    { guard: 'answerable', actions: ['setValue', 'touch'] },
                  ],
                  'user.next': { guard: 'formComplete', target: '#transaction.session.materials', actions: 'touch' },
                  'user.back': { target: '#transaction.session.choose', actions: 'touch' },
                },
              },
              /** A certificate number was answered: its record is fetched before the next question. */
              lookingUp: {
                invoke: {
                  id: 'lookup',
                  src: 'lookupDataset',
                  input: ({ context }) => lookupInput(context),
                  onDone: { target: 'editing', actions: { type: 'applyLookups', params: ({ event }) => event.output } },
                  onError: { target: 'editing', actions: { type: 'applyLookups', params: 'failed' } },
                },
              },
            },
          },
          materials: {
            on: {
              'user.decideMaterial': { guard: 'decisionNeeded', actions: ['decideMaterial', 'touch'] },
              'user.captured': { guard: 'pageWanted', actions: ['keepCapture', 'touch'] },
              'user.next': { guard: 'materialsComplete', target: 'review', actions: 'touch' },
              'user.back': { target: 'form', actions: 'touch' },
            },
          },
          review: {
            on: {
              'user.submit': { target: '#transaction.submitting', actions: 'keepIdempotencyKey' },
              'user.back': { target: 'materials', actions: 'touch' },
            },
          },
        },
      },
      /**
       * A resumed session asks for its applicant's card before anything personal shows again, and goes back to
       * where it was. Nothing runs meanwhile (no print for whoever stands here); without the card it times out
       * or is cancelled like any step, and is wiped.
       */
      reidentify: {
        on: {
          'device.cardRead': reidentifyBy(),
          'device.qrIdentified': reidentifyBy(),
          'user.cancel': { target: 'ending', actions: { type: 'endAs', params: { reason: 'cancelled' } } },
        },
      },
      submitting: {
        // Committing is never interrupted by the idle timeout: the submission must be durable first.
        entry: 'stopClock',
        invoke: {
          id: 'commit',
          src: 'commitSubmission',
          input: ({ context }) => ({ context, idempotencyKey: context.idempotencyKey ?? context.sessionId }),
          onDone: { target: 'printing', actions: assign({ submission: ({ event }) => event.output, submitFailure: null }) },
          onError: { target: 'submitFailed', actions: assign({ submitFailure: ({ event }) => (isStoreError(event.error, 'E_FULL') ? 'storageFull' : 'failed') }) },
        },
      },
      submitFailed: {
        entry: 'touch',
        on: {
          'user.retry': 'submitting',
          'user.cancel': { target: 'ending', actions: { type: 'endAs', params: { reason: 'cancelled' } } },
        },
      },
      printing: {
        entry: 'stopClock',
        invoke: {
          id: 'print',
          src: 'printReceipt',
          input: ({ context }) => ({ jobId: `receipt-${context.idempotencyKey ?? context.sessionId}`, context }),
          onDone: { target: 'rating', actions: assign({ receipt: 'printed' }) },
          // The submission is already durable: without a printer the receipt is shown as a QR code.
          onError: { target: 'receiptOnScreen', actions: assign({ receipt: 'fallback' }) },
        },
      },
      receiptOnScreen: {
        // The only copy of the receipt number: a longer idle time, and copies by the desk or a text message
        // (queued by core as durable messages before this step takes the event).
        entry: ['holdReceipt', 'touch'],
        exit: 'releaseReceipt',
        on: {
          'user.receiptCopy': { guard: 'receiptCopyPossible', actions: 'touch' },
          'user.next': { target: 'rating', actions: 'touch' },
          // The submission is durable: leaving now ends the session as done, not cancelled.
          'user.cancel': { target: 'ending', actions: { type: 'endAs', params: { reason: 'done' } } },
        },
      },
      rating: {
        entry: 'touch',
        on: {
          'user.rate': { guard: 'ratingComplete', target: 'ending', actions: ['rate', { type: 'endAs', params: { reason: 'done' } }] },
          'user.next': { target: 'ending', actions: { type: 'endAs', params: { reason: 'done' } } },
          'user.cancel': { target: 'ending', actions: { type: 'endAs', params: { reason: 'done' } } },
        },
      },
      ending: {
        entry: 'stopClock',
        invoke: {
          id: 'wipe',
          src: 'wipeSession',
          input: ({ context }) => ({ sessionId: context.sessionId, rating: context.rating, submission: context.submission }),
          onDone: 'done',
          // A failed wipe is retried by the store at start-up; the session must still end.
          onError: 'done',
        },
      },
      /** One actor per citizen session: core starts a new one for the next citizen. */
      done: { type: 'final' },
    },
  });
}

/** The same applicant goes back to the state the session was resumed in; anyone else is refused. */
function reidentifyBy() {
  return [
    ...RESUMABLE_STATES.map((state) => ({
      guard: and(['sameApplicant', { type: 'resumesTo' as const, params: { state } }]),
      target: `#transaction.${state}`,
      actions: ['reidentified' as const, 'touch' as const],
    })),
    { actions: ['otherCard' as const, 'touch' as const] },
  ];
}

export type TransactionMachine = ReturnType<typeof createTransactionMachine>;
