/**
 * Finding a device's port by stable identity. Paths under /dev/serial/by-path (or by-id) survive reboots;
 * VID/PID (+ serial number) survive being moved to another USB socket. Listing is injected: production
 * lists through serialport (which runs udevadm), tests and the simulator list their own ports.
 */
import type { PortInfo } from '@serialport/bindings-interface';

export type PortIdentity =
  | { readonly path: string }
  | { readonly vendorId: string; readonly productId: string; readonly serialNumber?: string };

export interface Discovery {
  list(): Promise<PortInfo[]>;
  /** Whether a device path (or a by-path/by-id symlink) currently exists. */
  exists(path: string): Promise<boolean>;
}

function sameHex(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase().replace(/^0x/, '') === b.toLowerCase().replace(/^0x/, '');
}

/** The path to open now, or undefined while the device is absent. */
export async function resolvePort(identity: PortIdentity, discovery: Discovery): Promise<string | undefined> {
  if ('path' in identity) return (await discovery.exists(identity.path)) ? identity.path : undefined;
  const ports = await discovery.list();
  const match = ports.find(
    (p) =>
      sameHex(p.vendorId, identity.vendorId) &&
      sameHex(p.productId, identity.productId) &&
      (identity.serialNumber === undefined || p.serialNumber === identity.serialNumber),
  );
  return match?.path;
}

export function describeIdentity(identity: PortIdentity): string {
  if ('path' in identity) return identity.path;
  return `usb ${identity.vendorId}:${identity.productId}${identity.serialNumber ? ` #${identity.serialNumber}` : ''}`;
}
