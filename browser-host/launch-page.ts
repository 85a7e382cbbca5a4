/**
 * The page the kiosk window is opened on: a 0600 file in the data directory that POSTs the renderer
 * credential to the host once and is redirected to the kiosk. Only the file's path appears on Chromium's
 * command line and in the profile's history; the credential travels in a request body, which neither keeps.
 * (A one-time code in the URL would be readable from /proc/<pid>/cmdline and could be raced.)
 */
import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SESSION_PATH = '/session';
const LAUNCH_FILE = 'launch.html';

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function launchPageHtml(origin: string, credential: string): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><meta charset="utf-8"><title>政务服务自助终端</title>',
    `<form method="post" action="${escapeAttribute(origin + SESSION_PATH)}">`,
    `<input type="hidden" name="credential" value="${escapeAttribute(credential)}">`,
    '<noscript><button>打开自助终端 Open the kiosk</button></noscript>',
    '</form>',
    '<script>document.forms[0].submit()</script>',
    '</html>',
    '',
  ].join('\n');
}

/** Writes the launch page (whole, then renamed) and returns its file: URL. */
export async function writeLaunchPage(dataDir: string, origin: string, credential: string): Promise<string> {
  const path = join(dataDir, LAUNCH_FILE);
  const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
  await writeFile(partial, launchPageHtml(origin, credential), { mode: 0o600 });
  await rename(partial, path);
  return pathToFileURL(path).href;
}
