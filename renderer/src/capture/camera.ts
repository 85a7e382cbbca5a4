/**
 * The document camera (高拍仪): a UVC video device, opened with getUserMedia (video only). A kiosk has one
 * camera for both documents and the applicant's live portrait. What can go wrong is told apart because the
 * citizen is told it: no camera at all, the camera not allowed to this page, or a camera that does not work.
 */

export type CameraProblem = 'absent' | 'denied' | 'failed';

export class CameraError extends Error {
  override readonly name = 'CameraError';
  constructor(readonly problem: CameraProblem) {
    super(`camera ${problem}`);
  }
}

/** A camera that has not delivered a frame by then counts as failing. */
const OPEN_TIMEOUT_MS = 8_000;

/** Whether the kiosk has a video input at all (known without asking permission); false without media devices. */
export async function hasCamera(): Promise<boolean> {
  const devices = await navigator.mediaDevices?.enumerateDevices().catch(() => []);
  return (devices ?? []).some((d) => d.kind === 'videoinput');
}

function problemOf(error: unknown): CameraProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'absent';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  return 'failed';
}

/** Opens the camera into `video` and waits for its first frame; throws a CameraError saying what went wrong. */
export async function openCamera(video: HTMLVideoElement): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('absent');
  let stream: MediaStream;
  try {
    // A page is read at 1600 px on its longest side: ask for a frame at least that large.
    stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { width: { ideal: 1920 }, height: { ideal: 1080 } } });
  } catch (error) {
    throw new CameraError(problemOf(error));
  }
  video.srcObject = stream;
  video.muted = true;
  try {
    await Promise.race([
      video.play(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no frame')), OPEN_TIMEOUT_MS)),
    ]);
    if (video.videoWidth === 0) throw new Error('no frame');
  } catch {
    closeCamera(stream);
    throw new CameraError('failed');
  }
  // A camera unplugged while open ends its track: the dialog says the camera failed.
  return stream;
}

export function closeCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
