/**
 * The back office's schema as versioned migrations, kept in code so the schema ships with the software that
 * reads it. Append-only: a migration that has run anywhere is never edited (migrate.ts refuses a database
 * whose applied migration differs from the code); change the schema with the next version.
 *
 * Times are epoch milliseconds (bigint) from the back office's injected clock, never the database's, so
 * tests control time and every instance agrees with its own answers.
 */
export interface Migration {
  /** 1, 2, 3, ... in the order they run. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'kiosks, submissions and cases, attachments, ratings, heartbeats, catalogs, exchange, staff',
    sql: `
      CREATE TABLE kiosks (
        id         text PRIMARY KEY,
        secret     text NOT NULL,
        created_at bigint NOT NULL,
        revoked_at bigint
      );

      -- A nonce is accepted once per kiosk: the primary key refuses a replay on every instance.
      CREATE TABLE request_nonces (
        kiosk_id text NOT NULL REFERENCES kiosks (id) ON DELETE CASCADE,
        nonce    text NOT NULL,
        seen_at  bigint NOT NULL,
        PRIMARY KEY (kiosk_id, nonce)
      );
      CREATE INDEX request_nonces_by_seen_at ON request_nonces (seen_at);

      CREATE TABLE catalogs (
        version      text PRIMARY KEY,
        files        jsonb NOT NULL,
        published_at bigint NOT NULL,
        is_current   boolean NOT NULL DEFAULT false
      );
      CREATE UNIQUE INDEX catalogs_one_current ON catalogs (is_current) WHERE is_current;

      -- ack is the exact JSON text first answered, so a repeat gets the same bytes (jsonb would reorder keys).
      CREATE TABLE submissions (
        idempotency_key     uuid PRIMARY KEY,
        receipt_number      text NOT NULL UNIQUE,
        kiosk_id            text NOT NULL REFERENCES kiosks (id),
        body_hash           text NOT NULL,
        catalog_version     text NOT NULL,
        bundle_code         text NOT NULL,
        applicant_id_number text NOT NULL,
        record              jsonb NOT NULL,
        ack                 text NOT NULL,
        submitted_at        bigint NOT NULL,
        received_at         bigint NOT NULL
      );
      CREATE INDEX submissions_by_applicant ON submissions (applicant_id_number, received_at DESC);
      CREATE INDEX submissions_by_received_at ON submissions (received_at DESC);

      CREATE TABLE staff (
        id              text PRIMARY KEY,
        name            text NOT NULL,
        -- scrypt, as "scrypt$N$r$p$salt$hash" (base64url)
        password_hash   text NOT NULL,
        created_at      bigint NOT NULL,
        disabled_at     bigint,
        failed_sign_ins integer NOT NULL DEFAULT 0,
        locked_until    bigint
      );
      CREATE TABLE staff_sessions (
        token_hash   text PRIMARY KEY,
        staff_id     text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
        created_at   bigint NOT NULL,
        expires_at   bigint NOT NULL,
        last_seen_at bigint NOT NULL
      );
      CREATE INDEX staff_sessions_by_expires_at ON staff_sessions (expires_at);

      -- 办件编号 BJ<yyyymmdd><8 digits>: the digits from this sequence, unique across days and instances.
      CREATE SEQUENCE case_number_seq MINVALUE 1 MAXVALUE 99999999 NO CYCLE;
      CREATE TABLE case_items (
        case_number     text PRIMARY KEY,
        idempotency_key uuid NOT NULL REFERENCES submissions (idempotency_key),
        position        integer NOT NULL,
        item_code       text NOT NULL,
        status          text NOT NULL CHECK (status IN ('received', 'accepted', 'processing', 'completed', 'returned')),
        note            text,
        updated_at      bigint NOT NULL,
        UNIQUE (idempotency_key, item_code)
      );
      CREATE TABLE case_status_history (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_number text NOT NULL REFERENCES case_items (case_number),
        status      text NOT NULL CHECK (status IN ('received', 'accepted', 'processing', 'completed', 'returned')),
        note        text,
        changed_at  bigint NOT NULL,
        -- null when the back office itself set the status (received on delivery)
        staff_id    text REFERENCES staff (id)
      );
      CREATE INDEX case_status_history_by_case ON case_status_history (case_number, changed_at);

      -- An upload in progress keeps its chunks; the last one assembles content and drops them.
      CREATE TABLE attachments (
        sha256       text PRIMARY KEY,
        size         integer NOT NULL CHECK (size > 0),
        received     integer NOT NULL CHECK (received BETWEEN 0 AND size),
        complete     boolean NOT NULL DEFAULT false,
        content      bytea,
        started_at   bigint NOT NULL,
        completed_at bigint
      );
      CREATE TABLE attachment_chunks (
        sha256       text NOT NULL REFERENCES attachments (sha256) ON DELETE CASCADE,
        chunk_offset integer NOT NULL,
        bytes        bytea NOT NULL,
        PRIMARY KEY (sha256, chunk_offset)
      );
      CREATE TABLE submission_attachments (
        idempotency_key uuid NOT NULL REFERENCES submissions (idempotency_key),
        position        integer NOT NULL,
        sha256          text NOT NULL REFERENCES attachments (sha256),
        content_type    text NOT NULL,
        role            text NOT NULL,
        field_key       text,
        material_key    text,
        PRIMARY KEY (idempotency_key, position)
      );

      -- One rating per submission and channel. No foreign key to submissions: a rating may arrive first.
      CREATE TABLE ratings (
        submission_key uuid NOT NULL,
        channel        text NOT NULL,
        kiosk_id       text NOT NULL REFERENCES kiosks (id),
        receipt_number text NOT NULL,
        level          smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        reasons        jsonb NOT NULL,
        comment        text,
        rated_at       bigint NOT NULL,
        received_at    bigint NOT NULL,
        body_hash      text NOT NULL,
        ack            text NOT NULL,
        PRIMARY KEY (submission_key, channel)
      );

      CREATE TABLE kiosk_heartbeats (
        kiosk_id    text PRIMARY KEY REFERENCES kiosks (id) ON DELETE CASCADE,
        received_at bigint NOT NULL,
        heartbeat   jsonb NOT NULL
      );

      -- The exchange (数据共享交换): what departments hold, by person; records use canonical field keys.
      CREATE TABLE exchange_datasets (
        id_number text NOT NULL,
        dataset   text NOT NULL,
        record    jsonb NOT NULL,
        PRIMARY KEY (id_number, dataset)
      );
      CREATE TABLE exchange_licences (
        number           text PRIMARY KEY,
        licence_type     text NOT NULL,
        holder_id_number text NOT NULL,
        trust_level      text NOT NULL CHECK (trust_level IN ('A', 'B', 'C', 'D')),
        issuer           text NOT NULL,
        valid_to         text
      );
      -- Whom a licence concerns (its holder and, say, the spouse on a marriage certificate).
      CREATE TABLE exchange_licence_parties (
        number    text NOT NULL REFERENCES exchange_licences (number) ON DELETE CASCADE,
        id_number text NOT NULL,
        PRIMARY KEY (number, id_number)
      );
      CREATE INDEX exchange_licence_parties_by_person ON exchange_licence_parties (id_number);
      CREATE TABLE exchange_lookup_records (
        dataset   text NOT NULL,
        key_field text NOT NULL,
        value     text NOT NULL,
        id_number text NOT NULL,
        record    jsonb NOT NULL,
        PRIMARY KEY (dataset, key_field, value, id_number)
      );
      -- Who asked about whom, why and when (PIPL); never the answer.
      CREATE TABLE exchange_access_log (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kiosk_id    text NOT NULL REFERENCES kiosks (id),
        session_id  uuid NOT NULL,
        bundle_code text,
        request     text NOT NULL CHECK (request IN ('person', 'lookup')),
        id_number   text NOT NULL,
        query       jsonb NOT NULL,
        asked_at    bigint NOT NULL
      );
      CREATE INDEX exchange_access_log_by_person ON exchange_access_log (id_number, asked_at);

      -- QR e-ID codes and the identities they stand for (the stand-in for the national e-ID service).
      CREATE TABLE eid_codes (
        code     text PRIMARY KEY,
        identity jsonb NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'staff access log: who saw a case unmasked',
    sql: `
      -- Who looked at a case's personal data unmasked on the staff page, and when (PIPL). Only ever appended.
      CREATE TABLE staff_access_log (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        staff_id        text NOT NULL REFERENCES staff (id),
        idempotency_key uuid NOT NULL REFERENCES submissions (idempotency_key),
        accessed_at     bigint NOT NULL
      );
      CREATE INDEX staff_access_log_by_submission ON staff_access_log (idempotency_key, accessed_at);
    `,
  },
  {
    version: 3,
    name: 'receipt copies: desk prints and receipt text messages',
    sql: `
      -- A receipt the kiosk could not print, waiting at the hall's desk printer (one per submission).
      CREATE TABLE desk_prints (
        submission_key uuid PRIMARY KEY,
        kiosk_id       text NOT NULL REFERENCES kiosks (id),
        receipt_number text NOT NULL,
        lines          jsonb NOT NULL,
        requested_at   bigint NOT NULL,
        received_at    bigint NOT NULL,
        body_hash      text NOT NULL,
        printed_at     bigint,
        printed_by     text REFERENCES staff (id)
      );
      CREATE INDEX desk_prints_waiting ON desk_prints (received_at) WHERE printed_at IS NULL;

      -- The receipt number by text message (one per submission); the phone number is kept masked only.
      CREATE TABLE receipt_sms (
        submission_key uuid PRIMARY KEY,
        kiosk_id       text NOT NULL REFERENCES kiosks (id),
        receipt_number text NOT NULL,
        to_masked      text NOT NULL,
        body_hash      text NOT NULL,
        received_at    bigint NOT NULL,
        attempts       integer NOT NULL DEFAULT 0,
        sent_at        bigint,
        gateway        text,
        gateway_ref    text,
        last_error     text
      );

      -- What the development SMS gateway would have sent (tests and demos read it); the number masked.
      CREATE TABLE sms_recorded (
        message_id  text PRIMARY KEY,
        to_masked   text NOT NULL,
        text        text NOT NULL,
        recorded_at bigint NOT NULL
      );
    `,
  },
];
