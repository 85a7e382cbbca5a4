/**
 * What the embedded back office is, wherever it runs (the kiosk's thread or a worker of its own): the
 * reference back office on PGlite in the kiosk's data directory, on a loopback port, seeded with the fake
 * exchange, publishing the shipped catalog into an empty database, and knowing this kiosk's fresh secret.
 */
import type { Credentials } from '../../backoffice/api/signing.ts';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';

export interface EmbeddedBackOffice {
  readonly databaseDir: string;
  readonly port: number;
  readonly catalogDir: string;
  readonly credentials: Credentials;
}

export async function startEmbeddedBackOffice(data: EmbeddedBackOffice): Promise<BackOfficeServer> {
  const server = await startBackOffice({ database: { pglite: data.databaseDir }, port: data.port, catalogDir: data.catalogDir, seedExchange: true });
  try {
    await server.registerKiosk(data.credentials);
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}
