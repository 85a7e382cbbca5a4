/**
 * Loads the exchange's fake people (fixtures/exchange.json: datasets, e-licences, lookup records, QR e-ID
 * codes) into the database, for demos, training and tests. Upserts, so a restart picks up an edited
 * fixture and several instances may seed at once. A real deployment connects a real exchange instead and
 * never seeds.
 */
import * as v from 'valibot';
import { DatasetRecordSchema, EidIdentitySchema, ELicenceSchema } from '../api/schemas.ts';
import type { Database, Queryable } from '../db/database.ts';
import { issueLines } from '../http/json-body.ts';
import fixture from '../fixtures/exchange.json' with { type: 'json' };

const IdNumber = v.pipe(v.string(), v.regex(/^[0-9A-Z]{15,18}$/));
const Key = v.pipe(v.string(), v.regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/));

export const ExchangeFixtureSchema = v.strictObject({
  about: v.string(),
  people: v.array(v.strictObject({ name: v.string(), idNumber: IdNumber, datasets: v.record(Key, DatasetRecordSchema) })),
  /** `concerns`: the other people a licence is about (a spouse on a marriage certificate); its holder always is. */
  eLicences: v.array(v.strictObject({ ...ELicenceSchema.entries, concerns: v.optional(v.array(IdNumber)) })),
  lookups: v.array(v.strictObject({ dataset: Key, keyField: Key, value: v.pipe(v.string(), v.nonEmpty()), idNumber: IdNumber, record: DatasetRecordSchema })),
  eidCodes: v.array(v.strictObject({ code: v.pipe(v.string(), v.regex(/^EID1:[0-9A-Z]{8,64}$/)), identity: EidIdentitySchema })),
});
export type ExchangeFixture = v.InferOutput<typeof ExchangeFixtureSchema>;

/** The shipped fixture, checked: a broken edit is reported by path. */
export function shippedExchangeFixture(): ExchangeFixture {
  const parsed = v.safeParse(ExchangeFixtureSchema, fixture);
  if (!parsed.success) throw new Error(`backoffice/fixtures/exchange.json: ${issueLines(parsed.issues).join('; ')}`);
  return parsed.output;
}

async function seedLicences(tx: Queryable, licences: ExchangeFixture['eLicences']): Promise<void> {
  for (const licence of licences) {
    await tx.query(
      `INSERT INTO exchange_licences (number, licence_type, holder_id_number, trust_level, issuer, valid_to) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (number) DO UPDATE SET licence_type = excluded.licence_type, holder_id_number = excluded.holder_id_number,
         trust_level = excluded.trust_level, issuer = excluded.issuer, valid_to = excluded.valid_to`,
      [licence.number, licence.licenseType, licence.holderIdNumber, licence.trustLevel, licence.issuer, licence.validTo ?? null],
    );
    await tx.query('DELETE FROM exchange_licence_parties WHERE number = $1', [licence.number]);
    await tx.query('INSERT INTO exchange_licence_parties (number, id_number) SELECT $1, p FROM unnest($2::text[]) AS t (p) ON CONFLICT DO NOTHING', [
      licence.number,
      [licence.holderIdNumber, ...(licence.concerns ?? [])],
    ]);
  }
}

export async function seedExchange(db: Database, data: ExchangeFixture = shippedExchangeFixture()): Promise<void> {
  await db.transaction(async (tx) => {
    for (const person of data.people) {
      for (const [dataset, record] of Object.entries(person.datasets)) {
        await tx.query(
          'INSERT INTO exchange_datasets (id_number, dataset, record) VALUES ($1, $2, $3::jsonb) ON CONFLICT (id_number, dataset) DO UPDATE SET record = excluded.record',
          [person.idNumber, dataset, JSON.stringify(record)],
        );
      }
    }
    await seedLicences(tx, data.eLicences);
    for (const lookup of data.lookups) {
      await tx.query(
        `INSERT INTO exchange_lookup_records (dataset, key_field, value, id_number, record) VALUES ($1, $2, $3, $4, $5::jsonb)
         ON CONFLICT (dataset, key_field, value, id_number) DO UPDATE SET record = excluded.record`,
        [lookup.dataset, lookup.keyField, lookup.value, lookup.idNumber, JSON.stringify(lookup.record)],
      );
    }
    for (const eid of data.eidCodes) {
      await tx.query('INSERT INTO eid_codes (code, identity) VALUES ($1, $2::jsonb) ON CONFLICT (code) DO UPDATE SET identity = excluded.identity', [eid.code, JSON.stringify(eid.identity)]);
    }
  });
}
