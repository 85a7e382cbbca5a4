import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCardDescription, type SimulatedCard } from '../card-description.ts';
import { parseIdText } from '../id-text.ts';
import { commandFrame, parseAppendedAddress, parseBaseInfo, parseSamId, type SamCommandName } from '../sam-commands.ts';
import { SamDeframer } from '../sam-deframer.ts';
import { PREAMBLE, asResponse, encodeCommand, toHex } from '../sam-frame.ts';
import { VirtualSamReader, type VirtualSamOptions } from './virtual-sam.ts';

function loadCard(file: string, extra: Record<string, unknown> = {}): SimulatedCard {
  const json = JSON.parse(readFileSync(join(import.meta.dirname, 'cards', file), 'utf8')) as Record<string, unknown>;
  const result = parseCardDescription({ ...json, ...extra });
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.card;
}

const ZHANG_SAN = loadCard('resident-zhang-san.json');

function rig(options: Partial<VirtualSamOptions> = {}) {
  const sent: Uint8Array[] = [];
  const reader = new VirtualSamReader({ transmit: (bytes) => sent.push(bytes), ...options });
  /** Sends bytes and returns what the reader answered to them. */
  const exchange = (bytes: Uint8Array): Uint8Array[] => {
    sent.length = 0;
    reader.receive(bytes);
    return [...sent];
  };
  const command = (name: SamCommandName, data?: Uint8Array): string => exchange(commandFrame(name, data)).map(toHex).join(' | ');
  const response = (name: SamCommandName) => {
    const [bytes] = exchange(commandFrame(name));
    const [frame] = new SamDeframer().push(bytes ?? new Uint8Array(0));
    const parsed = frame && asResponse(frame);
    if (!parsed) throw new Error('no response frame');
    return { bytes: bytes as Uint8Array, ...parsed };
  };
  return { reader, exchange, command, response };
}

const reply = (tail: string) => `AA AA AA 96 69 ${tail}`;

describe('VirtualSamReader without a card', () => {
  it('answers the SAM commands', () => {
    const { command, response } = rig();
    expect(command('samStatus')).toBe(reply('00 04 00 00 90 94'));
    expect(command('resetSam')).toBe(reply('00 04 00 00 90 94'));
    expect(command('setMaxRfBytes', Uint8Array.of(0x50))).toBe(reply('00 04 00 00 90 94'));
    const samId = response('readSamId');
    expect(samId.bytes).toHaveLength(27);
    expect(parseSamId(samId.data)).toMatchObject({ ok: true, id: '05.01-20200101-000000001-000000002' });
  });

  it('reports no card to find, select, read and the removal probe', () => {
    const { command } = rig();
    expect(command('findCard')).toBe(reply('00 04 00 00 80 84'));
    expect(command('selectCard')).toBe(reply('00 04 00 00 81 85'));
    expect(command('readBaseInfo')).toBe(reply('00 04 00 00 41 45'));
    expect(command('readAppendedAddress')).toBe(reply('00 04 00 00 41 45'));
  });

  it('rejects bad checksums, bad lengths and unknown commands', () => {
    const { exchange, command } = rig();
    const bad = commandFrame('findCard');
    bad[9] = 0x23;
    expect(exchange(bad).map(toHex)).toEqual([reply('00 04 00 00 10 14')]);
    expect(exchange(Uint8Array.of(...PREAMBLE, 0x00, 0x02)).map(toHex)).toEqual([reply('00 04 00 00 11 15')]);
    expect(exchange(encodeCommand(0x20, 0x03)).map(toHex)).toEqual([reply('00 04 00 00 21 25')]);
    expect(exchange(encodeCommand(0x60, 0x00)).map(toHex)).toEqual([reply('00 04 00 00 21 25')]);
    expect(exchange(encodeCommand(0x20, 0x01, Uint8Array.of(1))).map(toHex)).toEqual([reply('00 04 00 00 21 25')]);
    expect(command('setMaxRfBytes')).toBe(reply('00 04 00 00 21 25'));
  });

  it('ignores line noise, and answers commands split or batched in order', () => {
    const { exchange, reader } = rig();
    expect(exchange(Uint8Array.of(1, 2, 3, 0x96, 0x69))).toEqual([]);
    const find = commandFrame('findCard');
    expect(exchange(find.subarray(0, 4))).toEqual([]);
    expect(exchange(find.subarray(4)).map(toHex)).toEqual([reply('00 04 00 00 80 84')]);
    const bad = commandFrame('samStatus');
    bad[9] = 0;
    const answers = exchange(Uint8Array.from([...commandFrame('samStatus'), ...bad, ...find]));
    expect(answers.map((a) => a[9])).toEqual([0x90, 0x10, 0x80]);
    expect(reader.status.badFrames).toBe(1);
  });
});

describe('VirtualSamReader with the synthetic card', () => {
  it('finds, selects and reads it byte-exactly (reference §1.2)', () => {
    const { reader, command, exchange } = rig();
    reader.insertCard(ZHANG_SAN);
    expect(command('findCard')).toBe(reply('00 08 00 00 9F 00 00 00 00 97'));
    expect(command('selectCard')).toBe(reply('00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'));
    const [read, ...rest] = exchange(commandFrame('readBaseInfo'));
    expect(rest).toEqual([]);
    expect(read).toHaveLength(1295);
    expect(toHex(read!.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    expect(toHex(read!.subarray(14, 20))).toBe('20 5F 09 4E 20 00');
    expect(read![1294]).toBe(0xa6);
  });

  it('sends what the host side decodes back to the card', () => {
    const { reader, response } = rig();
    reader.insertCard(ZHANG_SAN);
    const { sw3, data } = response('readBaseInfo');
    expect(sw3).toBe(0x90);
    const info = parseBaseInfo(data, false);
    if (!info.ok) throw new Error(info.problem);
    expect(parseIdText(info.text)).toEqual({ ok: true, card: ZHANG_SAN.text });
    expect(info.photo).toEqual(ZHANG_SAN.photo);
  });

  it.each([
    ['no fingerprint', undefined, 1297],
    ['a 512-byte fingerprint', 512, 1809],
    ['a 1024-byte fingerprint', 1024, 2321],
  ])('answers 30 10 for a card with %s in the documented size', (_name, fpLength, frameLength) => {
    const { reader, response } = rig();
    const extra = fpLength === undefined ? {} : { fingerprintBase64: Buffer.alloc(fpLength, 5).toString('base64') };
    reader.insertCard(loadCard('resident-zhang-san.json', extra));
    const { bytes, data } = response('readBaseInfoWithFingerprint');
    expect(bytes).toHaveLength(frameLength);
    const info = parseBaseInfo(data, true);
    expect(info.ok && info.fingerprint).toEqual(new Uint8Array(fpLength ?? 0).fill(5));
  });

  it('answers the appended address with 91 when there is none, else its text', () => {
    const { reader, command, response } = rig();
    reader.insertCard(ZHANG_SAN);
    expect(command('readAppendedAddress')).toBe(reply('00 04 00 00 91 95'));
    reader.insertCard(loadCard('resident-zhang-san.json', { appendedAddress: '北京市东城区测试路9号' }));
    const { sw3, data } = response('readAppendedAddress');
    expect(sw3).toBe(0x90);
    expect(data).toHaveLength(70);
    expect(parseAppendedAddress(data)).toEqual({ ok: true, address: '北京市东城区测试路9号' });
  });

  it('encodes every sample document type', () => {
    for (const file of ['hmt-permit.json', 'foreign-2017.json', 'foreign-2023.json', 'resident-expired.json']) {
      const card = loadCard(file);
      const { reader, response } = rig();
      reader.insertCard(card);
      const info = parseBaseInfo(response('readBaseInfo').data, false);
      expect(info.ok && parseIdText(info.text)).toEqual({ ok: true, card: card.text });
    }
  });
});

describe('VirtualSamReader faults', () => {
  it('read-failure: the card is found but reads answer 41', () => {
    const { reader, command, exchange } = rig();
    reader.insertCard(ZHANG_SAN);
    reader.setFault('read-failure');
    expect(command('findCard')).toBe(reply('00 08 00 00 9F 00 00 00 00 97'));
    expect(command('readBaseInfo')).toBe(reply('00 04 00 00 41 45'));
    expect(command('readBaseInfoWithFingerprint')).toBe(reply('00 04 00 00 41 45'));
    reader.setFault('none');
    expect(exchange(commandFrame('readBaseInfo'))[0]).toHaveLength(1295);
  });

  it('auth-failure: the SAM rejects the card with 32', () => {
    const { reader, command } = rig();
    reader.insertCard(ZHANG_SAN);
    reader.setFault('auth-failure');
    expect(command('readBaseInfo')).toBe(reply('00 04 00 00 32 36'));
    expect(reader.status.readsThisPresence).toBe(0);
  });

  it('remove-mid-read: the read fails with 41 and the card is gone', () => {
    const { reader, command } = rig();
    reader.insertCard(ZHANG_SAN);
    reader.setFault('remove-mid-read');
    expect(command('readBaseInfo')).toBe(reply('00 04 00 00 41 45'));
    expect(command('findCard')).toBe(reply('00 04 00 00 80 84'));
    expect(reader.status).toMatchObject({ cardPresent: false, fault: 'remove-mid-read', totalReads: 0 });
  });

  it('garbage: responses come after noise that the host deframer drops', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const { reader, exchange } = rig({ random });
    reader.insertCard(ZHANG_SAN);
    reader.setFault('garbage');
    const host = new SamDeframer();
    for (const name of ['findCard', 'selectCard', 'readBaseInfo'] as const) {
      const [bytes] = exchange(commandFrame(name));
      const frames = host.push(bytes!);
      expect(frames).toHaveLength(1);
      expect(bytes!.length).toBeGreaterThan(frames[0]!.bytes.length);
    }
    expect(host.checksumErrors).toBe(0);
    expect(host.discardedBytes).toBeGreaterThan(0);
  });
});

describe('VirtualSamReader presence accounting', () => {
  it('counts reads per presence so a host test can check the one-read policy', () => {
    const { reader, command } = rig();
    expect(reader.status).toMatchObject({ cardPresent: false, cardType: undefined, presences: 0, readsThisPresence: 0 });
    reader.insertCard(ZHANG_SAN);
    command('readBaseInfo');
    command('readBaseInfo');
    expect(reader.status).toMatchObject({ cardPresent: true, cardType: 'resident', presences: 1, readsThisPresence: 2, totalReads: 2 });
    reader.removeCard();
    expect(reader.status).toMatchObject({ cardPresent: false, readsThisPresence: 0, totalReads: 2 });
    reader.insertCard(ZHANG_SAN);
    expect(reader.status).toMatchObject({ presences: 2, readsThisPresence: 0 });
  });

  it('optionally refuses find after a read until the card leaves, as some readers do', () => {
    const { reader, command } = rig({ findFailsAfterRead: true });
    reader.insertCard(ZHANG_SAN);
    expect(command('findCard')).toBe(reply('00 08 00 00 9F 00 00 00 00 97'));
    command('readBaseInfo');
    expect(command('findCard')).toBe(reply('00 04 00 00 80 84'));
    reader.removeCard();
    reader.insertCard(ZHANG_SAN);
    expect(command('findCard')).toBe(reply('00 08 00 00 9F 00 00 00 00 97'));
  });

  it('validates its SAM id option', () => {
    expect(() => new VirtualSamReader({ transmit: () => undefined, samId: new Uint8Array(3) })).toThrow(/"samId"/);
  });
});
