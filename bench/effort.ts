/**
 * Citizen inputs for each sample bundle against the same items done one by one (DESIGN.md §9: ≤ 30 %), and
 * the number of fields asked more than once (must be 0). Each bundle is replayed with its fake applicant
 * (effort-applicants.ts), with only the required items and with every optional item too:
 *
 * - online, with what the exchange answered: the reference back office (its fake people,
 *   fixtures/exchange.json) is asked through the kiosk's signed client and `exchangeSource`, as a session
 *   asks it: the applicant's datasets and e-licences, then a record by a field's value wherever the form
 *   has one to look up (the premises' certificate number). Its records prefill the form, the datasets it
 *   returned can be checked, and the applicant's own valid e-licences spare materials;
 * - offline: no shared data, shared checks deferred; the applicant types what the records would have said.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, Catalog } from '../kiosk-config/catalog-schema.ts';
import { newSecret } from '../backoffice/api/signing.ts';
import { startBackOffice } from '../backoffice/server.ts';
import {
  applicantFactsFromCard,
  departmentOf,
  measureEffort,
  mergeForm,
  prefill,
  validateValues,
  type EffortComparison,
  type FormValues,
  type PrefillSources,
} from '../core/bundle/index.ts';
import { BackOfficeClient } from '../core/sync/backoffice-client.ts';
import { applyLookups, licencesHeldBy, lookupsDue, onlineExchange, trustLevels } from '../core/transaction/exchange.ts';
import { exchangeSource } from '../core/transaction/exchange-source.ts';
import type { ExchangeData, ExchangeSource } from '../core/transaction/transaction-types.ts';
import { APPLICANTS, HOLDERS, type EffortApplicant } from './effort-applicants.ts';
import { shippedCatalog } from './shipped-catalog.ts';

const TODAY = '2026-11-22';

export interface Selections {
  readonly requiredOnly: EffortComparison;
  readonly allItems: EffortComparison;
}

export interface BundleEffort {
  readonly code: string;
  readonly name: string;
  readonly offline: Selections;
  readonly online: Selections;
  /** What the exchange answered for the applicant: datasets (looked-up records included) and own e-licences. */
  readonly exchanged: { readonly datasets: readonly string[]; readonly eLicences: readonly string[] };
}

export async function measureBundleEffort(): Promise<BundleEffort[]> {
  const catalog = await shippedCatalog();
  const holders = holdersOf(catalog);
  const backOffice = await startBackOffice({ seedExchange: true });
  const credentials = { kioskId: 'BENCH-EFFORT', secret: newSecret() };
  await backOffice.registerKiosk(credentials);
  const client = new BackOfficeClient({ baseUrl: backOffice.url, credentials, connectTimeoutMs: 5_000, responseTimeoutMs: 15_000 });
  try {
    const source = exchangeSource(client);
    const results: BundleEffort[] = [];
    for (const bundle of catalog.bundles) {
      const applicant = APPLICANTS[bundle.code];
      if (!applicant) throw new Error(`effort-applicants.ts: no applicant for bundle ${bundle.code}`);
      const selections = async (online: boolean): Promise<Selections> => ({
        requiredOnly: await run(catalog, bundle, applicant, holders, source, online, []),
        allItems: await run(catalog, bundle, applicant, holders, source, online, bundle.items.filter((i) => !i.required).map((i) => i.item)),
      });
      const all = await exchanged(catalog, bundle, applicant, source, bundle.items.filter((i) => !i.required).map((i) => i.item));
      results.push({
        code: bundle.code,
        name: bundle.name['zh-CN'],
        offline: await selections(false),
        online: await selections(true),
        exchanged: { datasets: Object.keys(all.datasets).sort(), eLicences: [...licencesHeldBy(all, applicant.card.idNumber, TODAY).keys()].sort() },
      });
    }
    return results;
  } finally {
    client.close();
    await backOffice.close();
  }
}

/**
 * Who holds each shared dataset, for the item-by-item flow (an item on its own is prefilled from its own
 * department's records only). A dataset found by a field's value is looked up by whichever item asks for
 * that value, on its own as in the bundle: its holder, for this purpose, is that item's department.
 */
function holdersOf(catalog: Catalog): Record<string, string> {
  const holders: Record<string, string> = { ...HOLDERS };
  for (const field of catalog.fields.values()) {
    if (field.source.kind !== 'shared' || !field.source.lookupBy) continue;
    const keyField = field.source.lookupBy;
    const askers = new Set([...catalog.items.values()].filter((item) => item.fields.some((f) => f.key === keyField)).map(departmentOf));
    if (askers.size !== 1) throw new Error(`${field.source.dataset} is looked up by ${keyField}, which ${askers.size} departments ask for: the model needs one`);
    holders[field.source.dataset] = [...askers][0]!;
  }
  // A dataset whose holder is no item's department would prefill no single item: that would flatter the bundle.
  const departments = new Set([...catalog.items.values()].map(departmentOf));
  const asked = [...catalog.fields.values()].flatMap((f) => (f.source.kind === 'shared' && f.input !== 'none' ? [f.source.dataset] : []));
  const unheld = [...new Set(asked)].filter((dataset) => !departments.has(holders[dataset] ?? ''));
  if (unheld.length) throw new Error(`effort-applicants.ts: no department of an item holds ${unheld.join(', ')}`);
  return holders;
}

/** What the exchange gives a session of this bundle: the person's data, then the lookups the answers call for. */
async function exchanged(catalog: Catalog, bundle: Bundle, applicant: EffortApplicant, source: ExchangeSource, optional: readonly string[]): Promise<ExchangeData> {
  const sessionId = randomUUID();
  const idNumber = applicant.card.idNumber!;
  const signal = new AbortController().signal;
  const exchange = onlineExchange(await source.person({ sessionId, idNumber, bundleCode: bundle.code }, signal));
  const due = lookupsDue(mergeForm(catalog, bundle, optional), applicant.answers, exchange);
  const found = await Promise.all(due.map(async (request) => [request.dataset, await source.lookup({ sessionId, idNumber, request }, signal)] as const));
  return applyLookups(exchange, due, Object.fromEntries(found));
}

async function run(
  catalog: Catalog,
  bundle: Bundle,
  applicant: EffortApplicant,
  holders: Record<string, string>,
  source: ExchangeSource,
  online: boolean,
  optional: readonly string[],
): Promise<EffortComparison> {
  const exchange = await exchanged(catalog, bundle, applicant, source, optional);
  // Offline the applicant types what the departments would have returned.
  const script: FormValues = { ...Object.assign({}, ...Object.values(exchange.datasets)), ...applicant.answers };
  const sources: PrefillSources = online ? { idCard: applicant.card, shared: exchange.datasets } : { idCard: applicant.card };
  const facts = applicantFactsFromCard(applicant.card, TODAY);
  // A cheap script would flatter the bundle: the replay must be a fill the kiosk accepts, every question answered.
  const form = mergeForm(catalog, bundle, optional);
  const filled = prefill(form, { ...sources, earlier: script }, TODAY);
  const problems = validateValues(form, filled, { applicant: facts, answers: filled }, TODAY);
  if (problems.length) throw new Error(`effort-applicants.ts: ${bundle.code} is not filled in: ${problems.map((p) => `${p.key} (${p.code})`).join(', ')}`);
  return measureEffort({
    catalog,
    bundle,
    chosenOptionalItems: optional,
    applicant: facts,
    sources,
    holders,
    script,
    provides: applicant.provides,
    available: online
      // As a session plans materials (core/transaction/transaction-context.ts): the datasets the exchange
      // returned can be checked, the applicant's own valid e-licences count. The card is read at the kiosk
      // in both modes: the reader's SAM checks it, which spares the ID card.
      ? { sharedDatasets: new Set(Object.keys(exchange.datasets)), eLicenses: trustLevels(licencesHeldBy(exchange, applicant.card.idNumber, TODAY)), identified: true }
      : { sharedDatasets: 'unknown', eLicenses: new Map(), identified: true },
    today: TODAY,
  });
}
