/**
 * Browser host: the same core composition as the Electron shell, in a plain Node process, with the UI in
 * Chromium. Used for development, for every automated UI test, and where Electron is unavailable.
 *
 *   npm run start:browser [-- --no-open] [--config DIR] [--port N] [--windowed]
 *
 * With --no-open it prints exactly one line `KIOSK_URL=<url>` on stdout once the kiosk is ready.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startKioskCore, type KioskCore } from '../core/kiosk-core.ts';
import { resolveLocations } from '../core/paths.ts';
import { formatProblem } from '../core/config/load-config.ts';
import { webSocketPort } from './ws-port.ts';
import { startHostServer, type HostServer } from './http-server.ts';
import { findChromium, openKioskBrowser } from './open-browser.ts';

const USAGE = `Usage: npm run start:browser -- [--no-open] [--config DIR] [--port N] [--windowed]
  --no-open     do not open a browser; print KIOSK_URL=<url> when ready
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

async function main(): Promise<void> {
  const args = parseCommandLine();
  const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const rendererDir = join(appRoot, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) fail(`The renderer is not built (${rendererDir}). Run: npm run build`);

  const locations = resolveLocations({ configArg: args.configArg, env: process.env, appRoot });
  // Built beside this file (out/main/): the embedded back office runs on a thread of its own.
  const embeddedBackOfficeWorker = join(dirname(fileURLToPath(import.meta.url)), 'embedded-backoffice.js');
  const core: KioskCore = await startKioskCore({ locations, logToStderr: true, embeddedBackOfficeWorker });
  if (!core.config.ok) {
    process.stderr.write(`Invalid configuration in ${core.config.dir}; the kiosk shows its out-of-service screen:\n`);
    for (const problem of core.config.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
  }

  const token = randomBytes(24).toString('base64url');
  let server: HostServer;
  try {
    server = await startHostServer({
      rendererDir,
      token,
      port: args.port,
      onConnection: (socket, peer) => {
        const connection = core.runtime.connect(webSocketPort(socket), peer);
        socket.on('close', () => connection.close());
        socket.on('error', (error) => core.log.warn({ peer, err: error }, 'renderer socket error'));
      },
      onRefused: (reason) => core.log.warn({ reason }, 'websocket connection refused'),
    });
  } catch (error) {
    await core.close();
    fail(`Cannot listen on 127.0.0.1:${args.port}: ${(error as Error).message}`);
  }

  const browsers: ChildProcess[] = [];
  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    core.log.info({ signal }, 'browser host stopping');
    for (const browser of browsers) browser.kill('SIGTERM');
    await server.close();
    await core.close();
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('uncaughtException', (error) => {
    core.log.fatal({ err: error }, 'uncaught exception in browser host');
    void core.close().finally(() => process.exit(1));
  });

  core.log.info({ port: server.port }, 'browser host ready');
  if (!args.open) {
    process.stdout.write(`KIOSK_URL=${server.url}\n`);
    return;
  }
  const executable = findChromium(process.env);
  if (!executable) {
    process.stdout.write(`No Chromium found (set KIOSK_BROWSER). Open this URL in a browser:\nKIOSK_URL=${server.url}\n`);
    return;
  }
  process.stdout.write(`KIOSK_URL=${server.url}\nOpening ${executable}; press Ctrl+C here to stop the kiosk.\n`);
  const browser = openKioskBrowser(executable, server.url, join(locations.dataDir, 'browser-profile'), args.kiosk);
  browser.on('error', (error) => core.log.error({ err: error }, 'cannot start the browser'));
  browsers.push(browser);
}

void main();
