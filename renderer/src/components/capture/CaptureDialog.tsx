import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { MaterialView } from '../../../../core/contract/transaction-view.ts';
import { CameraError, closeCamera, openCamera, type CameraProblem } from '../../capture/camera.ts';
import { sampleFrame, takePage, type PageImage } from '../../capture/page-image.ts';
import { StillDetector, type StillState } from '../../capture/still-detector.ts';
import { activityReporter } from '../../transaction/activity.ts';
import { Dialog } from '../session/Dialog.tsx';
import type { Ui } from '../session/ui.ts';

/** How often the frame is sampled for stillness: six still samples make about a second. */
const SAMPLE_MS = 160;

type Phase =
  | { readonly kind: 'opening' }
  | { readonly kind: 'live'; readonly still: StillState }
  | { readonly kind: 'preview'; readonly shot: PageImage; readonly sending: boolean; readonly notSaved: boolean }
  | { readonly kind: 'failed'; readonly problem: CameraProblem };

export interface CaptureDialogProps {
  readonly ui: Ui;
  readonly material: MaterialView & { readonly capture: NonNullable<MaterialView['capture']> };
  readonly onClose: () => void;
}

/**
 * Takes a material's pages with the document camera, one after the other: the live picture with a framing
 * guide, the page taken by itself once it is still (or at once by the button), a preview to use or take
 * again, and each page sent to core before the next. A camera that is absent, not allowed or failing says
 * so and offers "请带到窗口", which core records for the material.
 */
export function CaptureDialog({ ui, material, onClose }: CaptureDialogProps) {
  const { t, text } = ui;
  const { pages, subject } = material.capture;
  const [page, setPage] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'opening' });
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const detector = useMemo(() => new StillDetector(), []);
  // A retake may be of the page still lying there; a new page must first be put down.
  const retaking = useRef(false);
  // Holding a page still is activity the idle clock must not miss.
  const send = useRef(ui.send);
  send.current = ui.send;
  const reportActivity = useMemo(() => activityReporter(() => void send.current({ type: 'user.active' })), []);

  useEffect(() => {
    let cancelled = false;
    openCamera(video.current!).then(
      (opened) => {
        if (cancelled) return closeCamera(opened);
        stream.current = opened;
        for (const track of opened.getVideoTracks()) track.addEventListener('ended', () => setPhase({ kind: 'failed', problem: 'failed' }));
        setPhase({ kind: 'live', still: 'moving' });
      },
      (error: unknown) => !cancelled && setPhase({ kind: 'failed', problem: error instanceof CameraError ? error.problem : 'failed' }),
    );
    return () => {
      cancelled = true;
      closeCamera(stream.current);
    };
  }, []);

  const live = phase.kind === 'live';
  const take = () => {
    const el = video.current;
    if (!el || el.videoWidth === 0) return;
    setPhase({ kind: 'preview', shot: takePage(el), sending: false, notSaved: false });
  };

  useEffect(() => {
    if (!live) return undefined;
    detector.reset(page > 0 && !retaking.current);
    retaking.current = false;
    const canvas = document.createElement('canvas');
    const timer = setInterval(() => {
      const el = video.current;
      if (!el || el.videoWidth === 0) return;
      const still = detector.push(sampleFrame(el, canvas));
      if (still !== 'empty') reportActivity();
      if (still === 'still') take();
      else setPhase((p) => (p.kind === 'live' && p.still !== still ? { kind: 'live', still } : p));
    }, SAMPLE_MS);
    return () => clearInterval(timer);
  }, [live, page]);

  // Each phase puts focus on its first action, so the keypad never loses its place.
  useEffect(() => {
    body.current?.querySelector<HTMLElement>('.dialog-actions button:not([disabled])')?.focus();
  }, [phase.kind, page]);

  const use = async (shot: PageImage) => {
    setPhase({ kind: 'preview', shot, sending: true, notSaved: false });
    const accepted = await ui.capture({ key: material.key, page, image: shot.image, thumbnail: shot.thumbnail });
    if (!accepted) return setPhase({ kind: 'preview', shot, sending: false, notSaved: true });
    if (page + 1 >= pages) return onClose();
    setPage(page + 1);
    setPhase({ kind: 'live', still: 'moving' });
  };
  const atWindow = async () => {
    await ui.send({ type: 'user.decideMaterial', key: material.key, decision: 'at-window' });
    onClose();
  };

  const title = subject === 'portrait' ? t('capture.title.portrait') : t('capture.title.document', { name: text(material.name) });
  const status =
    phase.kind === 'opening'
      ? t('capture.opening')
      : phase.kind === 'live'
        ? phase.still === 'settling' || phase.still === 'still'
          ? t('capture.hold')
          : phase.still === 'empty'
            ? t('capture.empty')
            : t(`capture.guide.${subject}`)
        : phase.kind === 'preview'
          ? phase.sending
            ? t('capture.sending')
            : phase.notSaved
              ? t('capture.notSaved')
              : t('capture.preview')
          : `${t(`capture.problem.${phase.problem}`)}${t('capture.problemHint')}`;
  return (
    <Dialog role="dialog" titleId="capture-title" descriptionId="capture-status" onDismiss={onClose}>
      <div ref={body} class={`capture capture-${subject}`} data-phase={phase.kind}>
        <h2 id="capture-title" class="dialog-title">
          {title}
        </h2>
        {pages > 1 && <p class="capture-page">{t('capture.pageOf', { page: page + 1, pages })}</p>}
        <div class="capture-stage" hidden={phase.kind === 'failed'}>
          <video ref={video} class="capture-video" playsInline muted aria-hidden="true" hidden={phase.kind === 'preview'} />
          {live && <div class={`capture-guide ${phase.still}`} aria-hidden="true" />}
          {phase.kind === 'preview' && <img class="capture-preview" src={phase.shot.preview} alt={t('materials.capture.page', { page: page + 1 })} />}
        </div>
        <p id="capture-status" class={`capture-status ${phase.kind === 'failed' || (phase.kind === 'preview' && phase.notSaved) ? 'problem' : ''}`} role="status">
          {status}
        </p>
        <div class="dialog-actions">
          {phase.kind === 'failed' ? (
            <>
              <button type="button" class="button primary" onClick={() => void atWindow()}>
                {t('capture.bringToWindow')}
              </button>
              <button type="button" class="button" onClick={onClose}>
                {t('capture.close')}
              </button>
            </>
          ) : phase.kind === 'preview' ? (
            <>
              <button type="button" class="button primary" disabled={phase.sending} onClick={() => void use(phase.shot)}>
                {t('capture.use')}
              </button>
              <button type="button" class="button" disabled={phase.sending} onClick={() => {
                  retaking.current = true;
                  setPhase({ kind: 'live', still: 'moving' });
                }}
              >
                {t('capture.retake')}
              </button>
            </>
          ) : (
            <>
              <button type="button" class="button primary" disabled={!live} onClick={take}>
                {t('capture.takeNow')}
              </button>
              <button type="button" class="button" onClick={onClose}>
                {t('capture.close')}
              </button>
            </>
          )}
        </div>
      </div>
    </Dialog>
  );
}
