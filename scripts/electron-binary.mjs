// Finds the Electron binary without triggering its download (requiring the `electron` package would
// start one, and its host is unreachable on some machines). Shared by `npm start` and the Electron e2e.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const electronDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'electron');

/** @returns {string | undefined} the executable path, or undefined when it is not installed */
export function findElectronBinary(env = process.env) {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
    : relative && join(electronDir, 'dist', relative);
  return candidate && existsSync(candidate) ? candidate : undefined;
}

export const ELECTRON_MISSING_MESSAGE = `The Electron binary is not installed, so the kiosk shell cannot start here.
Electron downloads its binary on first use; where its download host is unreachable, run the same kiosk
in Chromium instead:

    npm run start:browser

(To install Electron where the network allows it: npx install-electron, or set ELECTRON_OVERRIDE_DIST_PATH
to a directory holding an unpacked Electron release.)`;
