/**
 * The exchange in a transaction: after consent the applicant's records and e-licences come in (or the
 * session goes on as offline), prefill the form, spare materials only for their holder, and a certificate
 * number typed on the form finds its record.
 */
import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import * as v from 'valibot';
import { CatalogFilesSchema, type Catalog } from '../../kiosk-config/catalog-schema.ts';
import { BIRTH_BUNDLE, BIRTH_CATALOG, FATHER_ID, MOTHER_CARD, MOTHER_ID } from '../bundle/birth-catalog.fixture.ts';
import { applicantFactsFromCard } from '../bundle/index.ts';
import { transactionView } from './session-view.ts';
import { submissionRecord } from './submission-record.ts';
import {
  createTransactionMachine,
  materialsPlanFor,
  type Applicant,
  type ExchangeAnswer,
  type ExchangeInput,
  type LookupInput,
  type LookupOutput,
  type TransactionEvent,
} from './transaction-machine.ts';

const T0 = Date.parse('2025-03-01T09:00:00+08:00');
const mother: Applicant = { via: 'idcard', card: MOTHER_CARD, facts: applicantFactsFromCard(MOTHER_CARD, '2025-03-01') };

const ANSWER: ExchangeAnswer = {
  datasets: {
    'police.household': { 'household.address': '长沙市芙蓉区五一大道1号' },
    'civil.marriage': { 'applicant.maritalStatus': 'married' },
  },
  eLicences: [
    { licenseType: 'marriage-cert', number: 'JH-2019-0001', holderIdNumber: MOTHER_ID, trustLevel: 'B' },
    // The father's: the same type the mother would need, never hers.
    { licenseType: 'birth-cert', number: 'CS-2025-0001', holderIdNumber: FATHER_ID, trustLevel: 'A' },
    { licenseType: 'resident-id', number: 'SFZ-0001', holderIdNumber: MOTHER_ID, trustLevel: 'A', validTo: '2024-12-31' },
  ],
};

/** The birth catalog with the newborn's weight found in the birth record by the record's number. */
function withBirthRecordLookup(): Catalog {
  const [recordNumber] = v.parse(CatalogFilesSchema['fields.yaml'], {
    fields: [{ key: 'child.recordNumber', type: 'text', label: { 'zh-CN': '出生医学记录编号' }, input: 'keyboard', source: { kind: 'manual' }, personal: false }],
  }).fields;
  const fields = new Map(BIRTH_CATALOG.fields);
  fields.set('child.recordNumber', recordNumber!);
  const weight = fields.get('child.weight')!;
  fields.set('child.weight', { ...weight, source: { kind: 'shared', dataset: 'health.birthRecord', lookupBy: 'child.recordNumber' } });
  const items = new Map(BIRTH_CATALOG.items);
  const cert = items.get('BIRTH-CERT')!;
  items.set('BIRTH-CERT', { ...cert, fields: [{ key: 'child.recordNumber', required: false }, ...cert.fields] });
  return { ...BIRTH_CATALOG, fields, items };
}

function start(catalog: Catalog, exchange: (input: ExchangeInput) => Promise<ExchangeAnswer>, lookup: (input: LookupInput) => Promise<LookupOutput> = async () => ({})) {
  const f = { exchange: vi.fn(exchange), lookup: vi.fn(lookup) };
  const machine = createTransactionMachine(catalog).provide({
    actors: {
      fetchExchange: fromPromise(({ input }: { input: ExchangeInput }) => f.exchange(input)),
      lookupDataset: fromPromise(({ input }: { input: LookupInput }) => f.lookup(input)),
    },
  });
  const actor = createActor(machine, { input: { sessionId: 'session-1', catalogVersion: 'test', now: T0 } }).start();
  let at = T0;
  const send = (event: Record<string, unknown> & { type: string }) => actor.send({ ...event, at: (at += 1000) } as TransactionEvent);
  const ctx = () => actor.getSnapshot().context;
  const view = () => transactionView(catalog, actor.getSnapshot(), { now: at });
  const field = (key: string) => view().fields.find((fv) => fv.key === key);
  return { actor, send, ctx, view, field, f };
}

async function toForm(s: ReturnType<typeof start>, applicant = mother) {
  s.send({ type: 'device.cardRead', applicant });
  s.send({ type: 'user.consent', accepted: true });
  await waitFor(s.actor, (snap) => snap.matches({ session: 'choose' }));
  s.send({ type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [] });
}

describe('the exchange in a transaction', () => {
  it('asks after consent, by the number on the card, and prefills what the departments hold', async () => {
    const s = start(BIRTH_CATALOG, async () => ANSWER);
    s.send({ type: 'device.cardRead', applicant: mother });
    expect(s.f.exchange).not.toHaveBeenCalled();
    s.send({ type: 'user.consent', accepted: true });
    expect(s.view().step).toBe('gathering');
    await waitFor(s.actor, (snap) => snap.matches({ session: 'choose' }));
    expect(s.f.exchange).toHaveBeenCalledWith({ sessionId: 'session-1', idNumber: MOTHER_ID, bundleCode: null });
    s.send({ type: 'user.chooseBundle', code: BIRTH_BUNDLE.code, optionalItems: [] });
    expect(s.ctx().values['household.address']).toBe('长沙市芙蓉区五一大道1号');
    expect(s.ctx().values['applicant.maritalStatus']).toBe('married');
    expect(s.field('household.address')).toMatchObject({ origin: 'shared', editable: false });
    expect(s.view().exchange).toBe('online');
    // The department's record is authoritative: the citizen cannot overwrite it here.
    s.send({ type: 'user.setValue', key: 'household.address', value: '别处' });
    expect(s.ctx().values['household.address']).toBe('长沙市芙蓉区五一大道1号');
  });

  it('spares a material with an e-licence only for its holder, and a shared check only when the exchange holds the data', async () => {
    const s = start(BIRTH_CATALOG, async () => ANSWER);
    await toForm(s);
    const plan = materialsPlanFor(BIRTH_CATALOG, s.ctx())!;
    const action = (key: string) => plan.materials.find((m) => m.key === key);
    expect(action('marriage.cert')).toMatchObject({ action: 'exempt', trustLevel: 'B' });
    // Only the father holds a birth certificate licence: the mother gets no exemption from it.
    expect(action('birth.certificate')?.action).toBe('bring-paper');
    // Her ID-card licence has expired: the parents' ID cards are captured instead.
    expect(action('id.parents')?.action).toBe('capture');
    expect(action('household.register')).toMatchObject({ action: 'authorise' });
    expect(action('household.register')?.deferred).toBeUndefined();
    const record = submissionRecord(BIRTH_CATALOG, s.ctx(), T0);
    expect(record.exchange).toBe('online');
    expect(record.materials.find((m) => m.key === 'marriage.cert')?.licenceNumber).toBe('JH-2019-0001');
    expect(record.materials.find((m) => m.key === 'birth.certificate')?.licenceNumber).toBeUndefined();
  });

  it('goes on as offline when the exchange does not answer, and says so', async () => {
    const s = start(BIRTH_CATALOG, async () => Promise.reject(new Error('timeout')));
    await toForm(s);
    expect(s.view().exchange).toBe('offline');
    expect(s.ctx().values['household.address']).toBeUndefined();
    expect(s.field('household.address')).toMatchObject({ editable: true, display: null });
    const plan = materialsPlanFor(BIRTH_CATALOG, s.ctx())!;
    expect(plan.materials.find((m) => m.key === 'household.register')).toMatchObject({ action: 'authorise', deferred: true });
    expect(plan.materials.find((m) => m.key === 'marriage.cert')?.action).not.toBe('exempt');
    expect(submissionRecord(BIRTH_CATALOG, s.ctx(), T0).exchange).toBe('offline');
  });

  it('never asks the exchange for an applicant whose document the kiosk did not read', async () => {
    const s = start(BIRTH_CATALOG, async () => ANSWER);
    s.send({ type: 'helper.identify', applicant: { ...mother, via: 'helper', helperId: 'H001' } });
    s.send({ type: 'user.consent', accepted: true });
    expect(s.actor.getSnapshot().value).toEqual({ session: 'choose' });
    expect(s.f.exchange).not.toHaveBeenCalled();
    expect(s.view().exchange).toBe('offline');
  });

  it('finds a record by a number typed on the form, forgets it when the number changes, and says when it finds none', async () => {
    const catalog = withBirthRecordLookup();
    const s = start(catalog, async () => ANSWER, async ({ lookups }) =>
      Object.fromEntries(lookups.map((l) => [l.dataset, l.value === 'CS-0001' ? { 'child.weight': '3300' } : null])),
    );
    await toForm(s);
    expect(s.field('child.recordNumber')?.lookup).toBeUndefined();
    s.send({ type: 'user.setValue', key: 'child.recordNumber', value: 'CS-0001' });
    expect(s.actor.getSnapshot().value).toEqual({ session: { form: 'lookingUp' } });
    expect(s.view().step).toBe('form');
    expect(s.field('child.recordNumber')?.lookup).toBe('pending');
    await waitFor(s.actor, (snap) => snap.matches({ session: { form: 'editing' } }));
    expect(s.f.lookup).toHaveBeenCalledWith({
      sessionId: 'session-1',
      idNumber: MOTHER_ID,
      lookups: [{ dataset: 'health.birthRecord', keyField: 'child.recordNumber', value: 'CS-0001' }],
    });
    expect(s.ctx().values['child.weight']).toBe(3300);
    expect(s.field('child.recordNumber')?.lookup).toBe('found');
    expect(s.field('child.weight')).toMatchObject({ origin: 'shared', editable: false });

    s.send({ type: 'user.setValue', key: 'child.recordNumber', value: 'CS-0002' });
    // The weight of the other record is gone at once, before the new one is looked up.
    expect(s.ctx().values['child.weight']).toBeUndefined();
    await waitFor(s.actor, (snap) => snap.matches({ session: { form: 'editing' } }));
    expect(s.field('child.recordNumber')?.lookup).toBe('not-found');
    expect(s.field('child.weight')).toMatchObject({ editable: true, display: null });
    s.send({ type: 'user.setValue', key: 'child.weight', value: 3100 });
    expect(s.ctx().values['child.weight']).toBe(3100);
    // The same number again finds nothing new: no second lookup.
    s.send({ type: 'user.setValue', key: 'child.recordNumber', value: 'CS-0002' });
    expect(s.f.lookup).toHaveBeenCalledTimes(2);
  });

  it('lets the citizen type the record themselves when the lookup fails', async () => {
    const s = start(withBirthRecordLookup(), async () => ANSWER, async () => Promise.reject(new Error('timeout')));
    await toForm(s);
    s.send({ type: 'user.setValue', key: 'child.recordNumber', value: 'CS-0001' });
    await waitFor(s.actor, (snap) => snap.matches({ session: { form: 'editing' } }));
    expect(s.field('child.recordNumber')?.lookup).toBe('failed');
    expect(s.field('child.weight')?.editable).toBe(true);
  });

  it('looks nothing up offline', async () => {
    const s = start(withBirthRecordLookup(), async () => Promise.reject(new Error('offline')));
    await toForm(s);
    s.send({ type: 'user.setValue', key: 'child.recordNumber', value: 'CS-0001' });
    expect(s.actor.getSnapshot().value).toEqual({ session: { form: 'editing' } });
    expect(s.f.lookup).not.toHaveBeenCalled();
  });
});
