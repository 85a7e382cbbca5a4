/** Gzipped size of the renderer's JavaScript as shipped (fonts and CSS excluded, as the budget says). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export async function rendererJsGzipBytes(assetsDir: string): Promise<{ files: number; rawBytes: number; gzipBytes: number }> {
  const names = (await readdir(assetsDir)).filter((name) => name.endsWith('.js'));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const name of names) {
    const content = await readFile(join(assetsDir, name));
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: names.length, rawBytes, gzipBytes };
}
