/**
 * Browser host: the same core composition as the Electron shell, in a plain Node process, with the UI in
 * Chromium. Used for development, for every automated UI test, and where Electron is unavailable.
 *
 *   npm run start:browser [-- --no-open] [--config DIR] [--port N] [--windowed]
 *
 * It prints `KIOSK_URL=<url>` on stdout as soon as the page is served (the file: URL of the launch page,
 * launch-page.ts, readable by the kiosk user alone), then `KIOSK_READY` once core is up; with --no-open
 * these are its only two lines. A page opened in between loads, then connects when core is up.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { KioskCore } from '../core/kiosk-core.ts';
import { resolveLocations } from '../core/paths.ts';
import { formatProblem } from '../core/config/load-config.ts';
import { webSocketPort } from './ws-port.ts';
import { startHostServer, type HostServer } from './http-server.ts';
import { findChromium, openKioskBrowser } from './open-browser.ts';
import { loadRendererCredential } from './renderer-credential.ts';
import { writeLaunchPage } from './launch-page.ts';
import { browserStillOpen, procCmdline, readHostState, writeHostState } from './host-state.ts';
import { chromiumSandbox, procSysctl } from './sandbox.ts';

const USAGE = `Usage: npm run start:browser -- [--no-open] [--config DIR] [--port N] [--windowed]
  --no-open     do not open a browser; print KIOSK_URL=<url> when served, KIOSK_READY when ready
  --config DIR  configuration directory (default: $KIOSK_CONFIG_DIR or kiosk-config/default)
  --port N      listen on this port (default: $KIOSK_PORT or a free port)
  --windowed    open Chromium as an app window instead of full-screen kiosk mode`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    const { values } = parseArgs({
      options: {
        'no-open': { type: 'boolean', default: false },
        config: { type: 'string' },
        port: { type: 'string' },
        windowed: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const portText = values.port ?? process.env.KIOSK_PORT ?? '0';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`Invalid port ${JSON.stringify(portText)}: expected 0-65535.\n${USAGE}`);
    return { open: !values['no-open'], configArg: values.config, port, kiosk: !values.windowed };
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
}

function closeBrowser(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already closed by the user or the window manager.
  }
}

async function main(): Promise<void> {
  const args = parseCommandLine();
  const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  // The renderer of the same build, beside out/main/ (or the KIOSK_OUT_DIR a parallel build went to).
  const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) fail(`The renderer is not built (${rendererDir}). Run: npm run build`);

  const locations = resolveLocations({ configArg: args.configArg, env: process.env, appRoot });
  let credential: string;
  try {
    credential = await loadRendererCredential(locations.dataDir);
  } catch (error) {
    fail(`Cannot read the browser host's key: ${(error as Error).message}`);
  }
  // Core (its modules, store, devices) starts while the page, its script and its fonts are served and the
  // browser starts: the renderer's connection waits for core instead of the whole page waiting for it.
  // Built beside this file (out/main/): the embedded back office and the pinyin dictionary run on threads of their own.
  const built = dirname(fileURLToPath(import.meta.url));
  const embeddedBackOfficeWorker = join(built, 'embedded-backoffice.js');
  const pinyinWorker = join(built, 'pinyin-worker.js');
  const starting: Promise<KioskCore> = import('../core/kiosk-core.ts').then(({ startKioskCore }) =>
    startKioskCore({ locations, logToStderr: true, embeddedBackOfficeWorker, pinyinWorker }),
  );
  // Set once core is up: connections (held until then by the server) and late errors use it directly.
  let core: KioskCore | undefined;
  void starting.then((started) => (core = started));
  const log = (write: (core: KioskCore) => void) => void starting.then(write);

  const remembered = readHostState(locations.dataDir);
  const listen = (port: number) =>
    startHostServer({
      rendererDir,
      credential,
      port,
      accepting: starting.then(() => undefined),
      onConnection: (socket, peer) => {
        const connection = core!.runtime.connect(
          webSocketPort(socket, {
            onStalled: (unsent) => core!.log.warn({ peer, unsent }, 'renderer stopped reading; connection cut'),
            onFlood: (dropped) => core!.log.warn({ peer, dropped }, 'renderer flooding; messages dropped'),
          }),
          peer,
        );
        socket.on('close', () => connection.close());
        socket.on('error', (error) => core!.log.warn({ peer, err: error }, 'renderer socket error'));
      },
      onRefused: (reason) => log((c) => c.log.warn({ reason }, 'websocket connection refused')),
      onServeError: (path, error) => log((c) => c.log.error({ path, err: error }, 'cannot read a renderer file')),
    });
  let server: HostServer;
  try {
    // Without an explicit port, the one from before a restart: a page still open there reconnects by itself.
    server = await listen(args.port || remembered.port || 0).catch((error: NodeJS.ErrnoException) => {
      if (args.port || !remembered.port || error.code !== 'EADDRINUSE') throw error;
      return listen(0);
    });
  } catch (error) {
    fail(`Cannot listen on 127.0.0.1:${args.port}: ${(error as Error).message}`);
  }
  const launchUrl = await writeLaunchPage(locations.dataDir, server.origin, credential);

  const profileDir = join(locations.dataDir, 'browser-profile');
  let browserPid =
    server.port === remembered.port && browserStillOpen(remembered.browserPid, profileDir, procCmdline) ? remembered.browserPid : undefined;
  const remember = () => writeHostState(locations.dataDir, { port: server.port, browserPid });
  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    const stopped = await starting;
    stopped.log.info({ signal }, 'browser host stopping');
    if (browserPid !== undefined) closeBrowser(browserPid);
    browserPid = undefined;
    await remember();
    await server.close();
    await stopped.close();
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('uncaughtException', (error) => {
    if (!core) {
      process.stderr.write(`uncaught exception in browser host: ${error.stack ?? String(error)}\n`);
      process.exit(1);
    }
    core.log.fatal({ err: error }, 'uncaught exception in browser host');
    void core.close().finally(() => process.exit(1));
  });

  await remember();
  process.stdout.write(`KIOSK_URL=${launchUrl}\n`);
  if (args.open) {
    const opened = openWindow(launchUrl, profileDir, args.kiosk, browserPid, log);
    if (opened) {
      browserPid = opened.pid;
      opened.on('exit', () => {
        if (browserPid === opened.pid) browserPid = undefined;
      });
      await remember();
    }
  }

  const ready = await starting;
  if (!ready.config.ok) {
    process.stderr.write(`Invalid configuration in ${ready.config.dir}; the kiosk shows its out-of-service screen:\n`);
    for (const problem of ready.config.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
  }
  ready.log.info({ port: server.port }, 'browser host ready');
  process.stdout.write('KIOSK_READY\n');
}

/** Chromium on the launch page, unless the window from before a restart is still open (it reconnects). */
function openWindow(launchUrl: string, profileDir: string, kiosk: boolean, stillOpen: number | undefined, log: (write: (core: KioskCore) => void) => void) {
  if (stillOpen !== undefined) {
    log((c) => c.log.info({ browserPid: stillOpen }, 'the kiosk window from before the restart is still open; it reconnects by itself'));
    process.stdout.write('The kiosk window is still open and reconnects; press Ctrl+C here to stop the kiosk.\n');
    return undefined;
  }
  const executable = findChromium(process.env);
  if (!executable) {
    process.stdout.write('No Chromium found (set KIOSK_BROWSER). Open the page above (KIOSK_URL) in a browser.\n');
    return undefined;
  }
  const sandbox = chromiumSandbox({ platform: process.platform, uid: process.getuid?.(), env: process.env, sysctl: procSysctl });
  if (!sandbox.sandbox) {
    log((c) => c.log.warn({ reason: sandbox.reason }, 'Chromium runs without its sandbox'));
    process.stderr.write(`Warning: Chromium runs without its sandbox: ${sandbox.reason}.\n`);
  }
  process.stdout.write(`Opening ${executable}; press Ctrl+C here to stop the kiosk.\n`);
  const browser = openKioskBrowser({ executable, url: launchUrl, profileDir, kiosk, sandbox: sandbox.sandbox });
  browser.on('error', (error) => log((c) => c.log.error({ err: error }, 'cannot start the browser')));
  return browser;
}

void main();
