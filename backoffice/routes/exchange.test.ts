import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ELicence, ExchangePersonResponse } from '../api/schemas.ts';
import { describeEachDatabase } from '../db/test-databases.ts';
import { backOfficeStarter } from '../test-support.ts';

const clock = Date.UTC(2026, 11, 2, 6);
const LI_MEI = '110101199603150023';
const WANG_QIANG = '110102199407070030';

describeEachDatabase('the exchange', (target) => {
  const start = backOfficeStarter(target, { now: () => clock, seedExchange: true });
  const purpose = { sessionId: randomUUID(), bundleCode: '110199PCN0009' };

  it("return a person's datasets and every e-licence about them, each with its holder", async () => {
    const b = await start();
    const answer = await b.send({ method: 'POST', path: '/exchange/person', body: { idNumber: LI_MEI, purpose } });
    expect(answer.status).toBe(200);
    const { datasets, eLicences } = answer.json as ExchangePersonResponse;
    expect(datasets['civil.marriageRegister']).toEqual({ 'applicant.maritalStatus': '20', 'spouse.name': '王强', 'spouse.idNumber': WANG_QIANG });
    expect(datasets['health.birthRecord']).toMatchObject({ 'newborn.birthWeight': '3350' });
    expect(datasets['police.identityCheck']).toEqual({});
    const marriage = eLicences.filter((l: ELicence) => l.licenseType === '结婚证电子证照');
    // Her own certificate and her husband's: the kiosk may exempt her material only with the one she holds.
    expect(marriage.map((l) => l.holderIdNumber).sort()).toEqual([LI_MEI, WANG_QIANG].sort());
    expect(eLicences.find((l) => l.licenseType === '居民户口簿电子证照')).toEqual({
      licenseType: '居民户口簿电子证照',
      number: 'HKB-110101-2020-000731',
      holderIdNumber: LI_MEI,
      trustLevel: 'B',
      issuer: '示例市公安局东城分局',
    });
    // Nobody else's licences of the same types.
    expect(eLicences.every((l) => l.holderIdNumber === LI_MEI || l.holderIdNumber === WANG_QIANG)).toBe(true);
  });

  it('return only the datasets asked for, nothing for a stranger, and log every question without its answer', async () => {
    const b = await start();
    const ask = (body: object) => b.send({ method: 'POST', path: '/exchange/person', body });
    const some = (await ask({ idNumber: LI_MEI, purpose, datasets: ['police.householdRegister', 'nhsa.insuredRecord'] })).json as ExchangePersonResponse;
    expect(Object.keys(some.datasets)).toEqual(['police.householdRegister']);
    expect(await ask({ idNumber: '110108198905120022', purpose })).toMatchObject({ status: 200, json: { datasets: {}, eLicences: [] } });
    const db = await target.connect();
    const log = await db.query('SELECT request, id_number, query, session_id::text, bundle_code, asked_at FROM exchange_access_log WHERE kiosk_id = $1 ORDER BY id', [b.credentials.kioskId]);
    expect(log).toEqual([
      { request: 'person', id_number: LI_MEI, query: { idNumber: LI_MEI, datasets: ['police.householdRegister', 'nhsa.insuredRecord'] }, session_id: purpose.sessionId, bundle_code: '110199PCN0009', asked_at: clock },
      { request: 'person', id_number: '110108198905120022', query: { idNumber: '110108198905120022' }, session_id: purpose.sessionId, bundle_code: '110199PCN0009', asked_at: clock },
    ]);
  });

  it("find a record by a field's value only for a person it concerns", async () => {
    const b = await start();
    const lookup = (idNumber: string, value: string) =>
      b.send({ method: 'POST', path: '/exchange/lookup', body: { dataset: 'nrs.realEstateRegister', keyField: 'premises.certificateNumber', value, idNumber, purpose } });
    const certificate = '京(2025)示例市不动产权第0012345号';
    expect(await lookup('110108198809200057', certificate)).toMatchObject({ status: 200, json: { record: { 'enterprise.address': '示例市东城区创业路8号2层201室', 'enterprise.premisesUse': 'commercial' } } });
    // Someone else's certificate number, even a real one, finds nothing for this applicant.
    expect(await lookup('110106199008220017', certificate)).toMatchObject({ status: 404, json: { error: 'not-found' } });
    expect(await lookup('110108198809200057', '京(2025)示例市不动产权第0000000号')).toMatchObject({ status: 404 });
    const db = await target.connect();
    expect(await db.query(`SELECT count(*)::int AS n FROM exchange_access_log WHERE kiosk_id = $1 AND request = 'lookup'`, [b.credentials.kioskId])).toEqual([{ n: 3 }]);
    expect(await db.query('SELECT 1 FROM exchange_access_log WHERE query::text LIKE $1', ['%enterprise.address%'])).toEqual([]);
  });

  it('refuse questions without a purpose or with a malformed ID number', async () => {
    const b = await start();
    expect(await b.send({ method: 'POST', path: '/exchange/person', body: { idNumber: LI_MEI } })).toMatchObject({ status: 400, json: { issues: [expect.stringMatching(/^purpose: /)] } });
    expect(await b.send({ method: 'POST', path: '/exchange/person', body: { idNumber: 'li mei', purpose } })).toMatchObject({ status: 400, json: { issues: [expect.stringMatching(/^idNumber: /)] } });
  });
});
