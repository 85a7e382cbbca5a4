/**
 * The development and test SMS gateway: nothing leaves the building. Each message is recorded in the back
 * office's database (sms_recorded) and logged, the number masked in both, so a demo or a test can see what a
 * real gateway would have been given. A message id already recorded is not recorded twice.
 */
import type { Queryable } from '../db/database.ts';
import type { BackOfficeLogger } from '../log.ts';
import { maskPhone } from '../staff/present/masking.ts';
import type { SmsGateway } from './sms-gateway.ts';

export function recordingSmsGateway(db: Queryable, now: () => number, log: BackOfficeLogger): SmsGateway {
  return {
    name: 'recording',
    async send({ messageId, to, text }) {
      const toMasked = maskPhone(to);
      await db.query('INSERT INTO sms_recorded (message_id, to_masked, text, recorded_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [messageId, toMasked, text, now()]);
      log.info({ messageId, to: toMasked }, 'text message recorded (development gateway: not sent)');
      return { ref: `recorded:${messageId}` };
    },
  };
}

export interface RecordedSms {
  readonly messageId: string;
  readonly toMasked: string;
  readonly text: string;
  readonly recordedAt: number;
}

/** What the recording gateway holds, oldest first (tests, the staff page). */
export function recordedSms(db: Queryable): Promise<RecordedSms[]> {
  return db.query<RecordedSms>('SELECT message_id AS "messageId", to_masked AS "toMasked", text, recorded_at AS "recordedAt" FROM sms_recorded ORDER BY recorded_at, message_id');
}
