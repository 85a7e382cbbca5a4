/**
 * Electron shell: composes core with a locked-down kiosk window and carries RPC over one IPC channel.
 * Everything that can be decided without Electron lives in policy.ts and renderer-protocol.ts (unit-tested).
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  type IpcMainEvent,
  type WebContents,
} from 'electron';
import { KIOSK_RPC_CHANNEL } from '../../core/contract/bridge.ts';
import type { MessagePort } from '../../core/contract/rpc-endpoint.ts';
import { STORE_KEY_FILE, startKioskCore, type KioskCore } from '../../core/kiosk-core.ts';
import { safeStorageKeyProvider } from './safe-storage-key.ts';
import { resolveLocations } from '../../core/paths.ts';
import { isBlockedShortcut, isTrustedSender, kioskWindowOptions, mayCloseWindow, parseRelaunchHistory, shouldRelaunch } from './policy.ts';
import { mayCheckPermission, mayRequestPermission } from './media-permission.ts';
import { RENDERER_ENTRY_URL, RENDERER_SCHEME, RENDERER_SCHEME_PRIVILEGES, serveRendererRequest } from './renderer-protocol.ts';

const isProduction = app.isPackaged || process.env.KIOSK_DEV !== '1';
const rendererDir = join(app.getAppPath(), 'out', 'renderer');
let core: KioskCore | undefined;
/** Set once the app has begun to quit (before-quit): only then may the kiosk window close. */
let appQuitting = false;

function configArg(): string | undefined {
  const index = process.argv.indexOf('--config');
  return index > 0 ? process.argv[index + 1] : undefined;
}

/** Applied to every web contents, including any a bug or an exploit might create. */
function harden(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('context-menu', (event) => event.preventDefault());
  if (isProduction) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault();
    });
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

function ipcPort(window: BrowserWindow): MessagePort {
  return {
    post(data) {
      if (!window.isDestroyed() && !window.webContents.isDestroyed()) window.webContents.send(KIOSK_RPC_CHANNEL, data);
    },
    subscribe(listener) {
      const onMessage = (event: IpcMainEvent, data: unknown) => {
        const frame = event.senderFrame;
        const trusted = event.sender === window.webContents && isTrustedSender(frame?.url, frame === window.webContents.mainFrame);
        if (!trusted) {
          core?.log.warn({ url: frame?.url }, 'ipc message from an untrusted sender dropped');
          return;
        }
        listener(data);
      };
      ipcMain.on(KIOSK_RPC_CHANNEL, onMessage);
      return () => ipcMain.removeListener(KIOSK_RPC_CHANNEL, onMessage);
    },
  };
}

function createKioskWindow(kioskCore: KioskCore): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), isProduction));
  const connection = kioskCore.runtime.connect(ipcPort(window), 'electron-window');
  window.once('ready-to-show', () => window.show());
  // Alt+F4, the title bar's button or a window manager's close: the kiosk stays until the app quits.
  window.on('close', (event) => {
    if (mayCloseWindow(isProduction, appQuitting)) return;
    event.preventDefault();
    kioskCore.log.info('window close refused: the kiosk closes only when the app quits');
  });
  // Windows is logging off or shutting down: quit properly while there is time.
  window.on('session-end', () => app.quit());
  window.on('closed', () => connection.close());

  window.webContents.on('render-process-gone', (_event, details) => {
    kioskCore.log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone; reloading the attract screen');
    // Core keeps the session; the reloaded renderer asks for the snapshot and carries on.
    if (details.reason !== 'clean-exit') setTimeout(() => void window.loadURL(RENDERER_ENTRY_URL), 1000);
  });
  let unresponsiveTimer: NodeJS.Timeout | undefined;
  window.on('unresponsive', () => {
    kioskCore.log.warn('renderer unresponsive');
    unresponsiveTimer = setTimeout(() => window.webContents.forcefullyCrashRenderer(), 10_000);
  });
  window.on('responsive', () => clearTimeout(unresponsiveTimer));

  void window.loadURL(RENDERER_ENTRY_URL);
  return window;
}

function relaunchAfterFatal(error: unknown): void {
  core?.log.fatal({ err: error }, 'fatal error in the main process');
  const history = parseRelaunchHistory(process.env.KIOSK_RELAUNCHES);
  const now = Date.now();
  if (shouldRelaunch(history, now)) {
    process.env.KIOSK_RELAUNCHES = [...history, now].join(',');
    app.relaunch();
  } else {
    core?.log.fatal('too many relaunches; staying down for a technician');
  }
  void (core?.close() ?? Promise.resolve()).finally(() => app.exit(1));
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  protocol.handle(RENDERER_SCHEME, (request) => serveRendererRequest(request, rendererDir));
  // The document camera for the kiosk page, video only; every other permission is refused (media-permission.ts).
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(mayRequestPermission(permission, details.requestingUrl, 'mediaTypes' in details ? details.mediaTypes : undefined)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => mayCheckPermission(permission, requestingOrigin, details.mediaType));
  session.defaultSession.setDevicePermissionHandler(() => false);

  const locations = resolveLocations({
    configArg: configArg(),
    env: process.env,
    // Packaged, the default config is an extra resource beside app.asar (see electron-builder.yml).
    appRoot: app.isPackaged ? process.resourcesPath : app.getAppPath(),
    defaultDataDir: app.getPath('userData'),
  });
  let fallbackReason: string | undefined;
  // The key is never switched (safe-storage-key.ts): a keystore gone since the key was encrypted leaves the
  // kiosk out of service with the reason (startKioskCore logs it) instead of starting with another key.
  const keyProvider = safeStorageKeyProvider({
    safeStorage,
    encryptedPath: join(locations.dataDir, `${STORE_KEY_FILE}.enc`),
    fallbackPath: join(locations.dataDir, STORE_KEY_FILE),
    onFallback: (reason) => (fallbackReason = reason),
  });
  core = await startKioskCore({
    locations,
    keyProvider,
    logToStderr: !app.isPackaged,
    // Built beside this file (out/main/): the embedded back office runs on a thread of its own.
    embeddedBackOfficeWorker: join(import.meta.dirname, 'embedded-backoffice.js'),
    pinyinWorker: join(import.meta.dirname, 'pinyin-worker.js'),
  });
  if (fallbackReason) core.log.warn({ reason: fallbackReason }, 'store key kept in a 0600 file, not in the OS keystore');
  const kioskCore = core;
  powerSaveBlocker.start('prevent-display-sleep');
  app.on('child-process-gone', (_event, details) => kioskCore.log.warn({ type: details.type, reason: details.reason }, 'child process gone'));
  createKioskWindow(kioskCore);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  process.on('uncaughtException', relaunchAfterFatal);
  process.on('unhandledRejection', relaunchAfterFatal);
  // Before the app is ready, as Electron requires: the renderer's origin is kiosk://app (renderer-protocol.ts).
  protocol.registerSchemesAsPrivileged([RENDERER_SCHEME_PRIVILEGES]);
  // Every deliberate quit passes here: app.quit() from this file, or Electron's own on SIGTERM/SIGINT. (app.exit()
  // and a killed process close no window, so they need no flag.)
  app.on('before-quit', () => (appQuitting = true));
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    const closing = core;
    core = undefined;
    void closing.close().finally(() => app.quit());
  });
  void start().catch(relaunchAfterFatal);
}
