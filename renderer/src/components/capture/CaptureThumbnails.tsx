import type { MaterialView } from '../../../../core/contract/transaction-view.ts';
import type { Ui } from '../session/ui.ts';

/** The pages taken of a material, small: the citizen sees what was captured (materials and review screens). */
export function CaptureThumbnails({ ui: { t }, taken }: { readonly ui: Ui; readonly taken: NonNullable<MaterialView['capture']>['taken'] }) {
  return (
    <ul class="capture-thumbs">
      {taken.map((p) => (
        <li key={p.page}>
          {p.thumbnail ? (
            <img src={p.thumbnail} alt={t('materials.capture.page', { page: p.page + 1 })} />
          ) : (
            <span class="capture-thumb-label">{t('materials.capture.page', { page: p.page + 1 })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
