/**
 * A test document for Chromium's fake camera (`--use-file-for-fake-video-capture`): a white page with a
 * title, lines of "text" and a stamp-like block, lying on a dark desk, as a still Y4M video (YUV 4:2:0) that
 * Chromium plays in a loop. Still, so the kiosk's automatic capture takes it by itself.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WIDTH = 1280;
const HEIGHT = 720;

function documentLuma(): Uint8Array {
  const y = new Uint8Array(WIDTH * HEIGHT).fill(45);
  const fill = (x0: number, y0: number, w: number, h: number, value: number) => {
    for (let row = y0; row < y0 + h; row++) y.fill(value, row * WIDTH + x0, row * WIDTH + x0 + w);
  };
  // The page, inside the framing guide (8 % from top and bottom, 18 % from the sides).
  const page = { x: 300, y: 80, w: 680, h: 560 };
  fill(page.x, page.y, page.w, page.h, 235);
  fill(page.x + 180, page.y + 40, 320, 36, 25);
  for (let line = 0; line < 12; line++) fill(page.x + 60, page.y + 120 + line * 32, 560 - ((line * 97) % 180), 12, 40);
  fill(page.x + 480, page.y + 440, 120, 90, 90);
  return y;
}

/** Writes the test document's video and returns its path (one file per process, reused). */
export function testDocumentVideo(): string {
  const path = join(tmpdir(), `kiosk-test-document-${process.pid}.y4m`);
  const luma = documentLuma();
  const chroma = new Uint8Array((WIDTH / 2) * (HEIGHT / 2) * 2).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
  // Chromium reads it when it starts; the worker that wrote it removes it when it ends.
  process.once('exit', () => rmSync(path, { force: true }));
  return path;
}
