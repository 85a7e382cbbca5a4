import { expect, it } from 'vitest';
import { describeEachDatabase } from '../db/test-databases.ts';
import { SHIPPED_CATALOG } from '../cli/args.ts';
import { backOfficeStarter } from '../test-support.ts';
import { deliverWithSignature, signedInBackOffice } from './staff-test-support.ts';

const TOLD = {
  when: '部门受理后3个工作日内，残联短信通知评残日期',
  where: '您选择的评残定点医院：示例市康复医院',
  bring: '身份证、本回执<b>',
  result: '评定合格后残疾人证免费邮寄至：示例市示例区****',
};

describeEachDatabase('the case page: the next step the receipt told the citizen', (target) => {
  const start = backOfficeStarter(target, { catalogDir: SHIPPED_CATALOG });

  it('shows it with the case it belongs to, escaped; a record without one shows none', async () => {
    const { b, browser } = await signedInBackOffice(start, target);
    const { request } = await deliverWithSignature(b, 1, (r) => ({
      ...r,
      record: { ...r.record, items: r.record.items.map((item, i) => (i === 0 ? { ...item, nextStep: TOLD } : item)) },
    }));
    const page = (await browser.get(`/staff/cases/${request.receiptNumber}`)).text;
    expect(page.match(/回执告知申请人的下一步/g)).toHaveLength(1);
    expect(page).toContain(`<dt>下一步</dt><dd>${TOLD.when}</dd>`);
    expect(page).toContain(`<dt>地点</dt><dd>${TOLD.where}</dd>`);
    expect(page).toContain('<dt>携带</dt><dd>身份证、本回执&lt;b&gt;</dd>');
    expect(page).toContain(`<dt>结果</dt><dd>${TOLD.result}</dd>`);
  });
});
