import type { BundleView } from '../../../../core/contract/transaction-view.ts';
import type { Ui } from '../session/ui.ts';
import { ItemFacts } from './ItemFacts.tsx';

export interface BundleItemsProps {
  readonly ui: Ui;
  readonly bundle: BundleView;
  readonly optional: readonly string[];
  readonly onToggle: (code: string) => void;
}

/** The bundle's items: the required ones as a fixed list, the optional ones as large toggles. */
export function BundleItems({ ui, bundle, optional, onToggle }: BundleItemsProps) {
  const { t, text } = ui;
  const required = bundle.items.filter((i) => i.required);
  const optionalItems = bundle.items.filter((i) => !i.required);
  return (
    <>
      <section aria-labelledby="items-included">
        <h2 id="items-included" class="section-title">
          {t('choose.included')}
        </h2>
        <ul class="item-list">
          {required.map((item) => (
            <li key={item.code} class="item-row">
              <span class="item-name">{text(item.name)}</span>
              <ItemFacts ui={ui} item={item} />
              {item.note && <span class="muted">{text(item.note)}</span>}
            </li>
          ))}
        </ul>
      </section>
      {optionalItems.length > 0 && (
        <section aria-labelledby="items-optional">
          <h2 id="items-optional" class="section-title">
            {t('choose.optional')}
          </h2>
          <ul class="item-list">
            {optionalItems.map((item) => {
              const on = optional.includes(item.code);
              return (
                <li key={item.code}>
                  <button type="button" class="item-row item-toggle" aria-pressed={on} onClick={() => onToggle(item.code)}>
                    <span class="check" aria-hidden="true">
                      {on ? '✓' : ''}
                    </span>
                    <span class="item-name">{text(item.name)}</span>
                    <ItemFacts ui={ui} item={item} />
                    {item.note && <span class="item-note">{text(item.note)}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
