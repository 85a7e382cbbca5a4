/**
 * `npm run sim -- <command>`: drives the simulated devices of a running kiosk (browser host or Electron)
 * through its local control endpoint.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { SimResultSchema } from '../contract/sim-control.ts';
import { SIM_CONTROL_FILE } from './control-server.ts';
import { parseSimArgs } from './sim-args.ts';

const EndpointSchema = v.object({ url: v.string(), token: v.string(), pid: v.number() });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The newest control file of a live kiosk among the places a kiosk keeps its data. */
function findEndpoint(dataDir: string | undefined): v.InferOutput<typeof EndpointSchema> | undefined {
  const xdgData = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  const xdgConfig = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  const dirs = dataDir ? [dataDir] : [process.env.KIOSK_DATA_DIR, join(xdgData, 'hall-kiosk'), join(xdgConfig, 'hall-kiosk')];
  const found = dirs
    .filter((d): d is string => Boolean(d))
    .map((dir) => join(dir, SIM_CONTROL_FILE))
    .flatMap((file) => {
      try {
        const endpoint = v.parse(EndpointSchema, JSON.parse(readFileSync(file, 'utf8')));
        return alive(endpoint.pid) ? [{ endpoint, mtime: statSync(file).mtimeMs }] : [];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.mtime - a.mtime);
  return found[0]?.endpoint;
}

async function main(): Promise<number> {
  const parsed = parseSimArgs(process.argv.slice(2), (path) => JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const endpoint = findEndpoint(parsed.dataDir);
  if (!endpoint) {
    process.stderr.write('No running kiosk with simulated devices found. Start one (npm run start:browser) or pass --data-dir.\n');
    return 1;
  }
  const response = await fetch(`${endpoint.url}/sim`, {
    method: 'POST',
    headers: { authorization: `Bearer ${endpoint.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(parsed.command),
  });
  const result = v.safeParse(SimResultSchema, await response.json().catch(() => null));
  if (!result.success) {
    process.stderr.write(`Unexpected answer from the kiosk (HTTP ${response.status}).\n`);
    return 1;
  }
  const { ok, message, state } = result.output;
  (ok ? process.stdout : process.stderr).write(`${message}\n`);
  if (state) process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  },
);
