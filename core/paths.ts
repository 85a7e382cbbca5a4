/** Where the kiosk reads its configuration and keeps its data; the same rules for both hosts. */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface LocationInput {
  /** `--config DIR` from the command line, if given. */
  readonly configArg?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** Root of the application (repository root, or the packaged app's resources). */
  readonly appRoot: string;
  /** Host default for the data directory (Electron: userData). */
  readonly defaultDataDir?: string | undefined;
}

export interface KioskLocations {
  readonly configDir: string;
  readonly dataDir: string;
  readonly logDir: string;
}

function absolute(dir: string): string {
  return isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
}

export function resolveLocations(input: LocationInput): KioskLocations {
  const configDir = absolute(input.configArg ?? input.env.KIOSK_CONFIG_DIR ?? join(input.appRoot, 'kiosk-config', 'default'));
  const xdgData = input.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  const dataDir = absolute(input.env.KIOSK_DATA_DIR ?? input.defaultDataDir ?? join(xdgData, 'hall-kiosk'));
  return { configDir, dataDir, logDir: join(dataDir, 'logs') };
}
