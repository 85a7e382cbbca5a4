/**
 * The embedded back office in a worker thread of the kiosk's process (built as
 * `out/main/embedded-backoffice.js`): opening PGlite takes seconds of CPU, which on the kiosk's own thread
 * would hold up the first screen and every citizen's touch meanwhile. The kiosk talks to it over loopback
 * HTTP as to any back office; the thread only says when it is ready, and closes the server when told.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startEmbeddedBackOffice, type EmbeddedBackOffice } from './embedded-backoffice.ts';

export type EmbeddedWorkerMessage = { readonly ready: true } | { readonly ready: false; readonly error: string };

const port = parentPort!;
try {
  const server = await startEmbeddedBackOffice(workerData as EmbeddedBackOffice);
  // Closing the server ends the last work on this thread, and so the thread.
  port.once('message', () => void server.close().finally(() => port.close()));
  port.postMessage({ ready: true } satisfies EmbeddedWorkerMessage);
} catch (error) {
  port.postMessage({ ready: false, error: error instanceof Error ? error.message : String(error) } satisfies EmbeddedWorkerMessage);
  port.close();
}
