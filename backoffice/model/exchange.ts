/**
 * The exchange (数据共享交换): what departments hold about a person, and records found by a field's value.
 * Every question is logged with the kiosk, the purpose and the time before it is answered (PIPL); the
 * answer never is.
 */
import type { DatasetRecord, ELicence, ExchangeLookupRequest, ExchangePersonRequest, ExchangePersonResponse } from '../api/schemas.ts';
import type { Queryable } from '../db/database.ts';

interface Asked {
  readonly kioskId: string;
  readonly request: ExchangePersonRequest | ExchangeLookupRequest;
  readonly now: number;
}

async function logAccess(db: Queryable, { kioskId, request, now }: Asked): Promise<void> {
  const { purpose, ...query } = request;
  await db.query(
    `INSERT INTO exchange_access_log (kiosk_id, session_id, bundle_code, request, id_number, query, asked_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [kioskId, purpose.sessionId, purpose.bundleCode ?? null, 'dataset' in request ? 'lookup' : 'person', request.idNumber, JSON.stringify(query), now],
  );
}

interface LicenceRow {
  licence_type: string;
  number: string;
  holder_id_number: string;
  trust_level: ELicence['trustLevel'];
  issuer: string;
  valid_to: string | null;
}

/** The person's datasets (only those asked for, when a list is given) and every e-licence that concerns them. */
export async function personData(db: Queryable, kioskId: string, request: ExchangePersonRequest, now: number): Promise<ExchangePersonResponse> {
  await logAccess(db, { kioskId, request, now });
  const datasets = await db.query<{ dataset: string; record: DatasetRecord }>(
    'SELECT dataset, record FROM exchange_datasets WHERE id_number = $1 AND ($2::text[] IS NULL OR dataset = ANY($2::text[])) ORDER BY dataset',
    [request.idNumber, request.datasets ?? null],
  );
  const licences = await db.query<LicenceRow>(
    `SELECT l.licence_type, l.number, l.holder_id_number, l.trust_level, l.issuer, l.valid_to
       FROM exchange_licences l JOIN exchange_licence_parties p USING (number)
      WHERE p.id_number = $1 ORDER BY l.licence_type, l.number`,
    [request.idNumber],
  );
  return {
    datasets: Object.fromEntries(datasets.map((row) => [row.dataset, row.record])),
    eLicences: licences.map((row) => ({
      licenseType: row.licence_type,
      number: row.number,
      holderIdNumber: row.holder_id_number,
      trustLevel: row.trust_level,
      issuer: row.issuer,
      ...(row.valid_to === null ? {} : { validTo: row.valid_to }),
    })),
  };
}

/** The record of `dataset` whose `keyField` is `value`, only if it concerns the applicant. */
export async function lookupRecord(db: Queryable, kioskId: string, request: ExchangeLookupRequest, now: number): Promise<DatasetRecord | undefined> {
  await logAccess(db, { kioskId, request, now });
  const [row] = await db.query<{ record: DatasetRecord }>(
    'SELECT record FROM exchange_lookup_records WHERE dataset = $1 AND key_field = $2 AND value = $3 AND id_number = $4',
    [request.dataset, request.keyField, request.value, request.idNumber],
  );
  return row?.record;
}
