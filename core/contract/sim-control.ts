/**
 * Commands to the simulated devices: for tests, demos and technician training. Accepted only when the
 * kiosk runs simulated devices, and only over the local control endpoint that `npm run sim` uses (its
 * token is in a 0600 file): never over the citizen's RPC connection.
 */
import * as v from 'valibot';

export const READER_FAULTS = ['none', 'read-failure', 'auth-failure', 'remove-mid-read', 'garbage'] as const;
export const SIM_DEVICES = ['reader', 'printer', 'scanner'] as const;

export const SimCommandSchema = v.variant('action', [
  v.strictObject({
    action: v.literal('card-insert'),
    /** A card description (see devices/idcard/sim/cards/*.json); validated by the simulator. */
    card: v.unknown(),
  }),
  v.strictObject({ action: v.literal('card-remove') }),
  v.strictObject({ action: v.literal('reader-fault'), fault: v.picklist(READER_FAULTS) }),
  v.strictObject({
    action: v.literal('scan'),
    text: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
    symbology: v.optional(v.picklist(['qr', 'data-matrix', 'pdf417', 'code128', 'code39', 'ean13'])),
    encoding: v.optional(v.picklist(['utf-8', 'gb18030'])),
  }),
  v.strictObject({ action: v.literal('printer-paper'), paper: v.picklist(['ok', 'near-end', 'out']) }),
  v.strictObject({ action: v.literal('printer-cover'), open: v.boolean() }),
  v.strictObject({ action: v.literal('printer-cutter'), error: v.boolean() }),
  v.strictObject({ action: v.literal('unplug'), device: v.picklist(SIM_DEVICES) }),
  v.strictObject({ action: v.literal('plug'), device: v.picklist(SIM_DEVICES) }),
  v.strictObject({ action: v.literal('status') }),
]);
export type SimCommand = v.InferOutput<typeof SimCommandSchema>;

export const SimResultSchema = v.object({
  ok: v.boolean(),
  /** One readable line: what happened, or why not. */
  message: v.string(),
  /** For `status`: the simulator's state, for people and scripts. */
  state: v.optional(v.record(v.string(), v.unknown())),
});
export type SimResult = v.InferOutput<typeof SimResultSchema>;
