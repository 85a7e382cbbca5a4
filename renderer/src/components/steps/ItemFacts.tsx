import type { TransactionView } from '../../../../core/contract/transaction-view.ts';
import { promisedTime } from '../../transaction/display.ts';
import type { Ui } from '../session/ui.ts';

export type ItemView = NonNullable<TransactionView['bundle']>['items'][number];

export interface ItemFactsProps {
  readonly ui: Ui;
  readonly item: ItemView;
}

/** An item's department and promised time (承诺时限), the two facts citizens ask about. */
export function ItemFacts({ ui, item }: ItemFactsProps) {
  return (
    <span class="item-facts">
      <span>{ui.text(item.department)}</span>
      <span class={item.handlingType === 'immediate' ? 'chip ok' : 'chip'}>{promisedTime(item, ui.t)}</span>
    </span>
  );
}
