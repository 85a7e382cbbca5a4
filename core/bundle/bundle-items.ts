/**
 * Which items a transaction covers: the bundle's required items plus the optional ones the applicant chose,
 * in bundle order. Unknown codes are programming or catalog errors (the loader checks cross references), so
 * they throw; the messages name codes only, never personal data.
 */
import type { Bundle, Catalog, Item } from '../../kiosk-config/catalog-schema.ts';

export function chosenItems(catalog: Catalog, bundle: Bundle, chosenOptionalItems: readonly string[]): Item[] {
  const inBundle = new Set(bundle.items.map((entry) => entry.item));
  for (const code of chosenOptionalItems) {
    if (!inBundle.has(code)) throw new RangeError(`item "${code}" is not part of bundle "${bundle.code}"`);
  }
  const chosen = new Set(chosenOptionalItems);
  const seen = new Set<string>();
  const items: Item[] = [];
  for (const entry of bundle.items) {
    if ((!entry.required && !chosen.has(entry.item)) || seen.has(entry.item)) continue;
    seen.add(entry.item);
    const item = catalog.items.get(entry.item);
    if (!item) throw new RangeError(`bundle "${bundle.code}" lists the unknown item "${entry.item}"`);
    items.push(item);
  }
  return items;
}

/** The same bundle reduced to one item: how the engine models doing that item on its own. */
export function singleItemBundle(bundle: Bundle, itemCode: string): Bundle {
  return { ...bundle, items: [{ item: itemCode, required: true }], eligibility: [] };
}
