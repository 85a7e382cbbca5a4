/**
 * Test support for the staff page: a minimal browser over fetch (a cookie jar, no redirects followed) that
 * signs in the way the page's form does, and a back office with a staff member and a delivered submission.
 * Fake data only.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SubmissionAck, SubmissionRequest } from '../api/schemas.ts';
import { migrate } from '../db/migrate.ts';
import type { TestDatabase } from '../db/test-databases.ts';
import { sampleSubmission, type StartBackOffice, type TestBackOffice } from '../test-support.ts';
import { addStaff } from './auth/accounts.ts';

export interface StaffAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Where a redirect points, as a path. */
  readonly location: string | undefined;
}

export class StaffBrowser {
  readonly cookies = new Map<string, string>();
  /** The last HTML page received. */
  last = '';

  constructor(readonly baseUrl: string) {}

  private async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<StaffAnswer> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: form && new URLSearchParams(form).toString(), redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (/Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    if (res.headers.get('content-type')?.startsWith('text/html')) this.last = text;
    const location = res.headers.get('location') ?? undefined;
    return { status: res.status, headers: res.headers, text, location };
  }

  get(path: string): Promise<StaffAnswer> {
    return this.request('GET', path);
  }

  post(path: string, form: Record<string, string>): Promise<StaffAnswer> {
    return this.request('POST', path, form);
  }

  /** The value of a hidden input on the last page. */
  hidden(name: string): string {
    const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(this.last);
    if (!match) throw new Error(`no hidden input "${name}" on the last page`);
    return match[1]!;
  }

  /** This session's CSRF value, from the last page's forms. */
  csrf(): string {
    return this.hidden('csrf');
  }

  async signIn(staffId: string, password: string): Promise<StaffAnswer> {
    await this.get('/staff/sign-in');
    return this.post('/staff/sign-in', { form: this.hidden('form'), staffId, password });
  }
}

export const STAFF_PASSWORD = 'window-3-password';

/** A staff member unique to the test, on the suite's database. */
export async function testStaff(target: TestDatabase, name = '李窗口'): Promise<{ id: string; name: string }> {
  const db = await target.connect();
  await migrate(db);
  const id = `staff-${randomUUID().slice(0, 8)}`;
  await addStaff(db, { id, name, password: STAFF_PASSWORD }, Date.now());
  return { id, name };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Strokes (in pad pixels) in the kiosk's signature format, every point kept: test data, and a check on the decoder. */
export function signatureText(width: number, height: number, strokes: readonly (readonly { x: number; y: number }[])[]): string {
  const point = ({ x, y }: { x: number; y: number }) => {
    const bits = (Math.round((x / width) * 1023) << 8) | Math.round((y / height) * 255);
    return BASE64URL[(bits >> 12) & 63]! + BASE64URL[(bits >> 6) & 63]! + BASE64URL[bits & 63]!;
  };
  return `sig1:${width}x${height}:${strokes.map((stroke) => stroke.map(point).join('')).join('.')}`;
}

function curve(steps: number, at: (t: number) => { x: number; y: number }): { x: number; y: number }[] {
  return Array.from({ length: steps + 1 }, (_, i) => at(i / steps));
}

/** A made-up handwritten signature on a 600×200 pad: a run of loops, a hook and an underline. */
export const SAMPLE_SIGNATURE = signatureText(600, 200, [
  curve(60, (t) => ({ x: 60 + 240 * t + 28 * Math.cos(10 * Math.PI * t), y: 100 + 42 * Math.sin(10 * Math.PI * t) * (1 - 0.4 * t) })),
  curve(20, (t) => ({ x: 340 + 90 * t, y: 50 + 90 * t * t })),
  curve(30, (t) => ({ x: 60 + 480 * t, y: 168 - 22 * Math.sin(Math.PI * t) })),
]);

/** Uploads `text` as a signature attachment and delivers a sample submission that references it. */
export async function deliverWithSignature(b: TestBackOffice, sequence: number, change: (request: SubmissionRequest) => SubmissionRequest = (r) => r): Promise<{ request: SubmissionRequest; ack: SubmissionAck }> {
  const bytes = new TextEncoder().encode(SAMPLE_SIGNATURE);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const upload = await b.send({ method: 'PUT', path: `/attachments/${sha256}?offset=0&size=${bytes.byteLength}`, body: bytes });
  if (upload.status >= 300) throw new Error(`upload failed: ${upload.text}`);
  const request = change(sampleSubmission(b.credentials.kioskId, sequence, [{ sha256, size: bytes.byteLength, contentType: 'application/x-kiosk-signature', role: 'signature', fieldKey: 'applicant.signature' }]));
  const answer = await b.send({ method: 'PUT', path: `/submissions/${randomUUID()}`, body: request });
  if (answer.status !== 201) throw new Error(`submission refused: ${answer.text}`);
  return { request, ack: answer.json as SubmissionAck };
}

/** A back office on the suite's database with a staff member signed in through the form. */
export async function signedInBackOffice(start: StartBackOffice, target: TestDatabase, options: Parameters<StartBackOffice>[0] = {}): Promise<{ b: TestBackOffice; browser: StaffBrowser; staff: { id: string; name: string } }> {
  const b = await start(options);
  const staff = await testStaff(target);
  const browser = new StaffBrowser(b.server.url);
  const signedIn = await browser.signIn(staff.id, STAFF_PASSWORD);
  if (signedIn.status !== 303) throw new Error(`sign-in failed with ${signedIn.status}`);
  return { b, browser, staff };
}

/**
 * The sample submission as the shipped catalog's 新生儿出生一件事 (two of its items, fake people), so the
 * page can name items, fields and materials; the signature reference is kept.
 */
export function asBirthBundle(request: SubmissionRequest): SubmissionRequest {
  const signature = request.record.items[0]!.values['applicant.signature'];
  const mother = { 'applicant.name': '张三', 'applicant.idNumber': '11010519491231002X', 'applicant.gender': '2', 'applicant.nation': '01' };
  const baby = { 'newborn.name': '王思远', 'newborn.gender': '1', 'newborn.birthDate': '2026-11-28' };
  return {
    ...request,
    record: {
      ...request.record,
      bundleCode: '110199PCN0009',
      items: [
        {
          itemCode: '11019900WJ-GG-0101',
          values: { ...mother, 'spouse.name': '王建国', ...baby, 'newborn.birthWeight': 3350, 'newborn.birthInstitution': '示例市妇幼保健院', ...(signature ? { 'applicant.signature': signature } : {}) },
        },
        { itemCode: '11019900GA-QR-0101', values: { ...baby, ...mother, 'applicant.householdAddress': '示例市示例区幸福路1号', 'applicant.phone': '13912345678' } },
      ],
      materials: [
        { key: 'idCard', action: 'exempt', deferredCheck: false },
        { key: 'birthMedicalRecord', action: 'authorise', deferredCheck: false, decision: 'authorised' },
        { key: 'marriageCertificate', action: 'exempt', deferredCheck: false, licenceNumber: 'JH-110105-2020-000123' },
        { key: 'householdRegister', action: 'authorise', deferredCheck: true, decision: 'authorised' },
      ],
    },
  };
}
