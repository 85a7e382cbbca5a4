// `npm run start:browser`: builds, then runs the browser host. Build output goes to stderr so that, with
// --no-open, the host's `KIOSK_URL=<url>` and `KIOSK_READY` are the only lines this command prints on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: ['ignore', process.stderr, 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

const host = spawn(process.execPath, [join(root, 'out/main/browser-host.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
// The host shuts down cleanly on SIGTERM/SIGINT; pass them on and leave with its exit code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
