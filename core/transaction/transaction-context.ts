/** The transaction's context: how a session starts, and what guards, the view and the receipt derive from it. */
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { planMaterials, withAnswers, type Facts, type MaterialsPlan, type PlannedMaterial } from '../bundle/index.ts';
import { licencesHeldBy, trustLevels } from './exchange.ts';
import { DEFAULT_TIMEOUTS, type HeldLicence, type TransactionContext, type TransactionInput } from './transaction-types.ts';

/** Halls keep Beijing time whatever zone the machine's clock is set to: a day starts at 00:00 there, not in UTC. */
const HALL_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The hall's calendar day (yyyy-mm-dd) at `now`: what "today" means for birth dates, ages and validity. */
export function today(now: number): string {
  return HALL_DAY.format(now);
}

export function emptyContext(input: TransactionInput): TransactionContext {
  return {
    sessionId: input.sessionId,
    catalogVersion: input.catalogVersion,
    timeouts: input.timeouts ?? DEFAULT_TIMEOUTS,
    now: input.now,
    deadline: null,
    clockPending: false,
    warning: false,
    extensions: 0,
    applicant: null,
    consented: false,
    exchange: null,
    bundleCode: null,
    optionalItems: [],
    values: {},
    decisions: {},
    captures: {},
    idempotencyKey: null,
    submission: null,
    submitFailure: null,
    receipt: null,
    rating: null,
    endReason: null,
    reidentify: null,
  };
}

/** What the engine needs about a context; shared by guards and by the session view. */
export function transactionFacts(context: TransactionContext): Facts {
  return withAnswers({ applicant: context.applicant?.facts ?? {} }, context.values);
}

/** The applicant's own valid e-licences by type (the exchange's answer; none offline). */
export function applicantLicences(context: TransactionContext): Map<string, HeldLicence> {
  return licencesHeldBy(context.exchange, context.applicant?.card.idNumber, today(context.now));
}

/**
 * The materials plan of the session's bundle. The applicant's document counts as read and checked (card or
 * resolved QR e-ID; a helper's entry does not). With the exchange online, a shared-data route applies when
 * the exchange holds the dataset, and e-licences exempt what their holder needs; offline, shared checks are
 * deferred to the department and no e-licence is known.
 */
export function materialsPlanFor(catalog: Catalog, context: TransactionContext): MaterialsPlan | undefined {
  const bundle = catalog.bundles.find((b) => b.code === context.bundleCode);
  if (!bundle) return undefined;
  const identified = context.applicant?.via === 'idcard' || context.applicant?.via === 'qr';
  const { exchange } = context;
  return planMaterials(catalog, bundle, context.optionalItems, transactionFacts(context), {
    sharedDatasets: exchange?.status === 'online' ? new Set(Object.keys(exchange.datasets)) : 'unknown',
    eLicenses: trustLevels(applicantLicences(context)),
    identified,
  });
}

/** The capture route the plan chose for a material, with its page count and subject; undefined for any other. */
export function captureRoute(m: PlannedMaterial): { readonly pages: number; readonly subject: 'document' | 'portrait' } | undefined {
  return m.action === 'capture' && m.route?.kind === 'capture' ? { pages: m.route.pages, subject: m.route.subject } : undefined;
}
