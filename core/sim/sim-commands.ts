/** Carries out simulator commands on the simulated hall, answering in one readable line. */
import { parseCardDescription } from '../../devices/idcard/card-description.ts';
import type { VirtualSamReader } from '../../devices/idcard/sim/virtual-sam.ts';
import type { SimulatedHall } from '../../devices/sim/simulated-hall.ts';
import type { DeviceSet } from '../../devices/registry/device-registry.ts';
import type { SimCommand, SimResult } from '../contract/sim-control.ts';

const DEVICE_OF = { reader: 'idCardReader', printer: 'printer', scanner: 'scanner' } as const;

export function executeSimCommand(hall: SimulatedHall, devices: DeviceSet, command: SimCommand): SimResult {
  const reader = hall.reader as VirtualSamReader;
  switch (command.action) {
    case 'card-insert': {
      const parsed = parseCardDescription(command.card);
      if (!parsed.ok) return { ok: false, message: `invalid card description: ${parsed.problems.join('; ')}` };
      reader.insertCard(parsed.card);
      return { ok: true, message: `card placed on the reader (${parsed.card.text.type})` };
    }
    case 'card-remove':
      reader.removeCard();
      return { ok: true, message: 'card taken off the reader' };
    case 'reader-fault':
      reader.setFault(command.fault);
      return { ok: true, message: `reader fault: ${command.fault}` };
    case 'scan':
      hall.scan(command.text, { symbology: command.symbology, encoding: command.encoding });
      return { ok: true, message: `scanned ${command.text.length} characters` };
    case 'printer-paper':
      hall.setPaper(command.paper);
      return { ok: true, message: `printer paper: ${command.paper}` };
    case 'printer-cover':
      hall.setCoverOpen(command.open);
      return { ok: true, message: `printer cover ${command.open ? 'open' : 'closed'}` };
    case 'printer-cutter':
      hall.setCutterError(command.error);
      return { ok: true, message: `printer cutter ${command.error ? 'jammed' : 'ok'}` };
    case 'unplug':
    case 'plug':
      if (command.action === 'unplug') hall.unplug(command.device);
      else hall.plug(command.device);
      return { ok: true, message: `${command.device} ${command.action === 'unplug' ? 'unplugged' : 'plugged in'}` };
    case 'status':
      return {
        ok: true,
        message: 'simulated devices',
        state: {
          plugged: { reader: hall.isPlugged('reader'), printer: hall.isPlugged('printer'), scanner: hall.isPlugged('scanner') },
          printer: hall.printerState,
          devices: Object.fromEntries(
            (Object.keys(DEVICE_OF) as (keyof typeof DEVICE_OF)[]).map((name) => {
              const device = devices.all.find((d) => d.id === DEVICE_OF[name])!;
              return [name, { state: device.state, status: device.status }];
            }),
          ),
          lastReceipt: hall.lastReceiptFiles,
        },
      };
  }
}
