/** Path patterns shared by routes: a resource named by a UUID (idempotency keys) or a SHA-256. */
export const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
export const SHA256 = '([0-9a-f]{64})';

export function pathPattern(prefix: string, name: string): RegExp {
  return new RegExp(`^/${prefix}/${name}$`);
}
