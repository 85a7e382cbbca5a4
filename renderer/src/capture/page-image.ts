/**
 * Turns the camera's current frame into what is sent to core: the page as a JPEG whose longest side is at
 * most 1600 px, within the contract's byte bound (quality lowered step by step if a busy page needs it), a
 * thumbnail for the screens, and small grey samples for the still detector.
 */
import { MAX_CAPTURE_BYTES, MAX_THUMBNAIL_BYTES } from '../../../core/contract/capture.ts';

const PAGE_EDGE = 1600;
const THUMBNAIL_EDGE = 160;
const SAMPLE_WIDTH = 64;
const SAMPLE_HEIGHT = 48;

export interface PageImage {
  /** Base64 of the JPEG bytes, as the RPC carries them. */
  readonly image: string;
  readonly thumbnail: string;
  /** For the preview: a data URL of the page. */
  readonly preview: string;
}

function canvasOf(source: CanvasImageSource, width: number, height: number, edge: number): HTMLCanvasElement {
  const scale = Math.min(1, edge / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** The canvas as a JPEG data URL of at most `maxBytes`, from quality `start` down. */
function jpegWithin(canvas: HTMLCanvasElement, maxBytes: number, start: number): string {
  for (let quality = start; quality >= 0.3; quality -= 0.1) {
    const url = canvas.toDataURL('image/jpeg', quality);
    const bytes = ((url.length - url.indexOf(',') - 1) * 3) / 4;
    if (bytes <= maxBytes) return url;
  }
  throw new Error('the page does not fit its size bound');
}

export function takePage(video: HTMLVideoElement): PageImage {
  const page = jpegWithin(canvasOf(video, video.videoWidth, video.videoHeight, PAGE_EDGE), MAX_CAPTURE_BYTES, 0.85);
  const thumbnail = jpegWithin(canvasOf(video, video.videoWidth, video.videoHeight, THUMBNAIL_EDGE), MAX_THUMBNAIL_BYTES, 0.7);
  const base64 = (url: string) => url.slice(url.indexOf(',') + 1);
  return { image: base64(page), thumbnail: base64(thumbnail), preview: page };
}

/** A small grey copy of the current frame, for the still detector. */
export function sampleFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Uint8Array {
  canvas.width = SAMPLE_WIDTH;
  canvas.height = SAMPLE_HEIGHT;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT);
  const { data } = context.getImageData(0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT);
  const grey = new Uint8Array(SAMPLE_WIDTH * SAMPLE_HEIGHT);
  for (let i = 0; i < grey.length; i++) grey[i] = (data[i * 4]! * 299 + data[i * 4 + 1]! * 587 + data[i * 4 + 2]! * 114) / 1000;
  return grey;
}
