// `npm start`: builds and runs the Electron kiosk shell, or explains how to run the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { ELECTRON_MISSING_MESSAGE, findElectronBinary } from './electron-binary.mjs';

const binary = findElectronBinary();
if (!binary) {
  process.stderr.write(`${ELECTRON_MISSING_MESSAGE}\n`);
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
