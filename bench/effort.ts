/**
 * Citizen inputs for each sample bundle against the same items done one by one (DESIGN.md §9: ≤ 30 %), and
 * the number of fields asked more than once (must be 0). Answers use the effort model's typical lengths.
 */
import { join } from 'node:path';
import { applicantFactsFromCard, measureEffort, type EffortComparison } from '../core/bundle/index.ts';
import { loadCatalog } from '../core/catalog/load-catalog.ts';
import { formatProblem } from '../core/config/load-config.ts';
import { REPO_ROOT } from '../test/support/browser-host.ts';

const TODAY = '2026-11-22';
const CARD = { name: '张三', idNumber: '11010519491231002X', gender: '2', birthDate: '1949-12-31', documentType: 'resident' };

export interface BundleEffort {
  readonly name: string;
  readonly requiredOnly: EffortComparison;
  readonly allItems: EffortComparison;
}

export async function measureBundleEffort(): Promise<BundleEffort[]> {
  const loaded = await loadCatalog(join(REPO_ROOT, 'kiosk-config/default/catalog'));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const { catalog } = loaded;
  const run = (bundle: (typeof catalog.bundles)[number], optional: readonly string[]) =>
    measureEffort({
      catalog,
      bundle,
      chosenOptionalItems: optional,
      applicant: applicantFactsFromCard(CARD, TODAY),
      sources: { idCard: CARD },
      script: {},
      available: { sharedDatasets: 'unknown', eLicenses: new Map() },
      today: TODAY,
    });
  return catalog.bundles.map((bundle) => ({
    name: bundle.name['zh-CN'],
    requiredOnly: run(bundle, []),
    allItems: run(bundle, bundle.items.filter((i) => !i.required).map((i) => i.item)),
  }));
}
