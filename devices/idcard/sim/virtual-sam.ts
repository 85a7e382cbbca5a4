/**
 * The SAM side of a GA 467 ID-card reader, simulated without I/O: host command frames go in through
 * `receive`, response frames come out through `transmit`, synchronously. It answers every valid command
 * as a real reader would (reference §2, §2.2); the one-read-per-card-presence policy belongs to the
 * adapter, and `status` counts reads per presence so tests can check it.
 */
import type { SimulatedCard } from '../card-description.ts';
import type { CardType } from '../id-card-text.ts';
import { encodeIdText } from '../id-text.ts';
import { SAM_ID_LENGTH, commandName, encodeAppendedAddress, encodeBaseInfo, type SamCommandName } from '../sam-commands.ts';
import { SamDeframer } from '../sam-deframer.ts';
import { asCommand, encodeResponse, type SamCommandFrame } from '../sam-frame.ts';
import {
  SW3_BAD_COMMAND,
  SW3_CHECKSUM_ERROR,
  SW3_FIND_OK,
  SW3_LENGTH_ERROR,
  SW3_NO_CARD,
  SW3_NO_CONTENT,
  SW3_OK,
  SW3_READ_FAILED,
  SW3_SAM_AUTH_CARD_FAILED,
  SW3_SELECT_FAILED,
} from '../sam-status.ts';

export const READER_FAULTS = ['none', 'read-failure', 'auth-failure', 'remove-mid-read', 'garbage'] as const;
/**
 * 'read-failure': reads answer 41. 'auth-failure': reads answer 32 (the SAM rejects the card).
 * 'remove-mid-read': a read answers 41 and the card is gone. 'garbage': each response is preceded by
 * noise without a preamble. Faults stay set until changed.
 */
export type ReaderFault = (typeof READER_FAULTS)[number];

export interface VirtualSamOptions {
  /** Sends response bytes to the host. */
  readonly transmit: (bytes: Uint8Array) => void;
  /** The 16 bytes a 12 FF read returns; a fixed fake by default. */
  readonly samId?: Uint8Array;
  /**
   * Emulates the reported protection (NODE-IDCR, §2.2): after a successful read, find answers 80 until
   * the card leaves the field. Off by default.
   */
  readonly findFailsAfterRead?: boolean;
  /** Random source for 'garbage' noise, in [0, 1). Defaults to Math.random. */
  readonly random?: () => number;
}

export interface VirtualSamStatus {
  readonly cardPresent: boolean;
  readonly cardType: CardType | undefined;
  readonly fault: ReaderFault;
  /** Cards placed so far; each placement is one presence. */
  readonly presences: number;
  /** Successful base-info reads during the current presence (0 without a card). */
  readonly readsThisPresence: number;
  readonly totalReads: number;
  /** Host frames that failed their checksum or length check. */
  readonly badFrames: number;
}

/** "05.01-20200101-000000001-000000002": obviously a simulator. */
const DEFAULT_SAM_ID = Uint8Array.of(5, 0, 1, 0, 0xa5, 0x3a, 0x34, 0x01, 1, 0, 0, 0, 2, 0, 0, 0);
const FIND_DATA = new Uint8Array(4);
const SELECT_DATA = new Uint8Array(8);

interface Inserted {
  readonly card: SimulatedCard;
  readonly text: Uint8Array;
  readsThisPresence: number;
}

export class VirtualSamReader {
  private readonly transmit: (bytes: Uint8Array) => void;
  private readonly samId: Uint8Array;
  private readonly findFailsAfterRead: boolean;
  private readonly random: () => number;
  private readonly deframer = new SamDeframer();
  private inserted: Inserted | undefined;
  private fault: ReaderFault = 'none';
  private presences = 0;
  private totalReads = 0;
  private badFrames = 0;

  constructor(options: VirtualSamOptions) {
    if (options.samId !== undefined && options.samId.length !== SAM_ID_LENGTH) throw new TypeError(`"samId" must be ${SAM_ID_LENGTH} bytes`);
    this.transmit = options.transmit;
    this.samId = (options.samId ?? DEFAULT_SAM_ID).slice();
    this.findFailsAfterRead = options.findFailsAfterRead ?? false;
    this.random = options.random ?? Math.random;
  }

  get status(): VirtualSamStatus {
    return {
      cardPresent: this.inserted !== undefined,
      cardType: this.inserted?.card.text.type,
      fault: this.fault,
      presences: this.presences,
      readsThisPresence: this.inserted?.readsThisPresence ?? 0,
      totalReads: this.totalReads,
      badFrames: this.badFrames,
    };
  }

  /** Places a card on the reader, replacing any card there: a new presence. */
  insertCard(card: SimulatedCard): void {
    this.inserted = { card, text: encodeIdText(card.text), readsThisPresence: 0 };
    this.presences++;
  }

  removeCard(): void {
    this.inserted = undefined;
  }

  setFault(fault: ReaderFault): void {
    this.fault = fault;
  }

  /** Bytes from the host; each complete command is answered at once. */
  receive(bytes: Uint8Array): void {
    for (const event of this.deframer.pushEvents(bytes)) {
      if (event.kind === 'checksum-error') this.reject(SW3_CHECKSUM_ERROR);
      else if (event.kind === 'length-error') this.reject(SW3_LENGTH_ERROR);
      else {
        const command = asCommand(event.frame);
        if (command) this.answer(command);
      }
    }
  }

  private reject(sw3: number): void {
    this.badFrames++;
    this.send(sw3);
  }

  private answer(command: SamCommandFrame): void {
    const name = commandName(command.cmd, command.para);
    if (name === undefined || !this.hasExpectedData(name, command.data)) return this.send(SW3_BAD_COMMAND);
    switch (name) {
      case 'resetSam':
      case 'samStatus':
      case 'setMaxRfBytes':
        return this.send(SW3_OK);
      case 'readSamId':
        return this.send(SW3_OK, this.samId);
      case 'findCard':
        if (this.inserted === undefined) return this.send(SW3_NO_CARD);
        if (this.findFailsAfterRead && this.inserted.readsThisPresence > 0) return this.send(SW3_NO_CARD);
        return this.send(SW3_FIND_OK, FIND_DATA);
      case 'selectCard':
        return this.inserted === undefined ? this.send(SW3_SELECT_FAILED) : this.send(SW3_OK, SELECT_DATA);
      case 'readBaseInfo':
      case 'readBaseInfoWithFingerprint':
        return this.read(name === 'readBaseInfoWithFingerprint');
      case 'readAppendedAddress':
        return this.readAppendedAddress();
    }
  }

  private hasExpectedData(name: SamCommandName, data: Uint8Array): boolean {
    return data.length === (name === 'setMaxRfBytes' ? 1 : 0);
  }

  private read(withFingerprint: boolean): void {
    const inserted = this.inserted;
    if (inserted === undefined) return this.send(SW3_READ_FAILED);
    switch (this.fault) {
      case 'read-failure':
        return this.send(SW3_READ_FAILED);
      case 'auth-failure':
        return this.send(SW3_SAM_AUTH_CARD_FAILED);
      case 'remove-mid-read':
        this.inserted = undefined;
        return this.send(SW3_READ_FAILED);
      case 'none':
      case 'garbage':
        break;
    }
    const { card, text } = inserted;
    const fingerprint = withFingerprint ? (card.fingerprint ?? new Uint8Array(0)) : undefined;
    inserted.readsThisPresence++;
    this.totalReads++;
    this.send(SW3_OK, encodeBaseInfo({ text, photo: card.photo, ...(fingerprint === undefined ? {} : { fingerprint }) }));
  }

  private readAppendedAddress(): void {
    const card = this.inserted?.card;
    // Without a card the probe fails: ROUTON uses exactly this to detect removal.
    if (card === undefined) return this.send(SW3_READ_FAILED);
    if (card.appendedAddress === undefined) return this.send(SW3_NO_CONTENT);
    this.send(SW3_OK, encodeAppendedAddress(card.appendedAddress));
  }

  private send(sw3: number, data?: Uint8Array): void {
    const frame = encodeResponse(0x00, 0x00, sw3, data);
    this.transmit(this.fault === 'garbage' ? withNoise(frame, this.random) : frame);
  }
}

/** 1–16 random bytes before the frame, none of them 0xAA so the noise can never start a preamble. */
function withNoise(frame: Uint8Array, random: () => number): Uint8Array {
  const count = 1 + Math.floor(random() * 16);
  const out = new Uint8Array(count + frame.length);
  for (let i = 0; i < count; i++) {
    const byte = Math.floor(random() * 255);
    out[i] = byte >= 0xaa ? byte + 1 : byte;
  }
  out.set(frame, count);
  return out;
}
