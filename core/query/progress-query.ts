/**
 * 办件查询 at the kiosk: a citizen shows the receipt's QR code (receipt or case number) or puts their ID card
 * on the reader, and sees their cases with status and dates. The back office is asked within a time
 * budget; whatever it cannot tell (it is offline, or a submission has not been uploaded yet) comes from
 * this kiosk's own outbox, clearly labelled. The ID number is used for the one query and kept nowhere.
 */
import type { CaseQuery, CaseQueryResponse, CaseSummary } from '../../backoffice/api/schemas.ts';
import { CaseNumberSchema, ReceiptNumberSchema } from '../../backoffice/api/schemas.ts';
import * as v from 'valibot';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import type { CaseItemView, CaseView, QueryView } from '../contract/query-view.ts';
import type { OutboxEntry } from '../store/outbox.ts';
import type { BackOfficeResult, CallOptions } from '../sync/client-types.ts';

/** What the kiosk itself knows about its submissions (the outbox). */
export interface LocalCases {
  byReceiptNumber(receiptNumber: string): OutboxEntry | undefined;
  byCaseNumber(caseNumber: string): OutboxEntry | undefined;
  byIdNumber(idNumber: string): OutboxEntry[];
}

export interface CaseSource {
  queryCases(query: CaseQuery, options?: CallOptions): Promise<BackOfficeResult<CaseQueryResponse>>;
}

export interface ProgressQueryOptions {
  readonly catalog: () => Catalog;
  readonly local: LocalCases;
  /** The back office; absent, only local records are shown. */
  readonly backOffice?: CaseSource;
  /** How long the citizen waits for the back office (default 3 s). */
  readonly budgetMs?: number;
  /** The query screen closes after this long without a card, a code or a tap (default 60 s). */
  readonly idleMs?: number;
  readonly onView: (view: QueryView | null) => void;
}

type Code = { readonly receiptNumber: string } | { readonly caseNumber: string };

/** A receipt or case number, as the receipt's QR code or a typed code holds it; undefined for anything else. */
export function caseCode(text: string): Code | undefined {
  const code = text.trim();
  if (v.is(ReceiptNumberSchema, code)) return { receiptNumber: code };
  if (v.is(CaseNumberSchema, code)) return { caseNumber: code };
  return undefined;
}

export class ProgressQuery {
  private current: QueryView | null = null;
  private timer: NodeJS.Timeout | undefined;
  /** Each search gets a number; an answer to an older one is dropped. */
  private generation = 0;

  constructor(private readonly options: ProgressQueryOptions) {}

  get active(): boolean {
    return this.current !== null;
  }

  view(): QueryView | null {
    return this.current;
  }

  /** The citizen chose 办件查询 on the attract screen: wait for a card or a receipt. */
  start(): void {
    this.show({ status: 'waiting', by: null, source: null, cases: [] });
  }

  close(): void {
    this.generation++;
    clearTimeout(this.timer);
    if (this.current === null) return;
    this.current = null;
    this.options.onView(null);
  }

  /** A card on the reader while the query screen is open. */
  byCard(idNumber: string): Promise<void> {
    const local = () => this.options.local.byIdNumber(idNumber);
    return this.search('card', { idNumber }, local);
  }

  /** A scanned or typed code; false when it is not a receipt or case number. */
  byCode(text: string): boolean {
    const code = caseCode(text);
    if (!code) return false;
    const { local } = this.options;
    const found = () => {
      const entry = 'receiptNumber' in code ? local.byReceiptNumber(code.receiptNumber) : local.byCaseNumber(code.caseNumber);
      return entry ? [entry] : [];
    };
    void this.search('code', code, found);
    return true;
  }

  private async search(by: 'card' | 'code', query: CaseQuery, local: () => OutboxEntry[]): Promise<void> {
    const generation = ++this.generation;
    this.show({ status: 'searching', by, source: null, cases: [] });
    const answer = this.options.backOffice
      ? await this.options.backOffice.queryCases(query, { timeoutMs: this.options.budgetMs ?? 3_000 })
      : undefined;
    if (generation !== this.generation) return;
    const catalog = this.options.catalog();
    const mine = local();
    if (answer?.kind === 'ok') {
      const known = new Set(answer.value.cases.map((c) => c.receiptNumber));
      // Submissions the back office has not received yet are still the citizen's cases.
      const waiting = mine.filter((entry) => !known.has(entry.receiptNumber)).map((entry) => localCase(catalog, entry));
      const cases = [...waiting, ...answer.value.cases.map((c) => remoteCase(catalog, c))];
      this.show({ status: 'results', by, source: 'backoffice', cases: newestFirst(cases) });
    } else {
      this.show({ status: 'results', by, source: 'local', cases: newestFirst(mine.map((entry) => localCase(catalog, entry))) });
    }
  }

  private show(view: QueryView): void {
    this.current = view;
    this.options.onView(view);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.close(), this.options.idleMs ?? 60_000);
    this.timer.unref();
  }
}

function newestFirst(cases: CaseView[]): CaseView[] {
  return cases.sort((a, b) => b.submittedAt - a.submittedAt);
}

function itemView(catalog: Catalog, code: string, rest: Omit<CaseItemView, 'code' | 'name' | 'department'>): CaseItemView {
  const item = catalog.items.get(code);
  return { code, name: item?.name ?? null, department: item?.department ?? null, ...rest };
}

function bundleName(catalog: Catalog, code: string | undefined): CaseView['bundle'] {
  return catalog.bundles.find((b) => b.code === code)?.name ?? null;
}

function remoteCase(catalog: Catalog, summary: CaseSummary): CaseView {
  return {
    receiptNumber: summary.receiptNumber,
    bundle: bundleName(catalog, summary.bundleCode),
    submittedAt: summary.submittedAt,
    delivered: true,
    items: summary.items.map((i) =>
      itemView(catalog, i.itemCode, { caseNumber: i.caseNumber, status: i.status, updatedAt: i.updatedAt, ...(i.note ? { note: i.note } : {}) }),
    ),
  };
}

/** What the outbox says: delivered ones with their case numbers (status unknown offline), the rest waiting. */
function localCase(catalog: Catalog, entry: OutboxEntry): CaseView {
  const caseNumbers = Object.entries(entry.caseNumbers ?? {});
  return {
    receiptNumber: entry.receiptNumber,
    bundle: bundleName(catalog, entry.bundleCode),
    submittedAt: entry.createdAt,
    delivered: entry.state === 'delivered',
    items: caseNumbers.map(([code, caseNumber]) => itemView(catalog, code, { caseNumber, status: null, updatedAt: entry.deliveredAt ?? null })),
  };
}
