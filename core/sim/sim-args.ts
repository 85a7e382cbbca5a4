/** Parses `npm run sim -- …` arguments into a simulator command. Pure, so every form is unit-tested. */
import type { SimCommand } from '../contract/sim-control.ts';
import { READER_FAULTS, SIM_DEVICES } from '../contract/sim-control.ts';

export const SIM_USAGE = `Usage: npm run sim -- <command>
  card insert FILE.json          put a card on the reader (see devices/idcard/sim/cards/)
  card remove                    take it off
  card fault <fault>             ${READER_FAULTS.join(' | ')}
  scan TEXT [--symbology S] [--gb18030]
                                 scan a code (S: qr, code128, data-matrix, pdf417, code39, ean13)
  printer <state>                paper-out | paper-near-end | paper-ok | cover-open | cover-closed |
                                 cutter-error | cutter-ok
  unplug <device>                ${SIM_DEVICES.join(' | ')}
  plug <device>                  ${SIM_DEVICES.join(' | ')}
  status                         show the simulated devices and the last receipt
Options: --data-dir DIR (default: $KIOSK_DATA_DIR, else the kiosk's default data directories)`;

export type ParsedSimArgs = { ok: true; command: SimCommand; dataDir?: string } | { ok: false; message: string };

const PRINTER_STATES: Record<string, SimCommand> = {
  'paper-out': { action: 'printer-paper', paper: 'out' },
  'paper-near-end': { action: 'printer-paper', paper: 'near-end' },
  'paper-ok': { action: 'printer-paper', paper: 'ok' },
  'cover-open': { action: 'printer-cover', open: true },
  'cover-closed': { action: 'printer-cover', open: false },
  'cutter-error': { action: 'printer-cutter', error: true },
  'cutter-ok': { action: 'printer-cutter', error: false },
};

function takeOption(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const [, value] = args.splice(index, 2);
  return value;
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

export function parseSimArgs(argv: readonly string[], readJson: (path: string) => unknown): ParsedSimArgs {
  const args = [...argv];
  const dataDir = takeOption(args, '--data-dir');
  const withDir = (command: SimCommand): ParsedSimArgs => ({ ok: true, command, ...(dataDir ? { dataDir } : {}) });
  const [verb, arg, ...rest] = args;
  switch (verb) {
    case 'card':
      if (arg === 'insert' && rest[0]) {
        try {
          return withDir({ action: 'card-insert', card: readJson(rest[0]) });
        } catch (error) {
          return { ok: false, message: `cannot read card file ${rest[0]}: ${(error as Error).message}` };
        }
      }
      if (arg === 'remove') return withDir({ action: 'card-remove' });
      if (arg === 'fault' && isOneOf(READER_FAULTS, rest[0])) return withDir({ action: 'reader-fault', fault: rest[0] });
      break;
    case 'scan': {
      const symbology = takeOption(rest, '--symbology');
      const gb18030 = rest.includes('--gb18030');
      if (!arg) break;
      const symbologies = ['qr', 'data-matrix', 'pdf417', 'code128', 'code39', 'ean13'] as const;
      if (symbology !== undefined && !isOneOf(symbologies, symbology)) return { ok: false, message: `unknown symbology ${symbology}` };
      return withDir({ action: 'scan', text: arg, ...(symbology ? { symbology } : {}), ...(gb18030 ? { encoding: 'gb18030' as const } : {}) });
    }
    case 'printer':
      if (arg && Object.hasOwn(PRINTER_STATES, arg)) return withDir(PRINTER_STATES[arg]!);
      break;
    case 'unplug':
    case 'plug':
      if (isOneOf(SIM_DEVICES, arg)) return withDir({ action: verb, device: arg });
      break;
    case 'status':
      return withDir({ action: 'status' });
  }
  return { ok: false, message: SIM_USAGE };
}
