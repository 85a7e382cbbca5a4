/**
 * A page the document camera captured, on its way into the session: checked to be a JPEG within the
 * contract's bounds, for a page the materials step asks for, then sealed in the store with the session
 * before the machine hears of it (the snapshot holds only its hash and size).
 */
import { MAX_CAPTURE_BYTES, MAX_CAPTURE_EDGE, MAX_THUMBNAIL_BYTES, type CaptureInput } from '../contract/capture.ts';
import { jpegSize } from '../capture/jpeg.ts';
import type { Logger } from '../logging/logger.ts';
import type { Store } from '../store/database.ts';
import type { CaptureRef } from '../store/session-captures.ts';
import type { SessionRunner } from './session-runner.ts';

export interface CapturedPageDeps {
  readonly runner: SessionRunner;
  readonly store: Store;
  readonly log: Logger;
  readonly now: () => number;
  /** The outcome of the write, for the kiosk's storage alarm. */
  readonly onStored?: ((error: Error | null) => void) | undefined;
}

/** Resolves false, storing nothing, when the bytes are not a page within bounds or the step does not take it. */
export async function capturePage({ runner, store, log, now, onStored }: CapturedPageDeps, input: CaptureInput): Promise<boolean> {
  const image = Buffer.from(input.image, 'base64');
  const thumbnail = Buffer.from(input.thumbnail, 'base64');
  const size = image.length <= MAX_CAPTURE_BYTES ? jpegSize(image, MAX_CAPTURE_EDGE) : null;
  if (!size || thumbnail.length > MAX_THUMBNAIL_BYTES || !jpegSize(thumbnail, MAX_CAPTURE_EDGE)) {
    log.warn({ material: input.key, bytes: image.length }, 'captured page refused: not a JPEG within bounds');
    return false;
  }
  const event = (sha256: string) => ({ type: 'user.captured', key: input.key, page: { page: input.page, sha256, size: image.length } }) as const;
  const taken = () => runner.snapshot.can({ ...event('0'.repeat(64)), at: now() });
  if (!taken()) return false;
  // The session's row must be on disk before a page can refer to it.
  await runner.flush();
  if (!taken()) return false;
  let ref: CaptureRef;
  try {
    ref = store.captures.put({ sessionId: runner.snapshot.context.sessionId, materialKey: input.key, page: input.page, image, thumbnail });
    onStored?.(null);
  } catch (error) {
    onStored?.(error as Error);
    log.error({ err: error, material: input.key }, 'captured page not stored');
    return false;
  }
  runner.send(event(ref.sha256));
  log.info({ material: input.key, page: input.page, bytes: image.length, ...size }, 'page captured');
  return true;
}
