/**
 * The staff page's cookies: scoped to /staff, HttpOnly, SameSite=Strict (no other site's page can make the
 * browser send them), Secure when the back office serves HTTPS. They carry only random tokens.
 */
export const SESSION_COOKIE = 'staff_session';
/** Before sign-in: the double-submit value the sign-in form must repeat (login CSRF). */
export const SIGN_IN_COOKIE = 'staff_sign_in';
/** How long a sign-in form stays usable. */
const SIGN_IN_MAX_AGE_S = 30 * 60;

/** The value of cookie `name` in a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function attributes(secure: boolean): string {
  return `Path=/staff; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** A session cookie (gone when the browser closes; the server ends it sooner when idle). */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; ${attributes(secure)}`;
}

export function signInCookie(value: string, secure: boolean): string {
  return `${SIGN_IN_COOKIE}=${value}; Max-Age=${SIGN_IN_MAX_AGE_S}; ${attributes(secure)}`;
}

export function clearedCookie(name: string, secure: boolean): string {
  return `${name}=; Max-Age=0; ${attributes(secure)}`;
}
