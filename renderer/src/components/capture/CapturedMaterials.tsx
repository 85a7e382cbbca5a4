import type { MaterialView } from '../../../../core/contract/transaction-view.ts';
import type { Ui } from '../session/ui.ts';
import { CaptureThumbnails } from './CaptureThumbnails.tsx';

/** On the review: each material photographed here, with its pages, so the citizen sees what is sent. */
export function CapturedMaterials({ ui, materials }: { readonly ui: Ui; readonly materials: readonly MaterialView[] }) {
  const captured = materials.filter((m) => (m.capture?.taken.length ?? 0) > 0 && !m.capture?.atWindow);
  if (captured.length === 0) return null;
  return (
    <div class="captured-materials">
      <h3 class="label">{ui.t('review.photos')}</h3>
      {captured.map((m) => (
        <div key={m.key} class="captured-material">
          <p>{ui.text(m.name)}</p>
          <CaptureThumbnails ui={ui} taken={m.capture!.taken} />
        </div>
      ))}
    </div>
  );
}
