/**
 * Schema of the kiosk configuration (`kiosk.yaml`). The configuration is data: every value a hall may
 * change lives in YAML and is validated here, so a typo stops start-up with a precise message instead of
 * surfacing later as odd behaviour.
 */
import * as v from 'valibot';
import { LocaleSchema, LocalizedTextSchema } from '../core/contract/locale.ts';

const SimulatedDevice = v.strictObject({ transport: v.literal('simulated') });
const SerialDevice = v.strictObject({
  transport: v.literal('serial'),
  /** Stable path such as /dev/serial/by-path/…; never a bare ttyUSBn, which changes between boots. */
  port: v.pipe(v.string(), v.nonEmpty()),
  baudRate: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1200)), 115200),
});
const UsbPrinterDevice = v.strictObject({
  transport: v.literal('usb-lp'),
  path: v.pipe(v.string(), v.nonEmpty()),
});
const TcpPrinterDevice = v.strictObject({
  transport: v.literal('tcp'),
  host: v.pipe(v.string(), v.nonEmpty()),
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)), 9100),
});
const HidDevice = v.strictObject({
  transport: v.literal('hid'),
  vendorId: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff)),
  productId: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff)),
});

export const DevicesSchema = v.strictObject({
  idCardReader: v.variant('transport', [SimulatedDevice, SerialDevice]),
  printer: v.variant('transport', [SimulatedDevice, SerialDevice, UsbPrinterDevice, TcpPrinterDevice]),
  scanner: v.variant('transport', [SimulatedDevice, SerialDevice, HidDevice]),
});

export const BackOfficeSchema = v.variant('mode', [
  v.strictObject({
    /** The reference back office runs inside the kiosk process on loopback: nothing to install. */
    mode: v.literal('embedded'),
    probeIntervalSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(3600)), 15),
  }),
  v.strictObject({
    mode: v.literal('remote'),
    url: v.pipe(v.string(), v.url()),
    probeIntervalSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(3600)), 15),
  }),
]);

export const KioskConfigSchema = v.strictObject({
  kiosk: v.strictObject({
    id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64')),
    hall: v.strictObject({ name: LocalizedTextSchema }),
  }),
  languages: v.pipe(
    v.strictObject({
      default: LocaleSchema,
      available: v.pipe(v.array(LocaleSchema), v.minLength(1)),
    }),
    v.check((l) => l.available.includes(l.default), 'the default language must be one of the available ones'),
  ),
  display: v.optional(
    v.strictObject({ elderModeDefault: v.optional(v.boolean(), false) }),
    { elderModeDefault: false },
  ),
  devices: DevicesSchema,
  backOffice: BackOfficeSchema,
  logging: v.optional(
    v.strictObject({
      level: v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace']), 'info'),
      /** Rotate when the file reaches this size, e.g. "10M". */
      maxFileSize: v.optional(v.pipe(v.string(), v.regex(/^\d+[KMG]$/, 'a size such as "10M"')), '10M'),
      maxFiles: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)), 10),
    }),
    { level: 'info', maxFileSize: '10M', maxFiles: 10 },
  ),
});

export type KioskConfig = v.InferOutput<typeof KioskConfigSchema>;
export type DevicesConfig = v.InferOutput<typeof DevicesSchema>;
export type BackOfficeConfig = v.InferOutput<typeof BackOfficeSchema>;
