/**
 * The exchange as sessions see it, against the reference back office on loopback with its fake people
 * (backoffice/fixtures/exchange.json): records and e-licences of the card holder, a record found by a
 * certificate number, and failures that a session takes as "offline".
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecret } from '../../backoffice/api/signing.ts';
import { startBackOffice, type BackOfficeServer } from '../../backoffice/server.ts';
import { BackOfficeClient } from '../sync/backoffice-client.ts';
import { exchangeSource, ExchangeUnavailable } from './exchange-source.ts';

/** The (fake) mother of test/fixtures/cards/birth-mother.json and her husband. */
const MOTHER = '110105199603150029';
const FATHER = '110105199411080038';
const credentials = { kioskId: 'K-EXCHANGE', secret: newSecret() };
let server: BackOfficeServer;
let source: ReturnType<typeof exchangeSource>;

beforeAll(async () => {
  server = await startBackOffice({ seedExchange: true });
  await server.registerKiosk(credentials);
  source = exchangeSource(new BackOfficeClient({ baseUrl: server.url, credentials, connectTimeoutMs: 2000, responseTimeoutMs: 5000 }));
});
afterAll(() => server.close());

const signal = () => AbortSignal.timeout(5000);

describe('exchange source (real back office)', () => {
  it('returns the card holder’s records and e-licences, each licence with its holder', async () => {
    const answer = await source.person({ sessionId: randomUUID(), idNumber: MOTHER, bundleCode: null }, signal());
    expect(answer.datasets['police.householdRegister']).toMatchObject({ 'applicant.householdAddress': '北京市东城区测试路5号' });
    expect(answer.datasets['health.birthRecord']?.['newborn.birthWeight']).toBe('3200');
    expect(answer.eLicences.length).toBeGreaterThan(0);
    for (const licence of answer.eLicences) {
      expect(Object.keys(licence).sort()).toEqual(expect.arrayContaining(['holderIdNumber', 'licenseType', 'number', 'trustLevel']));
      expect(licence).not.toHaveProperty('issuer');
    }
    const other = await source.person({ sessionId: randomUUID(), idNumber: FATHER, bundleCode: null }, signal());
    expect(other.datasets['health.birthRecord']).toBeUndefined();
  });

  it('finds a record by a field’s value only for the person it concerns', async () => {
    const fixture = (await import('../../backoffice/fixtures/exchange.json', { with: { type: 'json' } })).default as {
      lookups: { dataset: string; keyField: string; value: string; idNumber: string }[];
    };
    const lookup = fixture.lookups[0]!;
    const request = { dataset: lookup.dataset, keyField: lookup.keyField, value: lookup.value };
    const found = await source.lookup({ sessionId: randomUUID(), idNumber: lookup.idNumber, request }, signal());
    expect(found).not.toBeNull();
    expect(await source.lookup({ sessionId: randomUUID(), idNumber: '11010519491231002X', request }, signal())).toBeNull();
  });

  it('fails, for the session to go on offline, when the back office refuses or is gone', async () => {
    const stranger = exchangeSource(new BackOfficeClient({ baseUrl: server.url, credentials: { kioskId: 'K-UNKNOWN', secret: newSecret() }, connectTimeoutMs: 2000, responseTimeoutMs: 5000 }));
    await expect(stranger.person({ sessionId: randomUUID(), idNumber: MOTHER, bundleCode: null }, signal())).rejects.toBeInstanceOf(ExchangeUnavailable);
    const gone = exchangeSource(new BackOfficeClient({ baseUrl: 'http://127.0.0.1:9', credentials, connectTimeoutMs: 500, responseTimeoutMs: 1000 }));
    await expect(gone.person({ sessionId: randomUUID(), idNumber: MOTHER, bundleCode: null }, signal())).rejects.toThrow('the exchange did not answer');
  });
});
