/**
 * The back-office CLI's command line, parsed into a command or a UsageError that says which option is
 * wrong and how. No secret is ever taken from the command line (they would show in `ps`).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export const USAGE = `usage: npm run backoffice -- <command>

  serve [--host H] [--port P] [--data DIR] [--tls-cert FILE --tls-key FILE]
        [--public-host NAME]... [--catalog DIR] [--seed-exchange]
      run the back office (default 127.0.0.1:8787); prints BACKOFFICE_URL=<url> when ready
  kiosk add <id> [--out FILE] [--url URL] [--data DIR]
      issue credentials {kioskId, secret, url?}: to FILE (created 0600), else to stdout
  kiosk revoke <id> [--data DIR]
      refuse the kiosk's requests from now on
  catalog publish <dir> [--data DIR]
      publish a catalog directory as the current catalog
  staff add <id> <name> [--data DIR]
      add a staff member for the staff page (/staff/); the password is read from stdin
  staff reset <id> [--data DIR]
      give a staff member a new password (from stdin), unlock the id, end their sessions
  staff disable <id> [--data DIR]
      stop a staff member from signing in and end their sessions

The database is PostgreSQL when DATABASE_URL is set, else PGlite in --data DIR
(default $XDG_DATA_HOME/hall-kiosk-backoffice).`;

export const DEFAULT_PORT = 8787;
/** The catalog shipped beside the back office, published into an empty database by `serve`. */
export const SHIPPED_CATALOG = fileURLToPath(new URL('../../kiosk-config/default/catalog', import.meta.url));

export type DatabaseChoice = { readonly postgres: string } | { readonly pglite: string };

export type Command =
  | { readonly name: 'help' }
  | {
      readonly name: 'serve';
      readonly database: DatabaseChoice;
      readonly host: string;
      readonly port: number;
      readonly tls?: { readonly certFile: string; readonly keyFile: string };
      readonly publicHosts: readonly string[];
      readonly catalogDir: string;
      readonly seedExchange: boolean;
    }
  | { readonly name: 'kiosk add'; readonly database: DatabaseChoice; readonly kioskId: string; readonly out?: string; readonly url?: string }
  | { readonly name: 'kiosk revoke'; readonly database: DatabaseChoice; readonly kioskId: string }
  | { readonly name: 'catalog publish'; readonly database: DatabaseChoice; readonly dir: string }
  | { readonly name: 'staff add'; readonly database: DatabaseChoice; readonly staffId: string; readonly staffName: string }
  | { readonly name: 'staff reset' | 'staff disable'; readonly database: DatabaseChoice; readonly staffId: string };

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  data: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'public-host': { type: 'string', multiple: true },
  catalog: { type: 'string' },
  'seed-exchange': { type: 'boolean' },
  out: { type: 'string' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which options each command takes. */
const ALLOWED: Record<string, readonly (keyof typeof OPTIONS)[]> = {
  serve: ['host', 'port', 'data', 'tls-cert', 'tls-key', 'public-host', 'catalog', 'seed-exchange'],
  'kiosk add': ['out', 'url', 'data'],
  'kiosk revoke': ['data'],
  'catalog publish': ['data'],
  'staff add': ['data'],
  'staff reset': ['data'],
  'staff disable': ['data'],
};

function database(dataDir: string | undefined, env: NodeJS.ProcessEnv): DatabaseChoice {
  if (env.DATABASE_URL) {
    if (dataDir !== undefined) throw new UsageError('--data and DATABASE_URL both name a database: give one of them');
    return { postgres: env.DATABASE_URL };
  }
  const xdg = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return { pglite: resolve(dataDir ?? join(xdg, 'hall-kiosk-backoffice')) };
}

function port(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const value = Number(text);
  if (!/^\d{1,5}$/.test(text) || value > 65535) throw new UsageError(`--port: expected a port number from 0 to 65535, got "${text}"`);
  return value;
}

function url(text: string | undefined): { url?: string } {
  if (text === undefined) return {};
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw new UsageError(`--url: expected the back office's http(s) URL, got "${text}"`);
  return { url: text };
}

function one(positionals: readonly string[], what: string, name: string): string {
  if (positionals.length !== 1) throw new UsageError(`${name}: expected ${what}${positionals.length > 1 ? `, got ${positionals.length} arguments` : ''}`);
  return positionals[0]!;
}

export function parseCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0 || positionals[0] === 'help') return { name: 'help' };
  const name = positionals[0] === 'serve' ? 'serve' : positionals.slice(0, 2).join(' ');
  const rest = positionals.slice(name.split(' ').length);
  const allowed = ALLOWED[name];
  if (!allowed) throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  const extra = Object.keys(values).filter((option) => !allowed.includes(option as keyof typeof OPTIONS));
  if (extra.length > 0) throw new UsageError(`${name}: --${extra[0]} does not apply`);
  const db = database(values.data, env);
  switch (name) {
    case 'serve': {
      if (rest.length > 0) throw new UsageError(`serve: unexpected argument "${rest[0]}"`);
      if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new UsageError('serve: --tls-cert and --tls-key go together');
      return {
        name,
        database: db,
        host: values.host ?? '127.0.0.1',
        port: port(values.port),
        ...(values['tls-cert'] && values['tls-key'] ? { tls: { certFile: values['tls-cert'], keyFile: values['tls-key'] } } : {}),
        publicHosts: values['public-host'] ?? [],
        catalogDir: resolve(values.catalog ?? SHIPPED_CATALOG),
        seedExchange: values['seed-exchange'] ?? false,
      };
    }
    case 'kiosk add':
      return { name, database: db, kioskId: one(rest, 'one kiosk id', name), ...(values.out ? { out: resolve(values.out) } : {}), ...url(values.url) };
    case 'kiosk revoke':
      return { name, database: db, kioskId: one(rest, 'one kiosk id', name) };
    case 'staff add':
      if (rest.length !== 2) throw new UsageError('staff add: expected a staff id and a name (quote a name with spaces); the password is read from stdin');
      return { name, database: db, staffId: rest[0]!, staffName: rest[1]! };
    case 'staff reset':
    case 'staff disable':
      return { name, database: db, staffId: one(rest, 'one staff id', name) };
    default:
      return { name: 'catalog publish', database: db, dir: resolve(one(rest, 'one catalog directory', name)) };
  }
}
