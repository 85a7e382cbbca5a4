import { describe, expect, it } from 'vitest';
import { maskFieldValue, maskIdNumber, maskName, maskPhone, maskText } from './masking.ts';

describe('masks', () => {
  it('keep the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('𠀋一')).toBe('𠀋*');
    expect(maskName('王')).toBe('*');
  });

  it('keep the region and the last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('ABC110105000001')).toBe('ABC110*****0001');
    expect(maskIdNumber('12345')).toBe('1***5');
  });

  it('mask phone numbers, free text and dates', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskText('示例市示例区幸福路1号')).toBe('示例市示例****');
    expect(maskText('示例市')).toBe('示****');
    expect(maskText('甲')).toBe('*');
  });

  it('choose the mask by the field type, and treat any *.name field as a name', () => {
    expect(maskFieldValue('id-number', 'spouse.idNumber', '110105199603150029')).toBe('110105********0029');
    expect(maskFieldValue('phone', 'applicant.phone', '13912345678')).toBe('139****5678');
    expect(maskFieldValue('text', 'newborn.name', '王思远')).toBe('王**');
    expect(maskFieldValue(undefined, 'spouse.name', '李四')).toBe('李*');
    expect(maskFieldValue('date', 'applicant.birthDate', '1949-12-31')).toBe('****-**-**');
    expect(maskFieldValue('address', 'delivery.address', '示例市示例区幸福路1号')).toBe('示例市示例****');
  });
});
