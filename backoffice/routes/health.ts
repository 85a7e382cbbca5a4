/** GET /health: unsigned reachability probe; 503 when the database does not answer within a second or two. */
import { API_VERSION } from '../api/schemas.ts';
import type { Database } from '../db/database.ts';
import { reply } from '../http/reply.ts';
import type { Route } from '../http/route.ts';

const DATABASE_TIMEOUT_MS = 2_000;

async function databaseAnswers(db: Database): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([db.query('SELECT 1').then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoute: Route = {
  method: 'GET',
  path: /^\/health$/,
  signed: false,
  maxBody: 0,
  handle: async ({ db }) => ((await databaseAnswers(db)) ? reply(200, { status: 'ok', apiVersion: API_VERSION }) : reply(503, { status: 'unavailable' })),
};
