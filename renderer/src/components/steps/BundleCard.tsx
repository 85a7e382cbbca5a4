import type { BundleView } from '../../../../core/contract/transaction-view.ts';
import { departmentsOf } from '../../transaction/display.ts';
import type { Ui } from '../session/ui.ts';

export interface BundleCardProps {
  readonly ui: Ui;
  readonly bundle: BundleView;
  readonly onChoose: () => void;
}

/** One 一件事 as a large button: what life event it serves, who leads it, how much it covers. */
export function BundleCard({ ui: { t, text }, bundle, onChoose }: BundleCardProps) {
  const required = bundle.items.filter((i) => i.required).length;
  // Named by all it shows (WCAG 2.5.3, label in name): a voice or screen reader user hears what is seen.
  return (
    <button type="button" class="bundle-card" onClick={onChoose}>
      <span class="chip">{text(bundle.lifeEvent)}</span>
      <span class="bundle-name">{text(bundle.name)}</span>
      <span class="bundle-facts">
        <span>{t('choose.items', { required, optional: bundle.items.length - required })}</span>
        <span>{t('choose.departments', { count: departmentsOf(bundle.items).length })}</span>
        <span>{t('choose.lead', { name: text(bundle.leadDepartment) })}</span>
      </span>
    </button>
  );
}
