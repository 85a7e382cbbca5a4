/**
 * Device errors carry a UnifiedPOS-style code and boolean flags, as node-serialport does
 * (`disconnected`, `canceled`), so callers branch on facts rather than on message text.
 */

export type DeviceErrorCode =
  | 'E_CLOSED'
  | 'E_NOTCLAIMED'
  | 'E_DISABLED'
  | 'E_ILLEGAL'
  | 'E_NOHARDWARE'
  | 'E_OFFLINE'
  | 'E_FAILURE'
  | 'E_TIMEOUT'
  | 'E_BUSY'
  | 'E_PROTOCOL'
  | 'E_MEDIA';

export class DeviceError extends Error {
  override readonly name: string = 'DeviceError';
  constructor(
    readonly code: DeviceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The link to the device went away (unplugged, port closed under us). */
export class DisconnectedError extends DeviceError {
  override readonly name = 'DisconnectedError';
  readonly disconnected = true;
  constructor(message = 'device disconnected', options?: { cause?: unknown }) {
    super('E_NOHARDWARE', message, options);
  }
}

/** No answer within the allowed time. */
export class TimeoutError extends DeviceError {
  override readonly name = 'TimeoutError';
  readonly timedOut = true;
  constructor(message: string) {
    super('E_TIMEOUT', message);
  }
}
