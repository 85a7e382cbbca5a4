/**
 * GA 467 ID-card reader adapter: probes the SAM (115200, then 9600), polls for a card, reads it once per
 * presence (the next read only after the card has left the field), parses and validates the text, and
 * keeps the raw photo in memory only. Runs one command at a time: the link is half-duplex with no
 * sequence numbers. A reader that stops answering is NOT_RESPONDING and is asked again at every poll: its
 * first answer makes it ready again, with the card still on it (read already: not read twice). A command
 * that timed out only because the kiosk itself was stalled is not held against the reader.
 */
import { BaseDeviceAdapter, READY } from '../contract/base-adapter.ts';
import type { DeviceStatus, HealthLevel, HealthResult } from '../contract/device.ts';
import { DeviceError, TimeoutError } from '../contract/errors.ts';
import type { SerialByteTransport } from '../transport/byte-transport.ts';
import { HostStalledError, SamExchange } from './sam-exchange.ts';
import { SAM_COMMANDS, parseBaseInfo, parseSamId } from './sam-commands.ts';
import { describeSw3 } from './sam-status.ts';
import { parseIdText } from './id-text.ts';
import type { IdCardText } from './id-card-text.ts';
import { validateCard, type CardProblem } from './validate-card.ts';

export interface IdCardRead {
  readonly card: IdCardText;
  readonly valid: boolean;
  readonly problems: readonly CardProblem[];
  /** Raw WLT photo (1024 bytes); kept in memory for the session only, never written anywhere. */
  readonly photoWlt: Uint8Array;
  /** Decoded photo when a vendor WLT decoder is installed. */
  readonly photo: DecodedPhoto | null;
  readonly fingerprint: Uint8Array | null;
  /** From the read command to the parsed card, for diagnostics and benchmarks. */
  readonly readMs: number;
  readonly frameBytes: number;
}

export interface DecodedPhoto {
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** Decodes a WLT photo with a vendor library; none ships with the kiosk (the format is licensed). */
export type WltDecoder = (wlt: Uint8Array) => Promise<DecodedPhoto | null>;

export interface IdCardReaderOptions {
  readonly id: string;
  /** Opens the serial link at the given speed (each open may find the port elsewhere). */
  readonly openTransport: (baudRate: number) => Promise<SerialByteTransport>;
  /** Speeds to probe, in order. */
  readonly baudRates?: readonly number[];
  readonly pollIntervalMs?: number;
  readonly readFingerprint?: boolean;
  readonly wltDecoder?: WltDecoder;
  readonly now?: () => number;
  readonly today?: () => Date;
}

const PROBE_TIMEOUT_MS = 1500;
const COMMAND_TIMEOUT_MS = 1000;
/** Consecutive "no card" answers that mean the card has left the field. */
const REMOVAL_CONFIRMATIONS = 2;
/** Failed reads of one presence before waiting for the card to be taken off and put back. */
const MAX_READ_ATTEMPTS = 3;

type Presence = { kind: 'absent' } | { kind: 'present'; attempts: number } | { kind: 'read'; misses: number };

export class IdCardReaderAdapter extends BaseDeviceAdapter<IdCardRead> {
  private transport: SerialByteTransport | undefined;
  private exchange: SamExchange | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private presence: Presence = { kind: 'absent' };
  private timeouts = 0;
  private readonly options: Required<Omit<IdCardReaderOptions, 'wltDecoder'>> & Pick<IdCardReaderOptions, 'wltDecoder'>;

  constructor(options: IdCardReaderOptions) {
    super({ id: options.id, kind: 'idCardReader', now: options.now });
    this.options = {
      baudRates: [115200, 9600],
      pollIntervalMs: 300,
      readFingerprint: false,
      now: Date.now,
      today: () => new Date(),
      ...options,
    };
  }

  protected async onOpen(): Promise<void> {
    const transport = await this.options.openTransport(this.options.baudRates[0] ?? 115200);
    this.transport = transport;
    this.exchange = new SamExchange(transport, {
      onBytes: (direction, count) => this.countBytes(direction, count),
      onLinkLost: (error) => this.lostLink(error),
    });
  }

  /** The reader is ours only when its SAM answers a status command at one of the probed speeds. */
  protected async onClaim(): Promise<void> {
    const { transport, exchange } = this.required();
    for (const baudRate of this.options.baudRates) {
      if (transport.baudRate !== baudRate) await transport.setBaudRate(baudRate);
      const reply = await exchange.transact(SAM_COMMANDS.samStatus, PROBE_TIMEOUT_MS).catch(() => undefined);
      if (reply && describeSw3(reply.sw3).outcome === 'ok') {
        this.presence = { kind: 'absent' };
        this.setStatus(READY);
        return;
      }
    }
    throw new DeviceError('E_NOHARDWARE', `${this.id}: no GA 467 reader answered at ${this.options.baudRates.join(' or ')} baud on ${transport.description}`);
  }

  protected override async onEnable(): Promise<void> {
    this.schedulePoll(0);
  }

  /**
   * Reads the card on the reader again at the next poll, as if it had just been put down: a citizen who
   * opens 办件查询 after a session may have left their card there, and should not have to lift it.
   */
  readAgain(): void {
    if (this.presence.kind === 'read') this.presence = { kind: 'absent' };
  }

  protected override async onDisable(): Promise<void> {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await this.polling;
  }

  protected async onClose(): Promise<void> {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await this.polling;
    this.exchange?.dispose();
    await this.transport?.close();
    this.exchange = undefined;
    this.transport = undefined;
  }

  async checkHealth(level: HealthLevel): Promise<HealthResult> {
    const exchange = this.exchange;
    if (!exchange || this.state === 'closed') return { level, ok: false, text: `${this.id} is closed`, status: this.status };
    const reply = await exchange.transact(SAM_COMMANDS.samStatus, COMMAND_TIMEOUT_MS).catch((error: Error) => error);
    if (reply instanceof Error) return { level, ok: false, text: `SAM did not answer: ${reply.message}`, status: this.status };
    const sw3 = describeSw3(reply.sw3);
    const idReply = await exchange.transact(SAM_COMMANDS.readSamId, COMMAND_TIMEOUT_MS).catch(() => undefined);
    const samId = idReply ? parseSamId(idReply.data) : undefined;
    const id = samId?.ok ? `, SAM ${samId.id}` : '';
    return { level, ok: sw3.outcome === 'ok', text: `SAM status: ${sw3.en} (${sw3.zh})${id} on ${this.transport?.description}`, status: this.status };
  }

  private required(): { transport: SerialByteTransport; exchange: SamExchange } {
    if (!this.transport || !this.exchange) throw new DeviceError('E_CLOSED', `${this.id} is not open`);
    return { transport: this.transport, exchange: this.exchange };
  }

  private schedulePoll(delayMs: number): void {
    if (!this.enabled && delayMs > 0) return;
    this.pollTimer = setTimeout(() => {
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        if (this.enabled) this.schedulePoll(this.options.pollIntervalMs);
      });
    }, delayMs);
  }

  private async poll(): Promise<void> {
    const exchange = this.exchange;
    if (!exchange || !this.enabled) return;
    try {
      const find = await exchange.transact(SAM_COMMANDS.findCard, COMMAND_TIMEOUT_MS);
      this.answered();
      // 80 (no card) is the normal answer; any other failure to find also means no readable card now.
      if (describeSw3(find.sw3).outcome !== 'ok') return this.noCard();
      if (this.presence.kind === 'read') {
        this.presence = { kind: 'read', misses: 0 };
        return;
      }
      const attempts = this.presence.kind === 'present' ? this.presence.attempts : 0;
      if (attempts >= MAX_READ_ATTEMPTS) return;
      this.presence = { kind: 'present', attempts: attempts + 1 };
      await this.readCard(exchange);
    } catch (error) {
      if (error instanceof HostStalledError) this.onHostStall();
      else if (error instanceof TimeoutError) this.onTimeout(error);
      else this.recordError(error as Error);
    }
  }

  /** The reader answers: a NOT_RESPONDING spell is over, whatever lies on it (a card read already waits for its removal). */
  private answered(): void {
    this.timeouts = 0;
    if (this.status.code === 'NOT_RESPONDING') this.setStatus(this.presence.kind === 'absent' ? READY : { state: 'READY', code: 'MEDIA_PRESENT' });
  }

  /**
   * The kiosk was too busy to read the answer in time (the reader may well have sent it): not a fault, so
   * not counted, and a read it interrupted is not an attempt used up. The next poll asks again.
   */
  private onHostStall(): void {
    if (this.presence.kind === 'present') this.presence = { kind: 'present', attempts: this.presence.attempts - 1 };
  }

  private noCard(): void {
    if (this.presence.kind === 'read') {
      const misses = this.presence.misses + 1;
      this.presence = misses >= REMOVAL_CONFIRMATIONS ? { kind: 'absent' } : { kind: 'read', misses };
    } else {
      this.presence = { kind: 'absent' };
    }
    if (this.presence.kind === 'absent') this.setStatus(READY);
  }

  private onTimeout(error: TimeoutError): void {
    this.timeouts++;
    if (this.timeouts >= 2) this.setStatus({ state: 'UNAVAILABLE', code: 'NOT_RESPONDING', detail: error.message });
    this.recordError(error);
  }

  private async readCard(exchange: SamExchange): Promise<void> {
    this.setStatus(busy('MEDIA_PRESENT'));
    const select = await exchange.transact(SAM_COMMANDS.selectCard, COMMAND_TIMEOUT_MS);
    if (describeSw3(select.sw3).outcome !== 'ok') return this.readFailed(select.sw3);
    const started = this.now();
    const command = this.options.readFingerprint ? SAM_COMMANDS.readBaseInfoWithFingerprint : SAM_COMMANDS.readBaseInfo;
    const read = await exchange.transact(command, this.options.readFingerprint ? 5000 : 3000);
    if (describeSw3(read.sw3).outcome !== 'ok') return this.readFailed(read.sw3);
    const payload = parseBaseInfo(read.data, this.options.readFingerprint);
    if (!payload.ok) return this.readFailed(read.sw3, payload.problem);
    const text = parseIdText(payload.text);
    if (!text.ok) return this.readFailed(read.sw3, text.problems.join('; '));
    const { valid, problems } = validateCard(text.card, this.options.today());
    const photo = this.options.wltDecoder ? await this.options.wltDecoder(payload.photo).catch(() => null) : null;
    this.countOperation();
    this.presence = { kind: 'read', misses: 0 };
    this.setStatus({ state: 'READY', code: 'MEDIA_PRESENT' });
    this.emitData({
      card: text.card,
      valid,
      problems,
      photoWlt: payload.photo,
      photo,
      fingerprint: payload.fingerprint ?? null,
      readMs: this.now() - started,
      frameBytes: read.frameBytes,
    });
  }

  private readFailed(sw3: number, detail?: string): void {
    const status = describeSw3(sw3);
    this.setStatus({ state: 'READY', code: 'MEDIA_PRESENT', detail: `last read failed: ${status.en}` });
    this.recordError(new DeviceError('E_MEDIA', `${this.id}: read failed: ${status.en} (${status.zh})${detail ? `: ${detail}` : ''}`));
  }
}

function busy(code: DeviceStatus['code']): DeviceStatus {
  return { state: 'BUSY', code };
}
