/**
 * 一套材料: the chosen items' materials, each canonical key once, with the way the citizen is spared or
 * asked for each. Routes are tried in catalog order and the first that applies is chosen:
 * - `shared-data`: applies when the back office holds the dataset (or when that is unknown, e.g. offline:
 *   the department verifies shared records after submission anyway, so the kiosk asks for the
 *   authorisation and marks the check as deferred) → the applicant authorises;
 * - `e-license` proven by identification: applies when the kiosk read and checked the applicant's own
 *   document (or the issuer resolved their QR e-ID) → exempt, level A;
 * - `e-license`: applies when the applicant holds that licence. Its level is the worse of the catalog's
 *   level (what the department grants for it) and the licence's own: A/B exempt, C bring the original,
 *   D self-declared (the applicant signs a declaration);
 * - `commitment` (告知承诺): applies unless `excludedWhen` holds or the applicant declined it → sign the promise;
 * - `capture` → scan at the kiosk; `paper` → bring it to the window. Both always apply.
 * A material no route applies to must still be provided: the original, at the window. An item's material
 * whose `neededWhen` does not hold over the card and the answers is not needed for that item at all.
 */
import type { Bundle, Catalog, Material } from '../../kiosk-config/catalog-schema.ts';
import { chosenItems } from './bundle-items.ts';
import { evaluate } from './conditions.ts';
import { REASONS, type TrustLevel } from './material-reasons.ts';
import type { Bilingual, Facts } from './types.ts';

export type { TrustLevel } from './material-reasons.ts';
export type MaterialRoute = Material['routes'][number];

export type MaterialAction = 'authorise' | 'exempt' | 'bring-original' | 'self-declare' | 'sign-commitment' | 'capture' | 'bring-paper';

export interface MaterialAvailability {
  /** Datasets the back office can verify, or 'unknown' when it could not be asked. */
  readonly sharedDatasets: ReadonlySet<string> | 'unknown';
  /** The applicant's e-licences by licence type, with the trust level each carries. */
  readonly eLicenses: ReadonlyMap<string, TrustLevel>;
  /** The kiosk read and checked the applicant's identity document (or resolved their QR e-ID). */
  readonly identified?: boolean;
}

export interface PlanOptions {
  /** Materials whose commitment route the applicant declined (告知承诺 is opt-in). */
  readonly declinedCommitments?: ReadonlySet<string>;
}

export interface RouteChoice {
  readonly action: MaterialAction;
  /** The catalog route; undefined when no route applied and the original must be brought. */
  readonly route?: MaterialRoute;
  /** For e-licences: the level the decision used. */
  readonly trustLevel?: TrustLevel;
  /** For shared data whose availability could not be checked. */
  readonly deferred?: boolean;
  readonly reason: Bilingual;
}

export interface PlannedMaterial extends RouteChoice {
  readonly key: string;
  readonly material: Material;
  /** Implementation codes of the chosen items that list it, in bundle order. */
  readonly neededBy: readonly string[];
  readonly required: boolean;
  /** The other routes that apply, in catalog order, for a citizen who prefers another way. */
  readonly alternatives: readonly RouteChoice[];
}

export interface MaterialsPlan {
  readonly materials: readonly PlannedMaterial[];
  /** Material keys per thing the citizen has to do; every material is in exactly one of these lists. */
  readonly exempt: readonly string[];
  readonly needsAuthorisation: readonly string[];
  /** The datasets the authorisation covers, each once. */
  readonly datasetsToAuthorise: readonly string[];
  readonly needsSignature: readonly string[];
  readonly toCapture: readonly string[];
  readonly toBring: readonly string[];
}

export function planMaterials(
  catalog: Catalog,
  bundle: Bundle,
  chosenOptionalItems: readonly string[],
  facts: Facts,
  available: MaterialAvailability,
  options: PlanOptions = {},
): MaterialsPlan {
  const entries = new Map<string, { material: Material; neededBy: string[]; required: boolean }>();
  const items = chosenItems(catalog, bundle, chosenOptionalItems);
  for (const item of items) {
    for (const ref of item.materials) {
      if (ref.neededWhen && !evaluate(ref.neededWhen, facts)) continue;
      const material = catalog.materials.get(ref.key);
      if (!material) throw new RangeError(`item "${item.implementationCode}" lists the unknown material "${ref.key}"`);
      const entry = entries.get(ref.key) ?? { material, neededBy: [], required: false };
      entries.set(ref.key, entry);
      if (!entry.neededBy.includes(item.implementationCode)) entry.neededBy.push(item.implementationCode);
      entry.required ||= ref.required;
    }
  }
  const materials = [...entries.entries()].map(([key, e]): PlannedMaterial => {
    const producer = items.find((item) => item.produces.includes(key) && !e.neededBy.includes(item.implementationCode));
    if (producer) return { key, material: e.material, neededBy: e.neededBy, required: e.required, action: 'exempt', reason: REASONS.producedInBundle(bilingual(producer.name)), alternatives: [] };
    const [chosen, ...alternatives] = applicableRoutes(e.material, facts, available, options);
    return { key, material: e.material, neededBy: e.neededBy, required: e.required, ...(chosen ?? { action: 'bring-paper', reason: REASONS.noRoute() }), alternatives };
  });
  return summarise(materials);
}

/** Every route of the material that applies to this applicant, in catalog order. */
export function applicableRoutes(material: Material, facts: Facts, available: MaterialAvailability, options: PlanOptions = {}): RouteChoice[] {
  const choices: RouteChoice[] = [];
  for (const route of material.routes) {
    const choice = routeChoice(material.key, route, facts, available, options);
    if (choice) choices.push(choice);
  }
  return choices;
}

function routeChoice(key: string, route: MaterialRoute, facts: Facts, available: MaterialAvailability, options: PlanOptions): RouteChoice | undefined {
  switch (route.kind) {
    case 'shared-data': {
      const deferred = available.sharedDatasets === 'unknown';
      if (!deferred && !available.sharedDatasets.has(route.dataset)) return undefined;
      return { action: 'authorise', route, ...(deferred ? { deferred } : {}), reason: REASONS.sharedData(deferred) };
    }
    case 'e-license': {
      if (route.provenByIdentification) return available.identified ? { action: 'exempt', route, trustLevel: 'A', reason: REASONS.identification() } : undefined;
      const held = available.eLicenses.get(route.licenseType);
      if (!held) return undefined;
      const trustLevel = held > route.trustLevel ? held : route.trustLevel; // 'A' < 'B' < 'C' < 'D': the worse one
      if (trustLevel === 'A' || trustLevel === 'B') return { action: 'exempt', route, trustLevel, reason: REASONS.eLicenceExempt() };
      if (trustLevel === 'C') return { action: 'bring-original', route, trustLevel, reason: REASONS.eLicenceOriginal() };
      return { action: 'self-declare', route, trustLevel, reason: REASONS.eLicenceDeclared() };
    }
    case 'commitment':
      if (options.declinedCommitments?.has(key) || (route.excludedWhen && evaluate(route.excludedWhen, facts))) return undefined;
      return { action: 'sign-commitment', route, reason: REASONS.commitment() };
    case 'capture':
      return { action: 'capture', route, reason: REASONS.capture(route.pages) };
    case 'paper':
      return { action: 'bring-paper', route, reason: REASONS.paper(route.original, route.copies) };
  }
}

/** Catalog text with English optional; the engine's own text is always in both languages. */
function bilingual(text: { 'zh-CN': string; en?: string | undefined }): Bilingual {
  return { 'zh-CN': text['zh-CN'], en: text.en ?? text['zh-CN'] };
}

function summarise(materials: PlannedMaterial[]): MaterialsPlan {
  const keys = (...actions: MaterialAction[]) => materials.filter((m) => actions.includes(m.action)).map((m) => m.key);
  const datasets = materials.flatMap((m) => (m.action === 'authorise' && m.route?.kind === 'shared-data' ? [m.route.dataset] : []));
  return {
    materials,
    exempt: keys('exempt'),
    needsAuthorisation: keys('authorise'),
    datasetsToAuthorise: [...new Set(datasets)],
    needsSignature: keys('sign-commitment', 'self-declare'),
    toCapture: keys('capture'),
    toBring: keys('bring-original', 'bring-paper'),
  };
}
