/**
 * What each CLI command does. Every command but `serve` opens the database, brings its schema up to date,
 * does its one thing and closes it; `serve` returns the running server for main.ts to stop on a signal.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { newSecret, type Credentials } from '../api/signing.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { publishCatalog } from '../model/catalogs.ts';
import { addKiosk, revokeKiosk } from '../model/kiosks.ts';
import { readCatalogDir } from '../seed/catalog-dir.ts';
import { startBackOffice, type BackOfficeServer } from '../server.ts';
import { firstAdminPasswordFile } from '../staff/auth/first-admin.ts';
import { runStaffCommand } from '../staff/auth/staff-commands.ts';
import { USAGE, type Command, type DatabaseChoice } from './args.ts';

export interface CliOutput {
  /** One line on stdout. */
  out(line: string): void;
  /** A new password from stdin (typed twice without echo at a terminal), never from the command line. */
  readNewPassword(): Promise<string>;
}

async function withDatabase<T>(choice: DatabaseChoice, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(choice);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${what} ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Adds the kiosk and writes its credentials to a new file only its owner can read. The file is created
 * first, so an existing one (never overwritten) stops the command before a secret is issued.
 */
async function addWithCredentialsFile(choice: DatabaseChoice, file: string, credentials: Credentials & { url?: string }): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new Error(`--out ${file}: ${exists ? 'exists; credentials are never overwritten, choose another file' : (error as Error).message}`, { cause: error });
  }
  try {
    await withDatabase(choice, (db) => addKiosk(db, credentials, Date.now()));
    await handle.writeFile(`${JSON.stringify(credentials, null, 2)}\n`);
  } catch (error) {
    await handle.close();
    await rm(file, { force: true });
    throw error;
  }
  await handle.close();
}

/** Runs one command; `serve` resolves once listening, with the server. */
export async function runCommand(command: Command, output: CliOutput): Promise<BackOfficeServer | undefined> {
  switch (command.name) {
    case 'help':
      output.out(USAGE);
      return undefined;
    case 'serve': {
      const tls = command.tls && { cert: await readPem(command.tls.certFile, '--tls-cert'), key: await readPem(command.tls.keyFile, '--tls-key') };
      const server = await startBackOffice({
        database: command.database,
        host: command.host,
        port: command.port,
        publicHosts: command.publicHosts,
        catalogDir: command.catalogDir,
        seedExchange: command.seedExchange,
        ...('pglite' in command.database ? { firstAdminFile: firstAdminPasswordFile(command.database.pglite) } : {}),
        ...(tls ? { tls } : {}),
      });
      output.out(`BACKOFFICE_URL=${server.url}`);
      return server;
    }
    case 'kiosk add': {
      const credentials = { kioskId: command.kioskId, secret: newSecret(), ...(command.url ? { url: command.url } : {}) };
      if (command.out) {
        await addWithCredentialsFile(command.database, command.out, credentials);
        output.out(`kiosk ${command.kioskId} added; credentials in ${command.out}`);
      } else {
        await withDatabase(command.database, (db) => addKiosk(db, credentials, Date.now()));
        output.out(JSON.stringify(credentials));
      }
      return undefined;
    }
    case 'kiosk revoke': {
      const revoked = await withDatabase(command.database, (db) => revokeKiosk(db, command.kioskId, Date.now()));
      if (!revoked) throw new Error(`kiosk ${command.kioskId}: no such active kiosk`);
      output.out(`kiosk ${command.kioskId} revoked`);
      return undefined;
    }
    case 'catalog publish': {
      const files = await readCatalogDir(command.dir);
      const version = await withDatabase(command.database, (db) => publishCatalog(db, files, Date.now()));
      output.out(`catalog ${version} published from ${command.dir}`);
      return undefined;
    }
    case 'staff add':
    case 'staff reset':
    case 'staff disable':
      await runStaffCommand(command, output, (fn) => withDatabase(command.database, fn));
      return undefined;
  }
}
