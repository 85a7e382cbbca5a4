import { useEffect, useState } from 'preact/hooks';
import type { MaterialView } from '../../../../core/contract/transaction-view.ts';
import { hasCamera } from '../../capture/camera.ts';
import type { Ui } from '../session/ui.ts';
import { CaptureDialog } from './CaptureDialog.tsx';
import { CaptureThumbnails } from './CaptureThumbnails.tsx';

export interface MaterialCaptureProps {
  readonly ui: Ui;
  readonly material: MaterialView & { readonly capture: NonNullable<MaterialView['capture']> };
}

/**
 * The capture part of a material's card: how to lay it down (or face the camera), the pages taken, and the
 * way to take them. A kiosk with no camera at all says so at once and offers "请带到窗口" instead.
 */
export function MaterialCapture({ ui, material: m }: MaterialCaptureProps) {
  const { t } = ui;
  const [open, setOpen] = useState(false);
  const [camera, setCamera] = useState<boolean | null>(null);
  useEffect(() => {
    void hasCamera().then(setCamera);
  }, []);
  const { pages, subject, taken, atWindow } = m.capture;
  const atWindowNow = () => void ui.send({ type: 'user.decideMaterial', key: m.key, decision: 'at-window' });
  return (
    <div class="material-capture">
      {atWindow ? <p>{t('materials.atWindowNote')}</p> : camera === false ? <p>{t('materials.noCamera')}</p> : <p>{t(`materials.captureHint.${subject}`)}</p>}
      {taken.length > 0 && (
        <>
          <p class="muted">{t('materials.capture.taken', { taken: taken.length, pages })}</p>
          <CaptureThumbnails ui={ui} taken={taken} />
        </>
      )}
      {camera === false && !m.done ? (
        <button type="button" class="button primary" onClick={atWindowNow}>
          {t('capture.bringToWindow')}
        </button>
      ) : (
        camera !== false && (
          <button type="button" class={`button ${m.done ? '' : 'primary'}`} onClick={() => setOpen(true)}>
            {t(taken.length > 0 || atWindow ? 'materials.capture.again' : 'materials.capture.start')}
          </button>
        )
      )}
      {open && <CaptureDialog ui={ui} material={m} onClose={() => setOpen(false)} />}
    </div>
  );
}
