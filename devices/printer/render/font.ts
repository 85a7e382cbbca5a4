/**
 * Fonts for every raster we draw (receipt PNGs, simulated prints, raster lines for characters the printer's
 * font lacks), the same on every kiosk. The bundled Noto Sans SC comes as ~100 woff2 subsets, each for a
 * unicode range. The canvas (Skia) keeps one face per family and weight, so subsets registered under one
 * family name leave all but one unreachable and every other glyph is a .notdef box. Each subset is therefore
 * a family of its own, registered when first needed and chosen per character from fontsource's range table,
 * as a browser's `unicode-range` would. Characters no subset has (CJK Ext A and B, e.g. 䶮, 𠮷) come from
 * Noto Sans CJK, which the deb depends on (fonts-noto-cjk).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/** Noto Sans CJK as Debian installs it: regular and bold. */
export const FALLBACK_FONT_FILES = {
  regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
} as const;

export const FALLBACK_FAMILY = 'KioskSans Fallback';
const SUBSET_FAMILY = 'KioskSans ';

interface Range {
  readonly from: number;
  readonly to: number;
  readonly subset: string;
}

export interface KioskFonts {
  /** The CSS font for one character cluster: its subset's family, then the fallback. */
  font(cluster: string, px: number, bold: boolean): string;
  /** The subset that has this code point, if any (e.g. "116", "latin"). */
  subsetOf(codePoint: number): string | undefined;
}

/**
 * Native code (Skia) cannot read inside Electron's asar archive: a packaged app has the font files unpacked
 * beside it (electron-builder.yml `asarUnpack`), so a path into the archive is turned into that one.
 */
export function outsideAsar(path: string): string {
  const unpacked = path.replace(/\.asar([\\/])/, '.asar.unpacked$1');
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}

export function kioskFontDirectory(): string {
  const pkg = createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json');
  return dirname(pkg);
}

/** fontsource's `unicode.json`: subset name ("[116]", "latin") → "U+4e00-4e01,U+4e03,…". */
function readRanges(directory: string): Range[] {
  const table = JSON.parse(readFileSync(join(directory, 'unicode.json'), 'utf8')) as Record<string, string>;
  const ranges = Object.entries(table).flatMap(([name, list]) =>
    list.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      const start = parseInt(from ?? '', 16);
      return { from: start, to: to ? parseInt(to, 16) : start, subset: name.replace(/^\[(\d+)\]$/, '$1') };
    }),
  );
  if (ranges.length === 0 || ranges.some((r) => Number.isNaN(r.from) || Number.isNaN(r.to))) {
    throw new Error(`no Noto Sans SC subsets in ${directory}`);
  }
  return ranges.sort((a, b) => a.from - b.from);
}

/** Fonts from a fontsource package directory and a fallback for what its subsets lack. */
export function createKioskFonts(directory: string, fallback: { readonly regular: string; readonly bold: string } = FALLBACK_FONT_FILES): KioskFonts {
  const ranges = readRanges(directory);
  const registered = new Set<string>();
  // Both weights of a family at once, before any lookup names it: Skia caches a family's faces at the first.
  const ensure = (family: string, regular: string, bold: string) => {
    if (registered.has(family)) return;
    for (const file of [regular, bold]) if (existsSync(file)) GlobalFonts.registerFromPath(file, family);
    registered.add(family);
  };
  const subsetOf = (codePoint: number): string | undefined => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const range = ranges[mid]!;
      if (codePoint < range.from) high = mid - 1;
      else if (codePoint > range.to) low = mid + 1;
      else return range.subset;
    }
    return undefined;
  };
  const subsetFile = (subset: string, weight: number) => outsideAsar(join(directory, 'files', `noto-sans-sc-${subset}-${weight}-normal.woff2`));
  return {
    subsetOf,
    font(cluster, px, bold) {
      // Without the fallback files (not Debian), the unknown family makes Skia look among the system's fonts.
      ensure(FALLBACK_FAMILY, fallback.regular, fallback.bold);
      const subset = subsetOf(cluster.codePointAt(0) ?? 0);
      if (subset === undefined) return `${bold ? 'bold ' : ''}${px}px "${FALLBACK_FAMILY}"`;
      ensure(SUBSET_FAMILY + subset, subsetFile(subset, 400), subsetFile(subset, 700));
      return `${bold ? 'bold ' : ''}${px}px "${SUBSET_FAMILY}${subset}", "${FALLBACK_FAMILY}"`;
    },
  };
}

let shared: KioskFonts | undefined;

/** The kiosk's fonts, from the bundled package, made once. */
export function kioskFonts(): KioskFonts {
  shared ??= createKioskFonts(kioskFontDirectory());
  return shared;
}

/** A CSS font shorthand for one character cluster, with the kiosk's fonts. */
export function kioskFont(cluster: string, px: number, bold: boolean): string {
  return kioskFonts().font(cluster, px, bold);
}
