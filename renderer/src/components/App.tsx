import { useSignalEffect } from '@preact/signals';
import type { KioskModel } from '../models/KioskModel.ts';
import { localized, translator } from '../i18n/i18n.ts';
import { AttractScreen } from './AttractScreen.tsx';
import { ConnectingScreen } from './ConnectingScreen.tsx';
import { OutOfServiceScreen } from './OutOfServiceScreen.tsx';
import { QueryScreen } from './query/QueryScreen.tsx';
import { SessionFrame } from './session/SessionFrame.tsx';
import type { Ui } from './session/ui.ts';
import { SettingsBar } from './SettingsBar.tsx';
import { StatusLine } from './StatusLine.tsx';
import { StepScreen } from './steps/StepScreen.tsx';
import { printerWarning } from '../transaction/printer-warning.ts';
import type { VoiceControls as Voice } from '../voice/install-voice.ts';
import { VoiceControls } from '../voice/VoiceControls.tsx';

export interface AppProps {
  readonly model: KioskModel;
  /** Voice guidance (voice/install-voice.ts); its controls join the settings when the hall has voice. */
  readonly voice?: Voice;
}

/** Chooses the screen from the kiosk status and the session's step; every screen shares the footer. */
export function App({ model, voice }: AppProps) {
  useSignalEffect(() => {
    const session = model.snapshot.value?.session;
    const root = document.documentElement;
    root.lang = session?.language ?? 'zh-CN';
    root.dataset.elder = String(session?.elderMode ?? false);
  });

  const snapshot = model.snapshot.value;
  if (!snapshot) return <ConnectingScreen t={translator('zh-CN')} />;

  const { kiosk, session, sync } = snapshot;
  const { language } = session;
  const t = translator(language);
  const transaction = session.transaction;
  const ui: Ui = {
    t,
    language,
    text: (text) => localized(text, language),
    send: (event) => model.sessionEvent(event),
    capture: (input) => model.captureMaterial(input),
    current: () => model.transaction.peek(),
    pinyin: (letters) => model.pinyinCandidates(letters),
    ownAnswer: (key) => model.ownAnswer(key),
  };
  const screen =
    kiosk.status.state === 'unavailable' ? (
      <OutOfServiceScreen t={t} reason={kiosk.status.reason} details={kiosk.status.details} />
    ) : kiosk.status.state === 'initializing' || !kiosk.hall ? (
      <ConnectingScreen t={t} />
    ) : transaction && session.step !== 'attract' ? (
      <SessionFrame ui={ui} view={transaction} viewAt={model.sessionAt.value}>
        <StepScreen ui={ui} view={transaction} />
      </SessionFrame>
    ) : session.query ? (
      <QueryScreen ui={ui} view={session.query} />
    ) : (
      <AttractScreen
        t={t}
        hall={kiosk.hall}
        language={language}
        notice={transaction?.notice ? localized(transaction.notice, language) : null}
        farewell={model.farewell.value}
        onQuery={() => void ui.send({ type: 'query.start' })}
        printerWarning={printerWarning(snapshot.devices)}
        readerDown={snapshot.devices.some((d) => d.kind === 'idCardReader' && d.status === 'UNAVAILABLE')}
      />
    );

  return (
    <div class="app" data-screen={kiosk.status.state !== 'available' ? kiosk.status.state : session.query && session.step === 'attract' ? 'query' : session.step}>
      {/* The page scrolls inside this, so the footer's settings stay on screen however long the page. */}
      <div class="app-body">{screen}</div>
      <footer class="app-footer">
        <SettingsBar
          t={t}
          languages={kiosk.hall?.languages.available ?? ['zh-CN']}
          session={session}
          onLanguage={(language) => void model.setLanguage(language)}
          onElderMode={(enabled) => void model.setElderMode(enabled)}
        >
          {voice && kiosk.hall?.voice && <VoiceControls t={t} voice={voice} />}
        </SettingsBar>
        <StatusLine
          t={t}
          kioskId={kiosk.hall?.kioskId}
          sync={sync}
          devices={snapshot.devices}
          link={model.link.value}
          showSync={kiosk.status.state === 'available'}
        />
      </footer>
    </div>
  );
}
