import { describe, expect, it } from 'vitest';
import { composeSpeech, type SpeechWords } from './screen-speech.ts';

const zh: SpeechWords = { options: (list) => `可以选择：${list}`, chosen: (name) => `${name}（已选）`, separator: '；', period: '。' };
const en: SpeechWords = { options: (list) => `You can choose: ${list}`, chosen: (name) => `${name} (selected)`, separator: '; ', period: '.' };

describe('composeSpeech', () => {
  it('says the heading, the purpose, what is announced, then the options, each sentence ended once', () => {
    const text = composeSpeech(
      {
        heading: '婚姻状况',
        leads: ['请选择您现在的婚姻状况。'],
        notices: ['请选择一项'],
        options: [
          { name: '未婚', chosen: false },
          { name: '已婚', chosen: true },
          { name: '下一题', chosen: false },
        ],
      },
      zh,
    );
    expect(text).toBe('婚姻状况。 请选择您现在的婚姻状况。 请选择一项。 可以选择：未婚；已婚（已选）；下一题。');
  });

  it('leaves out what is empty, and keeps a question mark', () => {
    expect(composeSpeech({ heading: 'Are you still there?', leads: [], notices: [], options: [{ name: 'Continue', chosen: false }] }, en)).toBe(
      'Are you still there? You can choose: Continue.',
    );
    expect(composeSpeech({ heading: '', leads: [], notices: [], options: [] }, zh)).toBe('');
  });
});
