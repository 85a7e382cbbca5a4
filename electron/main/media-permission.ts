/**
 * The one permission the kiosk page has: the document camera (高拍仪), video only, for the kiosk's own page
 * (kiosk://app). No microphone, no screen capture, no other origin, no other permission. Pure, so it is
 * tested without the Electron binary; index.ts wires it to the session's request and check handlers.
 */
import { RENDERER_ENTRY_URL } from './renderer-protocol.ts';

/** Whether a URL (or an origin) is the kiosk page's: its scheme and host. Non-special schemes have no URL origin. */
function fromKioskPage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { protocol, host } = new URL(url);
    const kiosk = new URL(RENDERER_ENTRY_URL);
    return protocol === kiosk.protocol && host === kiosk.host;
  } catch {
    return false;
  }
}

/** A permission request (getUserMedia): granted for the camera alone, asked by the kiosk page. */
export function mayRequestPermission(permission: string, requestingUrl: string | undefined, mediaTypes: readonly string[] | undefined): boolean {
  return permission === 'media' && fromKioskPage(requestingUrl) && !!mediaTypes && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
}

/** A permission check (e.g. whether enumerateDevices may name the cameras): the same rule. */
export function mayCheckPermission(permission: string, requestingOrigin: string, mediaType: string | undefined): boolean {
  return permission === 'media' && fromKioskPage(requestingOrigin) && mediaType === 'video';
}
