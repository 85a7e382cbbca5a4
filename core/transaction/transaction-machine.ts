/**
 * The transaction machine: one citizen session from identification to the wiped end (DESIGN.md §4).
 *
 * Guards and actions are pure: they read the catalog (immutable, closed over) and the event, and the clock
 * only through `at` stamps on events. Side effects are named actors (`commitSubmission`, `printReceipt`,
 * `wipeSession`, `clock`) that core supplies with `.provide()`. Restore-safety, as XState requires:
 * - invoked actors run again after a restore, so commit and print carry the idempotency key from context;
 * - `after` timers are not restored, so the idle deadline is an absolute time in context, checked on ticks;
 * - every actor is declared by name in `setup`, so snapshots can be persisted.
 */
import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { Bundle, Catalog } from '../../kiosk-config/catalog-schema.ts';
import { evaluate, isMissing, questionsToAsk, mergeForm, setValue, validateValues } from '../bundle/index.ts';
import type { MaterialsPlan } from '../bundle/index.ts';
import { emptyContext, materialsPlanFor, today, transactionFacts } from './transaction-context.ts';
import type {
  CommitInput,
  MaterialDecision,
  PrintInput,
  Submission,
  TransactionContext,
  TransactionEvent,
  TransactionInput,
} from './transaction-types.ts';

export * from './transaction-types.ts';
export { materialsPlanFor, transactionFacts } from './transaction-context.ts';

function notProvided(name: string): never {
  throw new Error(`the "${name}" actor must be provided by core`);
}

export function createTransactionMachine(catalog: Catalog) {
  const bundleOf = (context: TransactionContext): Bundle | undefined => catalog.bundles.find((b) => b.code === context.bundleCode);
  const formOf = (context: TransactionContext) => {
    const bundle = bundleOf(context);
    return bundle ? mergeForm(catalog, bundle, context.optionalItems) : undefined;
  };
  /** True when the field's value is the one read from the applicant's ID card, which the citizen cannot change. */
  const fromCard = (context: TransactionContext, key: string): boolean => {
    const source = formOf(context)?.fields.find((f) => f.key === key)?.field.source;
    return source?.kind === 'idcard' && !!context.applicant?.card[source.attribute] && !isMissing(context.values[key]);
  };
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
      bundleChosen: ({ event }) => {
        if (event.type !== 'user.chooseBundle') return false;
        const bundle = catalog.bundles.find((b) => b.code === event.code);
        return !!bundle && event.optionalItems.every((code) => bundle.items.some((i) => i.item === code && !i.required));
      },
      /** Only fields of the form the citizen may answer: not computed, not read from the ID card. */
      answerable: ({ context, event }) => {
        if (event.type !== 'user.setValue') return false;
        const field = formOf(context)?.fields.find((f) => f.key === event.key)?.field;
        return !!field && field.source.kind !== 'computed' && field.input !== 'none' && !fromCard(context, event.key);
      },
      /** A decision the plan asks for: authorise what needs authorising, sign what needs signing, and so on. */
      decisionNeeded: ({ context, event }) => {
        if (event.type !== 'user.decideMaterial') return false;
        const plan = planOf(context);
        if (!plan) return false;
        const list = { authorised: plan.needsAuthorisation, signed: plan.needsSignature, captured: plan.toCapture }[event.decision];
        return list.includes(event.key);
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
        return questionsToAsk(form, context.values, facts).length === 0 && validateValues(form, context.values, facts).length === 0;
      },
      materialsComplete: ({ context }) => {
        const plan = planOf(context);
        if (!plan) return false;
        // Optional materials (e.g. the father's authorisation when the mother applies) may be left out.
        const required = new Set(plan.materials.filter((m) => m.required).map((m) => m.key));
        const done = (keys: readonly string[], decision: MaterialDecision) => keys.every((k) => !required.has(k) || context.decisions[k] === decision);
        return done(plan.needsAuthorisation, 'authorised') && done(plan.needsSignature, 'signed') && done(plan.toCapture, 'captured');
      },
      /** 好差评: the two lowest levels need at least one reason, as the national rules ask; reasons from the catalog. */
      ratingComplete: ({ event }) =>
        event.type === 'user.rate' &&
        event.rating.reasons.every((key) => catalog.rating.lowLevelReasons.some((r) => r.key === key)) &&
        (event.rating.level >= 3 || event.rating.reasons.length > 0),
      canExtend: ({ context }) => context.warning && context.extensions < context.timeouts.maxExtensions,
    },
    actions: {
      /**
       * Restarts the idle clock. Events from the side effects (commit or print done or failed) carry no time:
       * then the next tick, at most a tick later, starts the clock.
       */
      touch: assign(({ context, event }) => {
        const at = (event as { at?: unknown }).at;
        return typeof at === 'number'
          ? { now: at, deadline: at + context.timeouts.stepMs, warning: false, clockPending: false }
          : { deadline: null, warning: false, clockPending: true };
      }),
      armClock: assign(({ context, event }) => ({ now: event.at, deadline: event.at + context.timeouts.stepMs, clockPending: false })),
      warn: assign(({ event }) => ({ now: event.at, warning: true })),
      extend: assign(({ context, event }) => ({
        now: event.at,
        deadline: event.at + context.timeouts.stepMs,
        warning: false,
        extensions: context.extensions + 1,
      })),
      stopClock: assign({ deadline: null, warning: false, clockPending: false }),
      identify: assign(({ event }) =>
        'applicant' in event ? { applicant: event.applicant, endReason: null } : {},
      ),
      chooseBundle: assign(({ context, event }) => {
        if (event.type !== 'user.chooseBundle') return {};
        const changed = event.code !== context.bundleCode;
        return { bundleCode: event.code, optionalItems: [...event.optionalItems], decisions: changed ? {} : context.decisions };
      }),
      prefillForm: assign(({ context }) => {
        const form = formOf(context);
        if (!form) return {};
        // Prefill from the ID card; earlier answers win so going back and forth loses nothing.
        const fromCard = Object.entries(context.applicant?.card ?? {});
        let values = context.values;
        for (const mf of form.fields) {
          const source = mf.field.source;
          if (source.kind !== 'idcard' || values[mf.key] !== undefined) continue;
          const found = fromCard.find(([attribute]) => attribute === source.attribute);
          if (found?.[1]) values = setValue(form, values, mf.key, found[1], today(context.now));
        }
        return { values };
      }),
      setValue: assign(({ context, event }) => {
        if (event.type !== 'user.setValue') return {};
        const form = formOf(context);
        return form ? { values: setValue(form, context.values, event.key, event.value, today(event.at)) } : {};
      }),
      decideMaterial: assign(({ context, event }) =>
        event.type === 'user.decideMaterial' ? { decisions: { ...context.decisions, [event.key]: event.decision } } : {},
      ),
      keepIdempotencyKey: assign(({ context, event }) =>
        event.type === 'user.submit' ? { idempotencyKey: context.idempotencyKey ?? event.idempotencyKey } : {},
      ),
      rate: assign(({ event }) => (event.type === 'user.rate' ? { rating: event.rating } : {})),
      endAs: assign((_, params: { reason: NonNullable<TransactionContext['endReason']> }) => ({ endReason: params.reason, deadline: null, warning: false, clockPending: false })),
    },
    actors: {
      commitSubmission: fromPromise<Submission, CommitInput>(async () => notProvided('commitSubmission')),
      printReceipt: fromPromise<void, PrintInput>(async () => notProvided('printReceipt')),
      wipeSession: fromPromise<void, { sessionId: string }>(async () => notProvided('wipeSession')),
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
      'system.resumed': { guard: 'clockRunning', actions: 'touch' },
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
                { guard: 'accepted', target: 'choose', actions: [assign({ consented: true }), 'touch'] },
                { target: '#transaction.ending', actions: { type: 'endAs', params: { reason: 'declined' } } },
              ],
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
            on: {
              'user.setValue': { guard: 'answerable', actions: ['setValue', 'touch'] },
              'user.next': { guard: 'formComplete', target: 'materials', actions: 'touch' },
              'user.back': { target: 'choose', actions: 'touch' },
            },
          },
          materials: {
            on: {
              'user.decideMaterial': { guard: 'decisionNeeded', actions: ['decideMaterial', 'touch'] },
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
      submitting: {
        // Committing is never interrupted by the idle timeout: the submission must be durable first.
        entry: 'stopClock',
        invoke: {
          id: 'commit',
          src: 'commitSubmission',
          input: ({ context }) => ({ context, idempotencyKey: context.idempotencyKey ?? context.sessionId }),
          onDone: { target: 'printing', actions: assign({ submission: ({ event }) => event.output }) },
          onError: { target: 'submitFailed' },
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
        entry: 'touch',
        on: {
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
          input: ({ context }) => ({ sessionId: context.sessionId }),
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

export type TransactionMachine = ReturnType<typeof createTransactionMachine>;
