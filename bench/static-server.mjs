// The cold-start baseline's server: a plain static file server (no framework), as a separate process like
// the browser host. Serves the page directory at / and the bundled font package at /fonts/, prints its URL.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const [pageDir, fontDir] = process.argv.slice(2);
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff' };

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = path.startsWith('/fonts/') ? join(fontDir, path.slice('/fonts/'.length)) : join(pageDir, path === '/' ? 'index.html' : path);
  try {
    const { size } = await stat(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size });
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`URL=http://127.0.0.1:${server.address().port}/\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
