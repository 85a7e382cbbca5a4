import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, loadKioskConfig } from './load-config.ts';

const DEFAULT_DIR = resolve(import.meta.dirname, '../../kiosk-config/default');
const dirs: string[] = [];

async function configDir(yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-config-'));
  dirs.push(dir);
  await writeFile(join(dir, 'kiosk.yaml'), yaml);
  return dir;
}

async function defaultYaml(): Promise<string> {
  return readFile(join(DEFAULT_DIR, 'kiosk.yaml'), 'utf8');
}

async function problemsFor(yaml: string): Promise<string[]> {
  const result = await loadKioskConfig(await configDir(yaml));
  if (result.ok) throw new Error('expected the config to be rejected');
  return result.problems.map(formatProblem);
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadKioskConfig', () => {
  it('accepts the shipped default config and fills defaults', async () => {
    const result = await loadKioskConfig(DEFAULT_DIR);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.kiosk.hall.name['zh-CN']).toBe('示例市政务服务中心');
    expect(result.config.devices.printer).toEqual({ transport: 'simulated', columns: 48, jobTimeoutMs: 30_000 });
    expect(result.config.backOffice).toEqual({
      mode: 'embedded',
      probeIntervalSeconds: 15,
      offlineProbeIntervalSeconds: 3,
      heartbeatIntervalSeconds: 60,
      exchangeBudgetSeconds: 3,
      connectTimeoutSeconds: 5,
      requestTimeoutSeconds: 15,
    });
  });

  it('asks for the card again after 2 min by default, configurable from 0 (always) to 30 min', async () => {
    const yaml = (await defaultYaml()).replace(/\n {2}reidentifyAfterSeconds: \d+/, '');
    const result = await loadKioskConfig(await configDir(yaml));
    expect(result.ok && result.config.session.reidentifyAfterSeconds).toBe(120);
    const zero = await loadKioskConfig(await configDir(yaml.replace('resumeWithinMinutes: 30', 'resumeWithinMinutes: 30\n  reidentifyAfterSeconds: 0')));
    expect(zero.ok && zero.config.session.reidentifyAfterSeconds).toBe(0);
    expect(await problemsFor(yaml.replace('resumeWithinMinutes: 30', 'resumeWithinMinutes: 30\n  reidentifyAfterSeconds: 1801'))).toEqual([
      'kiosk.yaml: session.reidentifyAfterSeconds: Expected <=1800 but received 1801',
    ]);
  });

  it('fills voice guidance defaults (off, on with elder mode, espeak-ng cmn at 150) and names a wrong value', async () => {
    const yaml = (await defaultYaml()).replace(/\nvoice:\n(?: {2}.*\n)+/, '\n');
    const result = await loadKioskConfig(await configDir(yaml));
    expect(result.ok && result.config.voice).toEqual({
      enabled: false,
      withElderMode: true,
      engine: 'auto',
      volume: 4,
      espeakNg: { command: 'espeak-ng', voices: { 'zh-CN': 'cmn', en: 'en' }, speed: 150 },
    });
    const wrong = `${yaml}voice:\n  volume: 9\n  engine: festival\n  espeakNg:\n    voices: { zh-CN: cmn, fr: fr }\n`;
    expect(await problemsFor(wrong)).toEqual([
      'kiosk.yaml: voice.engine: expected ("auto" | "web-speech" | "espeak-ng"), received "festival"',
      'kiosk.yaml: voice.volume: Expected <=5 but received 9',
      'kiosk.yaml: voice.espeakNg.voices.fr: unknown key',
    ]);
  });

  it('names file and path for a wrong type', async () => {
    const yaml = (await defaultYaml()).replace(
      'printer:\n    transport: simulated',
      'printer:\n    transport: serial\n    port: 9100',
    );
    expect(await problemsFor(yaml)).toEqual(['kiosk.yaml: devices.printer.port: expected string, received 9100']);
  });

  it('lists every problem, not only the first', async () => {
    const yaml = (await defaultYaml())
      .replace('id: DEMO-HALL-K01', 'id: "bad id!"')
      .replace('default: zh-CN', 'default: fr')
      .replace('mode: embedded', 'mode: remote\n  url: not-a-url\n  credentialsFile: /etc/hall-kiosk/credentials.json');
    const problems = await problemsFor(yaml);
    expect(problems).toContain('kiosk.yaml: kiosk.id: letters, digits, ".", "_" or "-", at most 64');
    expect(problems).toContain('kiosk.yaml: languages.default: expected ("zh-CN" | "en"), received "fr"');
    expect(problems.some((p) => p.startsWith('kiosk.yaml: backOffice.url: '))).toBe(true);
    expect(problems).toHaveLength(3);
  });

  it('reports unknown keys (typos) and missing sections', async () => {
    const yaml = (await defaultYaml()).replace('display:', 'dispaly:').replace(/^backOffice:[\s\S]*?(?=^logging:)/m, '');
    const problems = await problemsFor(yaml);
    expect(problems).toContain('kiosk.yaml: dispaly: unknown key');
    expect(problems).toContain('kiosk.yaml: backOffice: required');
  });

  it('names the allowed values of a missing discriminator', async () => {
    const yaml = (await defaultYaml()).replace('scanner:\n    transport: simulated', 'scanner:\n    port: /dev/ttyS0');
    const problems = await problemsFor(yaml);
    expect(problems).toEqual([
      'kiosk.yaml: devices.scanner.transport: required, expected ("simulated" | "serial" | "hid")',
    ]);
  });

  it('requires exactly one way to find a serial device', async () => {
    const both = (await defaultYaml()).replace(
      'idCardReader:\n    transport: simulated',
      'idCardReader:\n    transport: serial\n    port: /dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0\n    usb: { vendorId: 1a86, productId: "7523" }',
    );
    expect(await problemsFor(both)).toEqual(['kiosk.yaml: devices.idCardReader: give exactly one of "port" or "usb"']);
    const badHex = (await defaultYaml()).replace(
      'idCardReader:\n    transport: simulated',
      'idCardReader:\n    transport: serial\n    usb: { vendorId: 1A86, productId: "7523" }',
    );
    expect(await problemsFor(badHex)).toEqual(['kiosk.yaml: devices.idCardReader.usb.vendorId: four lower-case hex digits, as lsusb prints them']);
  });

  it('reports a cross-field rule', async () => {
    const yaml = (await defaultYaml()).replace('available: [zh-CN, en]', 'available: [en]');
    expect(await problemsFor(yaml)).toEqual([
      'kiosk.yaml: languages: the default language must be one of the available ones',
    ]);
  });

  it('reports YAML syntax errors with line and column', async () => {
    const problems = await problemsFor('kiosk:\n  id: [unclosed\n');
    expect(problems[0]).toMatch(/^kiosk\.yaml: line \d+, column \d+: /);
  });

  it('reports duplicate keys', async () => {
    const problems = await problemsFor('kiosk:\n  id: A\n  id: B\n');
    expect(problems[0]).toMatch(/^kiosk\.yaml: line 3, column 3: .*unique/i);
  });

  it('reports a missing file with the directory', async () => {
    const dir = await configDir('');
    await rm(join(dir, 'kiosk.yaml'));
    const result = await loadKioskConfig(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatProblem(result.problems[0]!)).toBe(`kiosk.yaml: file not found in ${dir}`);
  });

  it('rejects an empty file as a whole', async () => {
    const problems = await problemsFor('');
    expect(problems).toEqual(['kiosk.yaml: expected Object, received null']);
  });
});
