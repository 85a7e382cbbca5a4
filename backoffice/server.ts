/**
 * The reference back office (docs/backoffice-api.md): the API v1 over HTTP or HTTPS on one database.
 * Embedded in the kiosk process (PGlite in the kiosk's data directory, the kiosk registering its own
 * credentials each start) or standalone through the CLI (main.ts), one or several instances on PostgreSQL.
 * It keeps no state outside its database, so any instance can answer any request.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Credentials } from './api/signing.ts';
import { openDatabase, type Database, type DatabaseConfig } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { hostChecker } from './http/host-check.ts';
import { requestHandler } from './http/handle-request.ts';
import { stderrLogger, type BackOfficeLogger } from './log.ts';
import { hasCatalog, publishCatalog } from './model/catalogs.ts';
import { registerKiosk } from './model/kiosks.ts';
import { ROUTES } from './routes/index.ts';
import { readCatalogDir } from './seed/catalog-dir.ts';
import { seedExchange } from './seed/exchange-seed.ts';
import { recordingSmsGateway } from './sms/recording-gateway.ts';
import type { SmsGateway } from './sms/sms-gateway.ts';
import { ensureFirstAdmin, FIRST_ADMIN_ID } from './staff/auth/first-admin.ts';
import { staffPageHandler } from './staff/http/staff-page.ts';

export interface BackOfficeOptions {
  /** A database to open (and close with the server), or an open one the caller keeps. PGlite in memory by default. */
  readonly database?: DatabaseConfig | Database;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Serve HTTPS with this certificate and key (PEM). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Host names clients use besides the bound address (behind a reverse proxy): `name` or `name:port`. */
  readonly publicHosts?: readonly string[];
  /** On a database that never had a catalog, publish this catalog directory (the shipped one, `<config>/catalog`). */
  readonly catalogDir?: string;
  /** Load the exchange's fake people and QR e-ID codes (fixtures/exchange.json): demos, training, tests, never production. */
  readonly seedExchange?: boolean;
  /**
   * On a database without any staff, create the staff page's first member `admin` with a random password
   * written to this new file (0600); the log names the file, never the password (the CLI's `serve` on PGlite).
   */
  readonly firstAdminFile?: string;
  /** The clock, epoch ms. Default Date.now. */
  readonly now?: () => number;
  /** Default: warnings and errors as JSON lines on stderr. */
  readonly log?: BackOfficeLogger;
  /** Where receipt numbers are texted. Default: the recording gateway (development: recorded in the database, never sent). */
  readonly sms?: SmsGateway;
}

export interface BackOfficeServer {
  /** Base URL, e.g. http://127.0.0.1:43123 (the API is under /api/v1). */
  readonly url: string;
  /** Creates the kiosk or gives it a new secret (and makes it active again). */
  registerKiosk(credentials: Credentials): Promise<void>;
  /** Stops accepting, lets requests in flight finish (a few seconds at most), ends connections, closes the database it opened. */
  close(): Promise<void>;
}

/** How long close() lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 5_000;

function isDatabase(value: DatabaseConfig | Database): value is Database {
  return typeof (value as Database).transaction === 'function';
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

async function seed(db: Database, options: BackOfficeOptions, now: number, log: BackOfficeLogger): Promise<void> {
  if (options.catalogDir !== undefined && !(await hasCatalog(db))) await publishCatalog(db, await readCatalogDir(options.catalogDir), now);
  if (options.seedExchange) await seedExchange(db);
  const adminFile = options.firstAdminFile && (await ensureFirstAdmin(db, options.firstAdminFile, now));
  if (adminFile) log.warn({ file: adminFile }, `staff page: first staff member "${FIRST_ADMIN_ID}" created; the password is in the file`);
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startBackOffice(options: BackOfficeOptions = {}): Promise<BackOfficeServer> {
  const given = options.database ?? { memory: true };
  const owned = !isDatabase(given);
  const db = isDatabase(given) ? given : await openDatabase(given);
  const now = options.now ?? Date.now;
  const log = options.log ?? stderrLogger;
  const host = options.host ?? '127.0.0.1';
  try {
    await migrate(db);
    await seed(db, options, now(), log);
    let allowHost: (host: string | undefined) => boolean = () => false;
    const staffPage = staffPageHandler({ db, now, secure: options.tls !== undefined, log });
    const sms = options.sms ?? recordingSmsGateway(db, now, log);
    const handle = requestHandler({ db, now, routes: ROUTES, allowHost: (h) => allowHost(h), log, sms, staffPage });
    const inFlight = new Set<Promise<void>>();
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const done = handle(req, res).finally(() => inFlight.delete(done));
      inFlight.add(done);
    };
    const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createHttpServer(onRequest);
    server.keepAliveTimeout = 5_000;
    server.requestTimeout = 60_000;
    const address = await listen(server, options.port ?? 0, host);
    allowHost = hostChecker({ boundHost: host, port: address.port, defaultPort: options.tls ? 443 : 80, publicHosts: options.publicHosts });
    const scheme = options.tls ? 'https' : 'http';
    log.info({ url: `${scheme}://${urlHost(host)}:${address.port}`, database: db.kind }, 'back office listening');

    let closing: Promise<void> | undefined;
    return {
      url: `${scheme}://${urlHost(host)}:${address.port}`,
      registerKiosk: (credentials) => registerKiosk(db, credentials, now()),
      close() {
        closing ??= (async () => {
          const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          let grace: NodeJS.Timeout | undefined;
          await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (grace = setTimeout(resolve, CLOSE_GRACE_MS)))]);
          clearTimeout(grace);
          server.closeAllConnections();
          await stopped;
          if (owned) await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    if (owned) await db.close();
    throw error;
  }
}
