import { describe, expect, it } from 'vitest';
import { backspace, pageOf, pick, setMode, space, startKeyboard, turnPage, typeCharacter, typeLetter, type KeyboardState } from './pinyin-entry.ts';

const letters = (state: KeyboardState, typed: string) => Array.from(typed).reduce((s, l) => typeLetter(s, l, 100), state);
const candidates = Array.from({ length: 19 }, (_, i) => ({ text: `字${i}`, letters: 4 }));

describe('on-screen keyboard entry', () => {
  it('composes pinyin, and a candidate uses up only the letters it stands for', () => {
    const composing = letters(startKeyboard(''), 'chenming');
    expect(composing).toMatchObject({ text: '', letters: 'chenming' });
    const chen = pick(composing, { text: '陈', letters: 4 }, 100);
    expect(chen).toMatchObject({ text: '陈', letters: 'ming' });
    expect(space(chen, { text: '明', letters: 4 }, 100)).toMatchObject({ text: '陈明', letters: '' });
  });

  it('deletes the last letter while composing, else the last character, a rare one whole', () => {
    expect(backspace(letters(startKeyboard('李'), 'ch'))).toMatchObject({ text: '李', letters: 'c' });
    expect(backspace(startKeyboard('李𠮷'))).toMatchObject({ text: '李' });
  });

  it('types Latin letters, digits and symbols as they are, keeping what was being composed', () => {
    const latin = setMode(letters(startKeyboard(''), 'abc'), 'latin', 100);
    expect(latin).toMatchObject({ text: 'abc', letters: '', mode: 'latin' });
    expect(typeLetter(latin, 'd', 100).text).toBe('abcd');
    expect(typeCharacter(letters(startKeyboard('A'), 'b'), '2', 100)).toMatchObject({ text: 'Ab2', letters: '' });
    expect(space(startKeyboard('A'), undefined, 100).text).toBe('A ');
  });

  it('stops at the field length', () => {
    expect(pick(startKeyboard('一二'), { text: '三四', letters: 6 }, 3).text).toBe('一二三');
  });

  it('pages through the candidates, eight a page, within bounds', () => {
    const state = letters(startKeyboard(''), 'shi');
    expect(pageOf(state, candidates).map((c) => c.text)).toEqual(['字0', '字1', '字2', '字3', '字4', '字5', '字6', '字7']);
    const last = turnPage(turnPage(turnPage(state, 1, candidates), 1, candidates), 1, candidates);
    expect(last.page).toBe(2);
    expect(pageOf(last, candidates).map((c) => c.text)).toEqual(['字16', '字17', '字18']);
    expect(turnPage(state, -1, candidates).page).toBe(0);
    expect(typeLetter(last, 'h', 100).page).toBe(0);
  });
});
