import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_SW3, describeSw3 } from './sam-status.ts';

describe('describeSw3', () => {
  it.each([
    [0x90, 'ok', '操作成功'],
    [0x9f, 'ok', '寻找证/卡成功'],
    [0x91, 'no-content', '证/卡中此项无内容'],
    [0x80, 'no-card', '寻找证/卡失败'],
    [0x81, 'read-failed', '选取证/卡失败'],
    [0x41, 'read-failed', '读证/卡操作失败'],
    [0x31, 'auth-failed', '证/卡认证 SAM 失败'],
    [0x32, 'auth-failed', 'SAM 认证证/卡失败'],
    [0x33, 'auth-failed', '信息验证错误'],
    [0x40, 'wrong-card', '无法识别的卡类型'],
    [0x10, 'host-error', '接收业务终端数据的校验和错'],
    [0x11, 'host-error', '接收业务终端数据的长度错'],
    [0x21, 'host-error', '接收业务终端数据的命令错误'],
    [0x23, 'host-error', '越权操作'],
    [0x60, 'sam-fault', 'SAM 自检失败，不能接收任何命令'],
    [0x66, 'sam-fault', 'SAM 未经授权，无法使用'],
  ])('describes 0x%s', (code, outcome, zh) => {
    expect(describeSw3(code)).toMatchObject({ code, outcome, zh });
  });

  it('covers the whole table of reference §1.4', () => {
    const table = [0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81, 0x90, 0x91, 0x9f];
    expect([...KNOWN_SW3].sort((a, b) => a - b)).toEqual(table);
    for (const code of KNOWN_SW3) expect(describeSw3(code).en).not.toMatch(/unknown status/);
  });

  it('describes unknown codes instead of throwing', () => {
    expect(describeSw3(0x34)).toEqual({ code: 0x34, zh: '未知状态 0x34', en: 'unknown status 0x34', outcome: 'unknown' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (code) => {
        const description = describeSw3(code);
        expect(description.code).toBe(code);
        expect(description.zh.length).toBeGreaterThan(0);
        expect(description.outcome === 'unknown').toBe(!KNOWN_SW3.includes(code));
      }),
    );
  });
});
