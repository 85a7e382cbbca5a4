/**
 * The Host header a request must carry: the address the server is bound to (with its port), or one of the
 * public host names a deployment behind a reverse proxy lists. Anything else is refused, so a web page
 * that rebinds some DNS name to this machine cannot reach the back office through a browser.
 */
import { networkInterfaces } from 'node:os';

const WILDCARD = new Set(['0.0.0.0', '::']);
const LOOPBACK = ['127.0.0.1', '[::1]', 'localhost'];

interface HostName {
  /** Lower case; IPv6 addresses in brackets. */
  readonly name: string;
  readonly port: number | undefined;
}

/** `name`, `name:port`, `[v6]` or `[v6]:port`; undefined when it is none of them. */
export function parseHost(value: string): HostName | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  return match ? { name: match[1]!.toLowerCase(), port: match[2] === undefined ? undefined : Number(match[2]) } : undefined;
}

function bracketed(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** The names this machine answers to when bound to every interface. */
function localNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .flatMap((entry) => (entry ? [bracketed(entry.address).toLowerCase()] : []));
  return [...addresses, 'localhost'];
}

export interface HostCheckOptions {
  readonly boundHost: string;
  readonly port: number;
  /** The scheme's default port (80 or 443), implied by a Host header without one. */
  readonly defaultPort: number;
  /** Extra names, `name` (any port) or `name:port`. */
  readonly publicHosts?: readonly string[];
}

/** A predicate over Host header values. Throws on a public host entry that is not a host name. */
export function hostChecker(options: HostCheckOptions): (host: string | undefined) => boolean {
  const bound = bracketed(options.boundHost).toLowerCase();
  const names = new Set(WILDCARD.has(options.boundHost) ? localNames() : LOOPBACK.includes(bound) ? LOOPBACK : [bound]);
  const extra = (options.publicHosts ?? []).map((entry) => {
    const parsed = parseHost(entry);
    if (!parsed) throw new TypeError(`"publicHosts": "${entry}" is not a host name (name, name:port, [v6]:port)`);
    return parsed;
  });
  return (header) => {
    const host = header === undefined ? undefined : parseHost(header);
    if (!host) return false;
    const port = host.port ?? options.defaultPort;
    if (names.has(host.name) && port === options.port) return true;
    return extra.some((entry) => entry.name === host.name && (entry.port === undefined || entry.port === port));
  };
}
