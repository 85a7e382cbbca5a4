/**
 * The first staff member of an embedded or demo back office. A database without any staff gets `admin`
 * with a random password, written to a new file only its owner can read; the log names the file, never the
 * password, and no password ever passes through a command line. `staff reset admin` gives a new one.
 */
import { open, rm } from 'node:fs/promises';
import type { Queryable } from '../../db/database.ts';
import { hasStaff } from './accounts.ts';
import { hashPassword, randomPassword } from './password.ts';

export const FIRST_ADMIN_ID = 'admin';
const FIRST_ADMIN_NAME = '管理员';

/** Where the first password goes for a PGlite directory: a file beside it. */
export function firstAdminPasswordFile(pgliteDir: string): string {
  return `${pgliteDir.replace(/\/+$/, '')}-admin-password.txt`;
}

/**
 * Creates `admin` when the database has no staff at all and returns the file holding its password;
 * undefined when staff exist (or another instance created the first one at the same moment).
 */
export async function ensureFirstAdmin(db: Queryable, file: string, now: number): Promise<string | undefined> {
  if (await hasStaff(db)) return undefined;
  const password = randomPassword();
  // A file left from an earlier database holds a password that opens nothing now; it is replaced, never
  // written through (open with 'wx' refuses anything put in its place meanwhile, a symbolic link included).
  await rm(file, { force: true });
  const handle = await open(file, 'wx', 0o600);
  let created = false;
  try {
    await handle.writeFile(`工作人员页面 staff page\n工号 staff id: ${FIRST_ADMIN_ID}\n密码 password: ${password}\n`);
    await handle.sync();
    const rows = await db.query(
      `INSERT INTO staff (id, name, password_hash, created_at) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM staff)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [FIRST_ADMIN_ID, FIRST_ADMIN_NAME, await hashPassword(password), now],
    );
    created = rows.length > 0;
  } finally {
    await handle.close();
    if (!created) await rm(file, { force: true });
  }
  return created ? file : undefined;
}
