/**
 * Schema of the kiosk configuration (`kiosk.yaml`). The configuration is data: every value a hall may
 * change lives in YAML and is validated here, so a typo stops start-up with a precise message instead of
 * surfacing later as odd behaviour.
 */
import * as v from 'valibot';
import { LocaleSchema, LocalizedTextSchema } from '../core/contract/locale.ts';
import { VOLUME_LEVELS } from '../core/contract/voice.ts';

/** Lower-case 4-digit hex as lsusb and udev print it, e.g. "1a86". */
const UsbHex = v.pipe(v.string(), v.regex(/^[0-9a-f]{4}$/, 'four lower-case hex digits, as lsusb prints them'));
const UsbIdentity = v.strictObject({
  vendorId: UsbHex,
  productId: UsbHex,
  /** Tells identical adapters apart when they report one (cheap CH340 adapters do not). */
  serialNumber: v.optional(v.pipe(v.string(), v.nonEmpty())),
});

const ReceiptLine = v.pipe(v.string(), v.nonEmpty(), v.maxLength(200));

/** The wording of the acceptance receipt (受理回执); the hotline and advice differ from hall to hall. */
const ReceiptSchema = v.strictObject({
  title: v.optional(ReceiptLine, '受理回执'),
  /**
   * The status printed on every receipt: it prints before the submission is uploaded (the submission is
   * durable here first), so it says so; the case numbers are found by the progress query afterwards.
   */
  status: v.optional(ReceiptLine, '已受理，待上传部门'),
  /** Under the number: that it is provisional until the departments accept, and that it uploads by itself. */
  notes: v.optional(v.array(ReceiptLine), [
    '本回执为提交凭证，受理编号为临时编号：各部门审核受理后才算正式受理，结果以短信通知或办件查询为准。',
    '联网后自动上传各部门并生成办件编号，无需再次办理。',
  ]),
  /** How to follow the case: this hall's kiosks, its desk, its website and hotline. */
  howToQuery: v.optional(v.array(ReceiptLine), [
    '凭受理编号查询办理进度：',
    '· 自助终端：首页点“办件进度查询”，扫描本回执二维码',
    '· 服务大厅咨询台：出示本回执或报受理编号',
    '· 网上：示例市政务服务网 zwfw.example.gov.cn，或拨打12345',
  ]),
  /** Printed before the list of materials the citizen still has to bring to the window. */
  toBring: v.optional(ReceiptLine, '请在承诺时限内携带以下材料到窗口：'),
  /** Printed instead of that list when nothing is left to bring. */
  nothingToBring: v.optional(ReceiptLine, '所需材料均已免交或已在终端完成。'),
  footer: v.optional(v.array(ReceiptLine), ['政务服务便民热线 12345']),
});
export const DEFAULT_RECEIPT_WORDING = v.parse(ReceiptSchema, {});

const Baud = v.picklist([9600, 19200, 38400, 57600, 115200]);
type BaudRate = v.InferOutput<typeof Baud>;

/**
 * A serial device is found by a stable path (/dev/serial/by-path/… or by-id/…, never a bare ttyUSBn, which
 * changes between boots) or by its USB identity, whichever port it is plugged into.
 */
function serialLink<T extends v.ObjectEntries>(extra: T, defaultBaud: BaudRate | undefined) {
  return v.pipe(
    v.strictObject({
      transport: v.literal('serial'),
      port: v.optional(v.pipe(v.string(), v.nonEmpty())),
      usb: v.optional(UsbIdentity),
      baudRate: defaultBaud === undefined ? v.optional(Baud) : v.optional(Baud, defaultBaud),
      ...extra,
    }),
    v.check((d) => (d.port === undefined) !== (d.usb === undefined), 'give exactly one of "port" or "usb"'),
  );
}

const ReaderOptions = {
  /** How often to look for a card (GA 467 readers are polled). */
  pollIntervalMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(2000)), 300),
  /** Also read the fingerprint block (command 30 10). */
  readFingerprint: v.optional(v.boolean(), false),
};

const PrinterOptions = {
  /** Characters per line at the normal font: 48 on 80 mm paper, 32 on 58 mm. */
  columns: v.optional(v.picklist([32, 42, 48, 64]), 48),
  /** Longest wait for the printer to confirm a job. */
  jobTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(300_000)), 30_000),
};

const ScanFraming = {
  suffix: v.optional(v.picklist(['cr', 'crlf', 'lf', 'tab', 'none']), 'cr'),
  /** Codes prefixed with AIM symbology identifiers (]Q1 …). */
  aimIds: v.optional(v.boolean(), true),
};

export const DevicesSchema = v.strictObject({
  idCardReader: v.variant('transport', [
    v.strictObject({
      transport: v.literal('simulated'),
      /** The simulated reader's speed; 9600 exercises the 115200 → 9600 probe. */
      baudRate: v.optional(v.picklist([9600, 115200]), 115200),
      ...ReaderOptions,
    }),
    // Without baudRate the reader is probed at 115200, then 9600.
    serialLink(ReaderOptions, undefined),
  ]),
  printer: v.variant('transport', [
    v.strictObject({ transport: v.literal('simulated'), ...PrinterOptions }),
    serialLink(PrinterOptions, 115200),
    v.strictObject({ transport: v.literal('usb-lp'), path: v.pipe(v.string(), v.nonEmpty()), ...PrinterOptions }),
    v.strictObject({
      transport: v.literal('tcp'),
      host: v.pipe(v.string(), v.nonEmpty()),
      port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)), 9100),
      ...PrinterOptions,
    }),
  ]),
  scanner: v.variant('transport', [
    v.strictObject({ transport: v.literal('simulated'), ...ScanFraming }),
    serialLink({ ...ScanFraming, interByteTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(1000)), 50) }, 9600),
    v.strictObject({
      transport: v.literal('hid'),
      vendorId: UsbHex,
      productId: UsbHex,
      /** Report layout of the scanner's HID POS mode; see devices/scanner/README.md. */
      layout: v.picklist(['honeywell', 'newland']),
    }),
  ]),
});

const Seconds = (min: number, max: number, fallback: number) => v.optional(v.pipe(v.number(), v.minValue(min), v.maxValue(max)), fallback);

/** How the kiosk talks to its back office; all in seconds. */
const BackOfficeTiming = {
  /** Health checks while the back office answers. */
  probeIntervalSeconds: Seconds(1, 3600, 15),
  /** Health checks while it does not (or deliveries fail): delivery resumes this soon after it is back. */
  offlineProbeIntervalSeconds: Seconds(1, 60, 3),
  heartbeatIntervalSeconds: Seconds(10, 3600, 60),
  /** The longest a citizen waits for the exchange (shared data, e-licences) or a progress query. */
  exchangeBudgetSeconds: Seconds(0.5, 30, 3),
  /** The longest wait for a connection, and for a whole answer. */
  connectTimeoutSeconds: Seconds(1, 60, 5),
  requestTimeoutSeconds: Seconds(1, 300, 15),
};

const FilePath = v.pipe(v.string(), v.nonEmpty('a file path'));

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

export const BackOfficeSchema = v.variant('mode', [
  v.strictObject({
    /** The reference back office runs inside the kiosk process on loopback: nothing to install. */
    mode: v.literal('embedded'),
    ...BackOfficeTiming,
  }),
  v.pipe(
    v.strictObject({
      mode: v.literal('remote'),
      url: v.pipe(v.string(), v.check(isHttpUrl, 'an http:// or https:// URL, such as https://backoffice.hall.example')),
      /** JSON {kioskId, secret} from `npm run backoffice -- kiosk add`, readable by the kiosk user only (0600). */
      credentialsFile: FilePath,
      /** PEM certificates to trust for an https back office signed by the hall's own CA. */
      caFile: v.optional(FilePath),
      ...BackOfficeTiming,
    }),
    v.check((b) => b.caFile === undefined || /^https:/i.test(b.url), 'caFile is only used with an https:// url'),
  ),
]);

const VOICE_DEFAULTS = { command: 'espeak-ng', voices: { 'zh-CN': 'cmn', en: 'en' }, speed: 150 };

/** Voice guidance (docs/accessibility.md): who hears it from the start, which engine, and espeak-ng's voices. */
const VoiceSchema = v.strictObject({
  /** Voice on for every citizen from the start (bystanders hear it: off by default). */
  enabled: v.optional(v.boolean(), false),
  /** Turning elder mode on turns voice on. */
  withElderMode: v.optional(v.boolean(), true),
  /** `auto`: the browser's own Chinese (English) voice where it has one, else espeak-ng through core. */
  engine: v.optional(v.picklist(['auto', 'web-speech', 'espeak-ng']), 'auto'),
  /** The volume each citizen starts with, 1 (softest) to VOLUME_LEVELS. */
  volume: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(VOLUME_LEVELS)), 4),
  espeakNg: v.optional(
    v.strictObject({
      command: v.optional(v.pipe(v.string(), v.nonEmpty()), VOICE_DEFAULTS.command),
      /** espeak-ng voice names per language (`espeak-ng --voices=zh` lists the Chinese ones). */
      voices: v.optional(
        v.strictObject({ 'zh-CN': v.optional(v.pipe(v.string(), v.nonEmpty()), 'cmn'), en: v.optional(v.pipe(v.string(), v.nonEmpty()), 'en') }),
        VOICE_DEFAULTS.voices,
      ),
      /** Words per minute (espeak-ng's own default is 175; slower suits elderly listeners). */
      speed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(80), v.maxValue(300)), VOICE_DEFAULTS.speed),
    }),
    VOICE_DEFAULTS,
  ),
});

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
  /**
   * Citizen sessions: idle time per step (WCAG 2.2.1 floors enforced), how long an interrupted one may be
   * resumed, and after how long since the citizen's last activity a resumed one asks for their card again.
   */
  session: v.optional(
    v.pipe(
      v.strictObject({
        stepTimeoutSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(30), v.maxValue(1800)), 120),
        warningSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(20), v.maxValue(300)), 30),
        maxExtensions: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(100)), 10),
        resumeWithinMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440)), 30),
        reidentifyAfterSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1800)), 120),
        /** Idle time on the receipt shown on screen (the printer failed): the only copy of the receipt number. */
        receiptTimeoutSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(30), v.maxValue(3600)), 600),
      }),
      v.check((s) => s.warningSeconds < s.stepTimeoutSeconds, 'warningSeconds must be shorter than stepTimeoutSeconds'),
      v.check((s) => s.receiptTimeoutSeconds >= s.stepTimeoutSeconds, 'receiptTimeoutSeconds must be at least stepTimeoutSeconds'),
    ),
    { stepTimeoutSeconds: 120, warningSeconds: 30, maxExtensions: 10, resumeWithinMinutes: 30, reidentifyAfterSeconds: 120, receiptTimeoutSeconds: 600 },
  ),
  receipt: v.optional(ReceiptSchema, {}),
  voice: v.optional(VoiceSchema, {}),
  devices: DevicesSchema,
  simulation: v.optional(
    v.strictObject({
      /** Where the simulated printer writes each receipt (text and PNG); KIOSK_SIM_OUT overrides it. */
      receiptDir: v.optional(v.pipe(v.string(), v.nonEmpty())),
    }),
    {},
  ),
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
