/**
 * The bundled UI font (Noto Sans SC, woff2 subsets from @fontsource) registered once, lazily, for every
 * raster we draw: system fonts differ between kiosks and would make receipts and golden tests drift.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

export const KIOSK_FONT_FAMILY = 'KioskSans';

const SUBSET_FILE = /-(400|700)-normal\.woff2$/;
let registered = false;

export function kioskFontDirectory(): string {
  const pkg = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json');
  return join(dirname(pkg), 'files');
}

/** Registers the regular and bold subsets under one family; returns the family name for `ctx.font`. */
export function ensureKioskFont(directory: string = kioskFontDirectory()): string {
  if (registered) return KIOSK_FONT_FAMILY;
  const files = readdirSync(directory).filter((file) => SUBSET_FILE.test(file));
  if (files.length === 0) throw new Error(`no Noto Sans SC subsets in ${directory}`);
  for (const file of files) GlobalFonts.registerFromPath(join(directory, file), KIOSK_FONT_FAMILY);
  registered = true;
  return KIOSK_FONT_FAMILY;
}

/** A CSS font shorthand for the bundled family. */
export function kioskFont(px: number, bold: boolean): string {
  return `${bold ? 'bold ' : ''}${px}px ${ensureKioskFont()}`;
}
