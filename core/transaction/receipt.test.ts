import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { SubmissionRecordSchema } from '../../backoffice/api/schemas.ts';
import { previewReceiptText } from '../../devices/printer/layout/receipt.ts';
import type { Catalog } from '../../kiosk-config/catalog-schema.ts';
import { DEFAULT_RECEIPT_WORDING } from '../../kiosk-config/schema.ts';
import { applicantFactsFromCard } from '../bundle/index.ts';
import { SAMPLE_CATALOG_DIR } from '../catalog/catalog-test-dir.ts';
import { loadCatalog, selfServiceBundles } from '../catalog/load-catalog.ts';
import { nextSteps } from './next-steps.ts';
import { receiptData } from './receipt.ts';
import { submissionRecord } from './submission-record.ts';
import { emptyContext } from './transaction-context.ts';
import type { TransactionContext } from './transaction-types.ts';

const CARD = { name: '王芳', idNumber: '11010519491231002X', gender: '2', birthDate: '1949-12-31', documentType: 'resident' } as const;
const DISABILITY = '110199PCN0012';
const CERTIFICATE = '11019900CL-GG-0101';
const ADDRESS = '示例市示例区幸福路1号3单元502';

let catalog: Catalog;
beforeAll(async () => {
  const result = await loadCatalog(SAMPLE_CATALOG_DIR);
  if (!result.ok) throw new Error('sample catalog rejected');
  catalog = result.catalog;
});

function submitted(values: TransactionContext['values']): TransactionContext {
  return {
    ...emptyContext({ sessionId: 's1', catalogVersion: 'v', now: Date.parse('2026-12-03T10:00:00+08:00') }),
    applicant: { via: 'idcard', card: CARD, facts: applicantFactsFromCard(CARD, '2026-12-03') },
    consented: true,
    bundleCode: DISABILITY,
    values: { 'disability.assessmentHospital': 'rehab', ...values },
    submission: { idempotencyKey: 'k1', receiptNumber: 'SL-K1-20261203-000007' },
  };
}

const print = (context: TransactionContext) =>
  previewReceiptText(receiptData(catalog, context, '示例市政务服务中心', DEFAULT_RECEIPT_WORDING, new Date('2026-12-03T02:00:00Z'))).replace(/\s+/g, '');

describe('what happens next', () => {
  it('every self-service item of the sample catalog says when, where and how the result arrives', () => {
    const items = selfServiceBundles(catalog).flatMap((b) => b.items.map((e) => catalog.items.get(e.item)!));
    expect(items.length).toBeGreaterThan(15);
    for (const item of items) expect(item.nextStep, item.name['zh-CN']).toBeDefined();
  });

  it('the assessment (评残): when the date comes, at the hospital chosen, what to bring; posted to the masked address', () => {
    const step = nextSteps(catalog, submitted({ 'delivery.method': 'mail', 'delivery.address': ADDRESS })).find((s) => s.itemCode === CERTIFICATE)!;
    expect(step.when['zh-CN']).toMatch(/短信通知评残日期/);
    expect(step.where).toEqual({ 'zh-CN': '您选择的评残定点医院：示例市康复医院', en: 'Assessment at the hospital you chose: Example City Rehabilitation Hospital' });
    expect(step.bring?.['zh-CN']).toMatch(/身份证/);
    expect(step.result['zh-CN']).toBe('评定合格后残疾人证免费邮寄至：示例市示例区****');
    expect(JSON.stringify(step)).not.toContain(ADDRESS);
  });

  it('collected at the window: where, when it opens, and what to show', () => {
    const step = nextSteps(catalog, submitted({ 'delivery.method': 'pickup' })).find((s) => s.itemCode === CERTIFICATE)!;
    expect(step.result['zh-CN']).toMatch(/政务服务中心二楼残联窗口.*工作日9:00-17:00/);
    expect(step.result['zh-CN']).toMatch(/凭本回执和身份证/);
  });

  it('the printed receipt carries each item’s next step, the number as 受理编号, that it is provisional, and how to query', () => {
    const text = print(submitted({ 'delivery.method': 'mail', 'delivery.address': ADDRESS }));
    expect(text).toContain('受理编号：SL-K1-20261203-000007');
    expect(text).not.toContain('查询码');
    expect(text).toContain('下一步：部门受理后3个工作日内，残联短信通知评残日期');
    expect(text).toContain('地点：您选择的评残定点医院：示例市康复医院');
    expect(text).toContain('结果：评定合格后残疾人证免费邮寄至：示例市示例区****');
    expect(text).toMatch(/携带：身份证、本回执/);
    expect(text).toContain('受理编号为临时编号：各部门审核受理后才算正式受理');
    expect(text).toContain('扫描本回执二维码');
    expect(text).toContain('服务大厅咨询台');
    expect(text).toContain('zwfw.example.gov.cn');
    // One next step per chosen item that has one.
    expect(text.match(/下一步：/g)).toHaveLength(nextSteps(catalog, submitted({})).length);
  });

  it('the submission record keeps, per item, the next step the citizen was told, for the department', () => {
    const record = submissionRecord(catalog, submitted({ 'delivery.method': 'mail', 'delivery.address': ADDRESS }), 0);
    const told = record.items.find((i) => i.itemCode === CERTIFICATE)?.nextStep;
    expect(told).toEqual({
      when: expect.stringMatching(/短信通知评残日期/),
      where: '您选择的评残定点医院：示例市康复医院',
      bring: expect.stringMatching(/^身份证、本回执/),
      result: '评定合格后残疾人证免费邮寄至：示例市示例区****',
    });
    // The back office takes it as part of the record.
    expect(v.safeParse(SubmissionRecordSchema.entries.items, record.items).success).toBe(true);
  });
});
