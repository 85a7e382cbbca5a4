/**
 * A page the document camera (高拍仪) captured, as the renderer sends it to core: the JPEG, bounded in size and
 * edge so one page stays one modest RPC message, and a thumbnail for the screens that show what was taken.
 * Core checks that both really are JPEG images within these bounds before it seals them (core/capture/).
 */
import * as v from 'valibot';
import { MaterialViewSchema } from './transaction-view.ts';

/** The largest JPEG a page may be: a 1600 px page at quality 0.85 is 150–400 KB. */
export const MAX_CAPTURE_BYTES = 1024 * 1024;
/** The longest edge of a captured page, in pixels. */
export const MAX_CAPTURE_EDGE = 2048;
/** A thumbnail travels in every session view: small enough for a dozen pages in one view. */
export const MAX_THUMBNAIL_BYTES = 8 * 1024;
/** The most pages one material may have (the catalog's `pages`). */
export const MAX_CAPTURE_PAGES = 20;

const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
const Base64 = (bytes: number) => v.pipe(v.string(), v.nonEmpty(), v.maxLength(base64Length(bytes)), v.base64());

export const CaptureInputSchema = v.strictObject({
  /** The material's key. */
  key: MaterialViewSchema.entries.key,
  /** 0-based; a page captured again replaces the earlier one (retake). */
  page: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_CAPTURE_PAGES - 1)),
  image: Base64(MAX_CAPTURE_BYTES),
  thumbnail: Base64(MAX_THUMBNAIL_BYTES),
});
export type CaptureInput = v.InferOutput<typeof CaptureInputSchema>;

/** The message allowance of the capture call: its two images in base64 and the envelope around them. */
export const CAPTURE_MESSAGE_BYTES = base64Length(MAX_CAPTURE_BYTES) + base64Length(MAX_THUMBNAIL_BYTES) + 1024;
