import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/tokens.css';
import './styles/app.css';
import './styles/session.css';
import './styles/steps.css';
import './styles/form.css';
import './styles/capture.css';
import './styles/keyboard.css';
import { render } from 'preact';
import { connectToCore } from './bridge/connect.ts';
import { App } from './components/App.tsx';
import { installKeypadNavigation } from './keypad.ts';
import { installWedgeFallback } from './keyboard-wedge.ts';
import { KioskModel } from './models/KioskModel.ts';
import { installVoice } from './voice/install-voice.ts';

const model = new KioskModel(connectToCore(), (rejection) => console.warn('rpc rejected', rejection));
installKeypadNavigation(document);
installWedgeFallback(document, (text) => void model.wedgeScan(text).catch((error: unknown) => console.warn('wedge scan not delivered', error)));
// A kiosk has no use for the browser's context menu, text selection drag or pinch zoom.
document.addEventListener('contextmenu', (event) => event.preventDefault());
const voice = installVoice(document, model);
render(<App model={model} voice={voice} />, document.getElementById('app')!);
