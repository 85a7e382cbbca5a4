/**
 * Checks that bytes the renderer says are a captured page really are one baseline or progressive JPEG of a
 * sensible size, before core seals and stores them: the header segments are walked to the frame header
 * (SOF), whose dimensions must be within the bounds, and the file must end where a JPEG ends. Nothing is
 * decoded: the department's viewer does that, and core never renders the image.
 */

export interface JpegSize {
  readonly width: number;
  readonly height: number;
}

/** SOF markers of the coding processes a browser's canvas.toBlob('image/jpeg') writes (C0 baseline, C2 progressive) and C1. */
const FRAME_MARKERS = new Set([0xc0, 0xc1, 0xc2]);
/** Markers without a length: RSTn and TEM. */
const STANDALONE = (marker: number) => (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;

/** The image's size, or null when the bytes are not a JPEG within `maxEdge` pixels on each side. */
export function jpegSize(bytes: Uint8Array, maxEdge: number): JpegSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (STANDALONE(marker)) {
      at += 2;
      continue;
    }
    // Start of scan before any frame header, or the end: not an image we accept.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return null;
    if (FRAME_MARKERS.has(marker)) {
      if (length < 8) return null;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      return width > 0 && height > 0 && width <= maxEdge && height <= maxEdge ? { width, height } : null;
    }
    at += 2 + length;
  }
  return null;
}
