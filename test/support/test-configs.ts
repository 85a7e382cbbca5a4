/**
 * Copies of the default configuration with one thing changed, for UI tests that need a kiosk set up
 * otherwise: the shortest idle timeout, a short window before a resumed session asks for the card again,
 * or a back office that is not there.
 */
import { chmod, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { newSecret } from '../../backoffice/api/signing.ts';
import { DEFAULT_CONFIG_DIR } from './browser-host.ts';

type KioskYaml = { kiosk: { id: string }; session?: Record<string, number>; backOffice: Record<string, unknown> };

/** A copy of the default configuration directory with `kiosk.yaml` changed by `edit`. */
async function configCopy(edit: (config: KioskYaml, dir: string) => Promise<void> | void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-config-'));
  await cp(DEFAULT_CONFIG_DIR, dir, { recursive: true });
  const file = join(dir, 'kiosk.yaml');
  const config = parse(await readFile(file, 'utf8')) as KioskYaml;
  await edit(config, dir);
  await writeFile(file, stringify(config));
  return dir;
}

/** The shortest idle timeout the schema allows (WCAG 2.2.1 floors). */
export function shortTimeoutConfig(): Promise<string> {
  return configCopy((config) => {
    config.session = { ...config.session, stepTimeoutSeconds: 30, warningSeconds: 20 };
  });
}

/** A resumed session asks for its card again once `seconds` have passed since the citizen's last activity. */
export function reidentifyAfterConfig(seconds: number): Promise<string> {
  return configCopy((config) => {
    config.session = { ...config.session, reidentifyAfterSeconds: seconds };
  });
}

/** A remote back office nobody answers for (nothing listens on port 9): the kiosk works offline. */
export function unreachableBackOfficeConfig(): Promise<string> {
  return configCopy(async (config, dir) => {
    const credentialsFile = join(dir, 'backoffice-credentials.json');
    await writeFile(credentialsFile, JSON.stringify({ kioskId: config.kiosk.id, secret: newSecret() }), { mode: 0o600 });
    await chmod(credentialsFile, 0o600);
    config.backOffice = { mode: 'remote', url: 'http://127.0.0.1:9', credentialsFile };
  });
}

/**
 * A remote back office at `url` (one the test runs) that knows this kiosk by `secret`, probed every second
 * while offline; `session` changes the idle timeouts too.
 */
export function remoteBackOfficeConfig(url: string, secret: string, session: Record<string, number> = {}): Promise<string> {
  return configCopy(async (config, dir) => {
    const credentialsFile = join(dir, 'backoffice-credentials.json');
    await writeFile(credentialsFile, JSON.stringify({ kioskId: config.kiosk.id, secret }), { mode: 0o600 });
    await chmod(credentialsFile, 0o600);
    config.backOffice = { mode: 'remote', url, credentialsFile, offlineProbeIntervalSeconds: 1 };
    config.session = { ...config.session, ...session };
  });
}
