/**
 * The files a remote back office needs: the kiosk's credentials (JSON {kioskId, secret}, as
 * `npm run backoffice -- kiosk add` writes it) and, for a hall's own CA, its PEM certificates. Every
 * problem is a sentence for the technician naming the file, never the secret.
 */
import { readFile, stat } from 'node:fs/promises';
import * as v from 'valibot';
import { SECRET_PATTERN, type Credentials } from '../../backoffice/api/signing.ts';

export type Loaded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const CredentialsSchema = v.strictObject({
  kioskId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)),
  secret: v.pipe(v.string(), v.regex(SECRET_PATTERN)),
});

/** Reads the credentials file: 0600, owned by the kiosk user, for this kiosk. */
export async function loadCredentials(path: string, kioskId: string): Promise<Loaded<Credentials>> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, problem: `backOffice.credentialsFile ${path} is not a regular file` };
    if ((info.mode & 0o077) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
      return { ok: false, problem: `backOffice.credentialsFile ${path} is readable by others (mode ${mode}); it must be 0600 (chmod 600), and replaced if it may have been copied` };
    }
    const uid = process.getuid?.();
    if (uid !== undefined && info.uid !== uid) return { ok: false, problem: `backOffice.credentialsFile ${path} belongs to uid ${info.uid}, not to the kiosk user (uid ${uid})` };
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: `backOffice.credentialsFile ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: `backOffice.credentialsFile ${path} is not JSON` };
  }
  const parsed = v.safeParse(CredentialsSchema, json);
  if (!parsed.success) return { ok: false, problem: `backOffice.credentialsFile ${path} must hold {"kioskId": …, "secret": <43 base64url characters>}` };
  if (parsed.output.kioskId !== kioskId) return { ok: false, problem: `backOffice.credentialsFile ${path} is for kiosk ${parsed.output.kioskId}, but kiosk.id is ${kioskId}` };
  return { ok: true, value: parsed.output };
}

/** Reads the PEM certificates of backOffice.caFile. */
export async function loadCaFile(path: string): Promise<Loaded<string>> {
  try {
    const pem = await readFile(path, 'utf8');
    return pem.includes('-----BEGIN CERTIFICATE-----') ? { ok: true, value: pem } : { ok: false, problem: `backOffice.caFile ${path} holds no PEM certificate` };
  } catch (error) {
    return { ok: false, problem: `backOffice.caFile ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}
