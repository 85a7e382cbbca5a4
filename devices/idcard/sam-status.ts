/**
 * SW3, the reader/SAM status byte of every response (reference §1.4), as data. SW1/SW2 pass through the
 * card's APDU status and no known implementation reads them, so only SW3 decides what happened.
 * `outcome` groups the codes by what a host does next.
 */

export type Sw3Outcome =
  /** 90 success, 9F find-card success. */
  | 'ok'
  /** 80: no card on the reader, the normal polling result. */
  | 'no-card'
  /** 91: the card has no such item (appended address, fingerprint). */
  | 'no-content'
  /** The card was there but could not be selected or read (moved, weak RF): go back to find. */
  | 'read-failed'
  /** The card is not a readable ID document. */
  | 'wrong-card'
  /** Card and SAM did not authenticate each other: possibly a forged card; go back to find. */
  | 'auth-failed'
  /** The reader rejected our frame: a host bug or line noise. */
  | 'host-error'
  /** The SAM itself cannot work: needs a technician. */
  | 'sam-fault'
  | 'unknown';

export interface Sw3Description {
  readonly code: number;
  readonly zh: string;
  readonly en: string;
  readonly outcome: Sw3Outcome;
}

export const SW3_OK = 0x90;
export const SW3_NO_CONTENT = 0x91;
export const SW3_FIND_OK = 0x9f;
export const SW3_CHECKSUM_ERROR = 0x10;
export const SW3_LENGTH_ERROR = 0x11;
export const SW3_BAD_COMMAND = 0x21;
export const SW3_CARD_AUTH_SAM_FAILED = 0x31;
export const SW3_SAM_AUTH_CARD_FAILED = 0x32;
export const SW3_READ_FAILED = 0x41;
export const SW3_NO_CARD = 0x80;
export const SW3_SELECT_FAILED = 0x81;

const TABLE: readonly (readonly [number, string, string, Sw3Outcome])[] = [
  [SW3_OK, '操作成功', 'success', 'ok'],
  [SW3_NO_CONTENT, '证/卡中此项无内容', 'item not present on the card', 'no-content'],
  [SW3_FIND_OK, '寻找证/卡成功', 'card found', 'ok'],
  [SW3_CHECKSUM_ERROR, '接收业务终端数据的校验和错', 'checksum error in the host frame', 'host-error'],
  [SW3_LENGTH_ERROR, '接收业务终端数据的长度错', 'length error in the host frame', 'host-error'],
  [SW3_BAD_COMMAND, '接收业务终端数据的命令错误', 'bad command or parameter', 'host-error'],
  [0x23, '越权操作', 'unauthorized operation', 'host-error'],
  [0x24, '无法识别的错误', 'unrecognized error', 'sam-fault'],
  [SW3_CARD_AUTH_SAM_FAILED, '证/卡认证 SAM 失败', 'the card failed to authenticate the SAM', 'auth-failed'],
  [SW3_SAM_AUTH_CARD_FAILED, 'SAM 认证证/卡失败', 'the SAM failed to authenticate the card', 'auth-failed'],
  [0x33, '信息验证错误', 'information verification error', 'auth-failed'],
  [0x40, '无法识别的卡类型', 'unrecognized or wrong card type', 'wrong-card'],
  [SW3_READ_FAILED, '读证/卡操作失败', 'reading the card failed', 'read-failed'],
  // The random number comes from the card during mutual authentication, so this is a card exchange failure.
  [0x47, '取随机数失败', 'getting a random number failed', 'read-failed'],
  [0x60, 'SAM 自检失败，不能接收任何命令', 'SAM self-test failed', 'sam-fault'],
  [0x66, 'SAM 未经授权，无法使用', 'SAM not authorized', 'sam-fault'],
  [SW3_NO_CARD, '寻找证/卡失败', 'no card found', 'no-card'],
  [SW3_SELECT_FAILED, '选取证/卡失败', 'selecting the card failed', 'read-failed'],
];

const BY_CODE: ReadonlyMap<number, Sw3Description> = new Map(TABLE.map(([code, zh, en, outcome]) => [code, { code, zh, en, outcome }]));

/** Every code of the table, for documentation and tests. */
export const KNOWN_SW3: readonly number[] = TABLE.map(([code]) => code);

/** Describes any SW3 value; codes outside the table are 'unknown', never an error. */
export function describeSw3(sw3: number): Sw3Description {
  const known = BY_CODE.get(sw3);
  if (known) return known;
  const hex = (sw3 & 0xff).toString(16).toUpperCase().padStart(2, '0');
  return { code: sw3, zh: `未知状态 0x${hex}`, en: `unknown status 0x${hex}`, outcome: 'unknown' };
}
