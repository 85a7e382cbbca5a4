import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseQueryResponse } from '../../backoffice/api/schemas.ts';
import { BIRTH_CATALOG } from '../bundle/birth-catalog.fixture.ts';
import type { QueryView } from '../contract/query-view.ts';
import type { OutboxEntry } from '../store/outbox.ts';
import type { BackOfficeResult } from '../sync/client-types.ts';
import { caseCode, ProgressQuery, type LocalCases } from './progress-query.ts';

const ID = '430102199506120026';
const T = Date.parse('2025-03-01T09:00:00+08:00');

function entry(receiptNumber: string, change: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    idempotencyKey: `key-${receiptNumber}`,
    receiptNumber,
    catalogVersion: 'test-1',
    bundleCode: 'BIRTH-0001',
    state: 'pending',
    attempts: 0,
    nextAttemptAt: T,
    lastError: undefined,
    caseNumbers: undefined,
    hasPayload: true,
    createdAt: T,
    updatedAt: T,
    deliveredAt: undefined,
    ...change,
  };
}

const waiting = entry('SL-K1-20250301-000002', { createdAt: T + 60_000 });
const delivered = entry('SL-K1-20250301-000001', {
  state: 'delivered',
  caseNumbers: { 'BIRTH-CERT': 'BJ2025030100000001' },
  hasPayload: false,
  deliveredAt: T + 1000,
});

const local: LocalCases = {
  byReceiptNumber: (n) => [waiting, delivered].find((e) => e.receiptNumber === n),
  byCaseNumber: (n) => (Object.values(delivered.caseNumbers!).includes(n) ? delivered : undefined),
  byIdNumber: (id) => (id === ID ? [delivered, waiting] : []),
};

const REMOTE: CaseQueryResponse = {
  cases: [
    {
      receiptNumber: delivered.receiptNumber,
      bundleCode: 'BIRTH-0001',
      submittedAt: T,
      receivedAt: T + 1000,
      items: [{ itemCode: 'BIRTH-CERT', caseNumber: 'BJ2025030100000001', status: 'returned', updatedAt: T + 86_400_000, note: '出生医学记录不清晰' }],
    },
  ],
};

const queries: ProgressQuery[] = [];
afterEach(() => queries.splice(0).forEach((q) => q.close()));

function open(answer?: () => Promise<BackOfficeResult<CaseQueryResponse>>) {
  const views: (QueryView | null)[] = [];
  const queryCases = vi.fn(answer ?? (async () => ({ kind: 'ok' as const, value: REMOTE })));
  const query = new ProgressQuery({ catalog: () => BIRTH_CATALOG, local, backOffice: { queryCases }, onView: (v) => views.push(v) });
  queries.push(query);
  const last = () => views.at(-1);
  const settled = () => vi.waitFor(() => expect(last()?.status).toBe('results'));
  return { query, views, last, queryCases, settled };
}

describe('progress query (办件查询)', () => {
  it('knows a receipt or case number from anything else a scanner reads', () => {
    expect(caseCode(' SL-K1-20250301-000001 ')).toEqual({ receiptNumber: 'SL-K1-20250301-000001' });
    expect(caseCode('BJ2025030100000001')).toEqual({ caseNumber: 'BJ2025030100000001' });
    expect(caseCode('EID1:TESTZHANGSAN0001')).toBeUndefined();
    expect(caseCode('SL-K1-2025-1')).toBeUndefined();
  });

  it('waits for a card or a receipt once opened, and closes on request', () => {
    const q = open();
    q.query.start();
    expect(q.last()).toEqual({ status: 'waiting', by: null, source: null, cases: [] });
    expect(q.query.active).toBe(true);
    q.query.close();
    expect(q.last()).toBeNull();
    expect(q.query.active).toBe(false);
  });

  it('by card: the back office’s cases with their status, and the ones not uploaded yet from this kiosk', async () => {
    const q = open();
    q.query.start();
    await q.query.byCard(ID);
    expect(q.queryCases).toHaveBeenCalledWith({ idNumber: ID }, { timeoutMs: 3000 });
    const view = q.last()!;
    expect(view).toMatchObject({ status: 'results', by: 'card', source: 'backoffice' });
    expect(view.cases.map((c) => [c.receiptNumber, c.delivered])).toEqual([
      [waiting.receiptNumber, false],
      [delivered.receiptNumber, true],
    ]);
    expect(view.cases[1]!.items).toEqual([
      {
        code: 'BIRTH-CERT',
        name: BIRTH_CATALOG.items.get('BIRTH-CERT')!.name,
        department: BIRTH_CATALOG.items.get('BIRTH-CERT')!.department,
        caseNumber: 'BJ2025030100000001',
        status: 'returned',
        updatedAt: T + 86_400_000,
        note: '出生医学记录不清晰',
      },
    ]);
    expect(view.cases[0]!.bundle).toEqual(BIRTH_CATALOG.bundles[0]!.name);
    expect(JSON.stringify(q.views)).not.toContain(ID);
  });

  it('offline: what this kiosk knows, labelled as such', async () => {
    const q = open(async () => ({ kind: 'retry', reason: 'unreachable', reached: false }));
    expect(q.query.byCode('BJ2025030100000001')).toBe(true);
    expect(q.last()?.status).toBe('searching');
    await q.settled();
    expect(q.last()).toMatchObject({ by: 'code', source: 'local' });
    expect(q.last()!.cases).toEqual([
      {
        receiptNumber: delivered.receiptNumber,
        bundle: BIRTH_CATALOG.bundles[0]!.name,
        submittedAt: T,
        delivered: true,
        items: [expect.objectContaining({ code: 'BIRTH-CERT', caseNumber: 'BJ2025030100000001', status: null, updatedAt: T + 1000 })],
      },
    ]);
  });

  it('shows a receipt the back office has not received yet as waiting to be uploaded', async () => {
    const q = open(async () => ({ kind: 'ok', value: { cases: [] } }));
    q.query.byCode(waiting.receiptNumber);
    await q.settled();
    expect(q.queryCases).toHaveBeenCalledWith({ receiptNumber: waiting.receiptNumber }, expect.anything());
    expect(q.last()!.cases).toEqual([expect.objectContaining({ receiptNumber: waiting.receiptNumber, delivered: false, items: [] })]);
    expect(q.query.byCode('EID1:TESTZHANGSAN0001')).toBe(false);
  });

  it('drops an answer that comes after the query was closed or replaced', async () => {
    let release: (r: BackOfficeResult<CaseQueryResponse>) => void = () => undefined;
    const q = open(() => new Promise((resolve) => (release = resolve)));
    const pending = q.query.byCard(ID);
    q.query.close();
    release({ kind: 'ok', value: REMOTE });
    await pending;
    expect(q.last()).toBeNull();
  });

  it('closes by itself when nobody uses it', async () => {
    vi.useFakeTimers();
    try {
      const views: (QueryView | null)[] = [];
      const query = new ProgressQuery({ catalog: () => BIRTH_CATALOG, local, idleMs: 30_000, onView: (v) => views.push(v) });
      query.start();
      vi.advanceTimersByTime(29_000);
      expect(query.active).toBe(true);
      vi.advanceTimersByTime(2_000);
      expect(views.at(-1)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
