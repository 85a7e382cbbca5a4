import { useState } from 'preact/hooks';
import type { BundleView } from '../../../../core/contract/transaction-view.ts';
import { ActionBar } from '../session/ActionBar.tsx';
import { ScreenTitle } from '../session/ScreenTitle.tsx';
import { useAction, type StepProps } from '../session/ui.ts';
import { BundleCard } from './BundleCard.tsx';
import { BundleItems } from './BundleItems.tsx';
import { ExchangeNote } from './ExchangeNote.tsx';
import { PolicySuggestions } from './PolicySuggestions.tsx';

/**
 * Choosing the 一件事: the bundles as large cards, then the chosen one's items, the optional ones as
 * toggles. Coming back from the form, the earlier choice is shown again.
 */
export function ChooseScreen({ ui, view }: StepProps) {
  const { t } = ui;
  const bundles = view.bundles ?? [];
  const [chosen, setChosen] = useState<BundleView | null>(() => bundles.find((b) => b.code === view.bundle?.code) ?? null);
  const [optional, setOptional] = useState<readonly string[]>(view.optionalItems);
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  const [, run] = useAction();
  const open = (bundle: BundleView) => {
    setChosen(bundle);
    setOptional([]);
  };

  if (!chosen) {
    return (
      <main class="screen step choose" aria-labelledby="choose-title">
        <div class="step-body">
          <ScreenTitle id="choose-title">{t('choose.title')}</ScreenTitle>
          <p class="lead">{t('choose.hint')}</p>
          <ExchangeNote ui={ui} exchange={view.exchange} />
          <PolicySuggestions
            ui={ui}
            suggestions={view.suggestions ?? []}
            dismissed={dismissed}
            onDismiss={(key) => setDismissed((keys) => [...keys, key])}
            onStart={(code) => {
              const bundle = bundles.find((b) => b.code === code);
              if (bundle) open(bundle);
            }}
          />
          <ul class="bundle-list">
            {bundles.map((bundle) => (
              <li key={bundle.code}>
                <BundleCard ui={ui} bundle={bundle} onChoose={() => open(bundle)} />
              </li>
            ))}
          </ul>
        </div>
        <ActionBar />
      </main>
    );
  }

  const toggle = (code: string) => setOptional((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));
  return (
    <main class="screen step choose" aria-labelledby="bundle-title" key={chosen.code}>
      <div class="step-body">
        <ScreenTitle id="bundle-title">{ui.text(chosen.name)}</ScreenTitle>
        {chosen.description && <p class="lead">{ui.text(chosen.description)}</p>}
        <BundleItems ui={ui} bundle={chosen} optional={optional} onToggle={toggle} />
      </div>
      <ActionBar>
        <button type="button" class="button" onClick={() => setChosen(null)}>
          {t('choose.back')}
        </button>
        <button
          type="button"
          class="button primary"
          onClick={() => run(() => ui.send({ type: 'user.chooseBundle', code: chosen.code, optionalItems: [...optional] }))}
        >
          {t('choose.start')}
        </button>
      </ActionBar>
    </main>
  );
}
