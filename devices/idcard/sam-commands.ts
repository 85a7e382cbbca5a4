/**
 * The reader commands of reference §2 and the payloads of their responses (§2.1, §3.1, §3.6). Payload
 * offsets come from the length fields, never from fixed positions: the text sits at a different offset
 * in a 30 10 (fingerprint) reply than in a 30 01 reply.
 */
import { encodeCommand } from './sam-frame.ts';
import { SW3_FIND_OK, SW3_OK } from './sam-status.ts';
import { decodeUcs2Field, writeUcs2Field } from './ucs2.ts';

export interface SamCommandSpec {
  readonly cmd: number;
  readonly para: number;
  /** SW3 of a successful answer. */
  readonly success: number;
}

export const SAM_COMMANDS = {
  /** 复位SAM */
  resetSam: { cmd: 0x10, para: 0xff, success: SW3_OK },
  /** 状态检测: the "is this port a reader?" probe. */
  samStatus: { cmd: 0x11, para: 0xff, success: SW3_OK },
  /** 读SAM管理信息: 16 data bytes. */
  readSamId: { cmd: 0x12, para: 0xff, success: SW3_OK },
  /** 寻卡: 9F when found, 80 when no card. */
  findCard: { cmd: 0x20, para: 0x01, success: SW3_FIND_OK },
  /** 选卡: 8 data bytes. */
  selectCard: { cmd: 0x20, para: 0x02, success: SW3_OK },
  /** 读基本信息: text and photo. */
  readBaseInfo: { cmd: 0x30, para: 0x01, success: SW3_OK },
  /** 读基本信息和指纹: text, photo and fingerprint. */
  readBaseInfoWithFingerprint: { cmd: 0x30, para: 0x10, success: SW3_OK },
  /** 读最新追加住址: also used as a card-presence probe. */
  readAppendedAddress: { cmd: 0x30, para: 0x03, success: SW3_OK },
  /** 设置SAM与射频模块一帧通信数据的最大字节数, with one data byte. */
  setMaxRfBytes: { cmd: 0x61, para: 0xff, success: SW3_OK },
} as const satisfies Record<string, SamCommandSpec>;

export type SamCommandName = keyof typeof SAM_COMMANDS;

/** Command 60 with this parameter switches the reader's UART speed (avoid; probe instead, §5). */
export const SET_BAUD_PARA: Readonly<Record<number, number>> = { 115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04 };
export const SET_BAUD_CMD = 0x60;

/** The frame of a named command; only setMaxRfBytes takes data. */
export function commandFrame(name: SamCommandName, data?: Uint8Array): Uint8Array {
  const { cmd, para } = SAM_COMMANDS[name];
  return encodeCommand(cmd, para, data);
}

/** The name of a command, for logs and the simulator; undefined for unknown ones. */
export function commandName(cmd: number, para: number): SamCommandName | undefined {
  for (const [name, spec] of Object.entries(SAM_COMMANDS)) if (spec.cmd === cmd && spec.para === para) return name as SamCommandName;
  return undefined;
}

export const TEXT_LENGTH = 256;
export const PHOTO_LENGTH = 1024;
/** The 35-character UCS-2 appended address (§3.6, uncertain). */
export const APPENDED_ADDRESS_LENGTH = 70;
export const SAM_ID_LENGTH = 16;

export interface BaseInfo {
  readonly text: Uint8Array;
  readonly photo: Uint8Array;
  /** Present for a 30 10 read; empty when the card holds no fingerprint. */
  readonly fingerprint?: Uint8Array;
}

export type BaseInfoResult = ({ readonly ok: true } & BaseInfo) | { readonly ok: false; readonly problem: string };

/** Splits the DATA of a 30 01 / 30 10 response: TL PL [FL] (2 bytes each, big-endian), then the blocks. */
export function parseBaseInfo(data: Uint8Array, withFingerprint: boolean): BaseInfoResult {
  const header = withFingerprint ? 6 : 4;
  if (data.length < header) return { ok: false, problem: `base info of ${data.length} bytes is shorter than its ${header}-byte length header` };
  const u16 = (at: number) => ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
  const textLength = u16(0);
  const photoLength = u16(2);
  const fpLength = withFingerprint ? u16(4) : 0;
  const expected = header + textLength + photoLength + fpLength;
  if (expected !== data.length) {
    const lengths = withFingerprint ? `${textLength} + ${photoLength} + ${fpLength}` : `${textLength} + ${photoLength}`;
    return { ok: false, problem: `length fields (${lengths} after a ${header}-byte header) give ${expected} bytes, the response has ${data.length}` };
  }
  const text = data.slice(header, header + textLength);
  const photo = data.slice(header + textLength, header + textLength + photoLength);
  if (!withFingerprint) return { ok: true, text, photo };
  return { ok: true, text, photo, fingerprint: data.slice(header + textLength + photoLength) };
}

/** The inverse of `parseBaseInfo`, for the simulator: a fingerprint (possibly empty) makes the 30 10 form. */
export function encodeBaseInfo(info: BaseInfo): Uint8Array {
  const blocks = info.fingerprint === undefined ? [info.text, info.photo] : [info.text, info.photo, info.fingerprint];
  const header = blocks.length * 2;
  const out = new Uint8Array(header + blocks.reduce((n, block) => n + block.length, 0));
  let at = header;
  blocks.forEach((block, i) => {
    if (block.length > 0xffff) throw new RangeError(`block of ${block.length} bytes does not fit its 16-bit length`);
    out[2 * i] = block.length >> 8;
    out[2 * i + 1] = block.length & 0xff;
    out.set(block, at);
    at += block.length;
  });
  return out;
}

export type SamIdResult = { readonly ok: true; readonly id: string; readonly raw: Uint8Array } | { readonly ok: false; readonly problem: string };

/**
 * The SAM number of a 12 FF response, rendered as HSL does (`05.01-20101010-000000123-000004567`) but
 * with unsigned integers; the padding width of the last groups differs between sources, so `raw` is kept.
 */
export function parseSamId(data: Uint8Array): SamIdResult {
  if (data.length !== SAM_ID_LENGTH) return { ok: false, problem: `SAM id of ${data.length} bytes, expected ${SAM_ID_LENGTH}` };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const id = [
    `${pad(view.getUint16(0, true), 2)}.${pad(view.getUint16(2, true), 2)}`,
    String(view.getUint32(4, true)),
    pad(view.getUint32(8, true), 9),
    pad(view.getUint32(12, true), 9),
  ].join('-');
  return { ok: true, id, raw: data.slice() };
}

export type AppendedAddressResult = { readonly ok: true; readonly address: string } | { readonly ok: false; readonly problem: string };

/** The appended address: UCS-2 text, space-padded. Odd lengths cannot be UCS-2. */
export function parseAppendedAddress(data: Uint8Array): AppendedAddressResult {
  if (data.length % 2 !== 0) return { ok: false, problem: `appended address of ${data.length} bytes is not UCS-2 text` };
  return { ok: true, address: decodeUcs2Field(data, 0, data.length) };
}

export function encodeAppendedAddress(address: string): Uint8Array {
  const out = new Uint8Array(APPENDED_ADDRESS_LENGTH);
  writeUcs2Field(out, 0, APPENDED_ADDRESS_LENGTH, address);
  return out;
}
