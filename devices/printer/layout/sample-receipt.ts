/**
 * A receipt with made-up data (masked applicant, fake tracking code) for previews, the simulator and tests.
 */
import type { ReceiptData } from './receipt.ts';

export const SAMPLE_RECEIPT: ReceiptData = {
  header: ['北京市西城区政务服务中心'],
  title: '受理回执',
  rows: [
    { label: '申请人', value: '张*' },
    { label: '证件号码', value: '110105********002X' },
    { label: '受理窗口', value: 'A12 号窗口' },
    { label: '受理时间', value: '2026-11-22 10:31' },
  ],
  items: [
    { name: '居住证签注', department: '区公安分局', promisedTime: '5个工作日' },
    { name: '城乡居民基本医疗保险参保登记（含新生儿、学生及其他未成年人）', department: '区医疗保障局', promisedTime: '即办' },
  ],
  trackingCode: 'SL-20261122-000123',
  notes: ['请妥善保管本回执，凭受理编号或扫描二维码查询办理进度。'],
  footer: ['政务服务热线 12345'],
  printedAt: new Date('2026-11-22T02:31:05Z'),
};
