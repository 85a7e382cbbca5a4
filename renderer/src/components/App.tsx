import { useSignalEffect } from '@preact/signals';
import type { KioskModel } from '../models/KioskModel.ts';
import { translator } from '../i18n/i18n.ts';
import { AttractScreen } from './AttractScreen.tsx';
import { ConnectingScreen } from './ConnectingScreen.tsx';
import { OutOfServiceScreen } from './OutOfServiceScreen.tsx';
import { SettingsBar } from './SettingsBar.tsx';
import { StatusLine } from './StatusLine.tsx';

export interface AppProps {
  readonly model: KioskModel;
}

/** Chooses the screen from the kiosk status; every screen shares the settings bar and status line. */
export function App({ model }: AppProps) {
  useSignalEffect(() => {
    const session = model.snapshot.value?.session;
    const root = document.documentElement;
    root.lang = session?.language ?? 'zh-CN';
    root.dataset.elder = String(session?.elderMode ?? false);
  });

  const snapshot = model.snapshot.value;
  if (!snapshot) return <ConnectingScreen t={translator('zh-CN')} />;

  const { kiosk, session, sync } = snapshot;
  const t = translator(session.language);
  const screen =
    kiosk.status.state === 'unavailable' ? (
      <OutOfServiceScreen t={t} reason={kiosk.status.reason} details={kiosk.status.details} />
    ) : kiosk.status.state === 'initializing' || !kiosk.hall ? (
      <ConnectingScreen t={t} />
    ) : (
      <AttractScreen t={t} hall={kiosk.hall} language={session.language} />
    );

  return (
    <div class="app" data-screen={kiosk.status.state === 'available' ? session.step : kiosk.status.state}>
      {screen}
      <footer class="app-footer">
        <SettingsBar
          t={t}
          languages={kiosk.hall?.languages.available ?? ['zh-CN']}
          session={session}
          onLanguage={(language) => void model.setLanguage(language)}
          onElderMode={(enabled) => void model.setElderMode(enabled)}
        />
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
