import { describe, expect, it } from 'vitest';
import { isSpeakable } from './voice.ts';

describe('isSpeakable', () => {
  it('lets a screen’s words through, counts and times included', () => {
    for (const text of ['请刷身份证', '还剩 30 秒', '第 3 题，共 12 题', '2026年12月', '政务服务便民热线 12345', 'Question 3 of 12']) expect(isSpeakable(text)).toBe(true);
  });
  it('stops ID, phone and account numbers and masked values', () => {
    for (const text of ['11010519491231002X', '110105 1949', '138-0013-8000', '6222 0000 1234', '张*', '2026-**-**', '＊＊', '•••']) expect(isSpeakable(text)).toBe(false);
  });
});
