/**
 * Citizen inputs for each sample bundle against the same items done one by one (DESIGN.md §9: ≤ 30 %), and
 * the number of fields asked more than once (must be 0). Each bundle is replayed with its fake applicant
 * (effort-applicants.ts) with the back office offline (no shared data; shared checks deferred) and online
 * (the departments' records prefill the form, every dataset can be checked, e-licences are found), with
 * only the required items and with every optional item too.
 */
import { join } from 'node:path';
import type { Bundle, Catalog } from '../kiosk-config/catalog-schema.ts';
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
import { loadCatalog } from '../core/catalog/load-catalog.ts';
import { formatProblem } from '../core/config/load-config.ts';
import { REPO_ROOT } from '../test/support/browser-host.ts';
import { APPLICANTS, HOLDERS, type EffortApplicant } from './effort-applicants.ts';

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
}

export async function measureBundleEffort(): Promise<BundleEffort[]> {
  const loaded = await loadCatalog(join(REPO_ROOT, 'kiosk-config/default/catalog'));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const { catalog } = loaded;
  // A dataset whose holder is no item's department would prefill no single item: that would flatter the bundle.
  const departments = new Set([...catalog.items.values()].map(departmentOf));
  const asked = [...catalog.fields.values()].flatMap((f) => (f.source.kind === 'shared' && f.input !== 'none' ? [f.source.dataset] : []));
  const unheld = [...new Set(asked)].filter((dataset) => !departments.has(HOLDERS[dataset] ?? ''));
  if (unheld.length) throw new Error(`effort-applicants.ts: no department of an item holds ${unheld.join(', ')}`);
  return catalog.bundles.map((bundle) => {
    const applicant = APPLICANTS[bundle.code];
    if (!applicant) throw new Error(`effort-applicants.ts: no applicant for bundle ${bundle.code}`);
    const selections = (online: boolean): Selections => ({
      requiredOnly: run(catalog, bundle, applicant, online, []),
      allItems: run(catalog, bundle, applicant, online, bundle.items.filter((i) => !i.required).map((i) => i.item)),
    });
    return { code: bundle.code, name: bundle.name['zh-CN'], offline: selections(false), online: selections(true) };
  });
}

function run(catalog: Catalog, bundle: Bundle, applicant: EffortApplicant, online: boolean, optional: readonly string[]): EffortComparison {
  // Offline the applicant types what the departments would have returned.
  const script: FormValues = { ...Object.assign({}, ...Object.values(applicant.records)), ...applicant.answers };
  const sources: PrefillSources = online ? { idCard: applicant.card, shared: applicant.records } : { idCard: applicant.card };
  const facts = applicantFactsFromCard(applicant.card, TODAY);
  // A cheap script would flatter the bundle: the replay must be a fill the kiosk accepts, every question answered.
  const form = mergeForm(catalog, bundle, optional);
  const filled = prefill(form, { ...sources, earlier: script }, TODAY);
  const problems = validateValues(form, filled, { applicant: facts, answers: filled });
  if (problems.length) throw new Error(`effort-applicants.ts: ${bundle.code} is not filled in: ${problems.map((p) => `${p.key} (${p.code})`).join(', ')}`);
  return measureEffort({
    catalog,
    bundle,
    chosenOptionalItems: optional,
    applicant: facts,
    sources,
    holders: HOLDERS,
    script,
    provides: applicant.provides,
    available: online
      // The card is read at the kiosk in both modes: the reader's SAM checks it, which spares the ID card.
      ? { sharedDatasets: new Set(allDatasets(catalog)), eLicenses: applicant.eLicences, identified: true }
      : { sharedDatasets: 'unknown', eLicenses: new Map(), identified: true },
    today: TODAY,
  });
}

/** Online, the back office reaches every dataset the catalog names. */
function allDatasets(catalog: Catalog): string[] {
  const fields = [...catalog.fields.values()].flatMap((f) => (f.source.kind === 'shared' ? [f.source.dataset] : []));
  const checks = [...catalog.materials.values()].flatMap((m) => m.routes.flatMap((r) => (r.kind === 'shared-data' ? [r.dataset] : [])));
  return [...new Set([...fields, ...checks])];
}
