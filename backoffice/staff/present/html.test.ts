import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from './html.ts';

describe('the html tag', () => {
  it('escapes every interpolated text, in element content and in attributes', () => {
    const hostile = `<script>alert("x")</script>' onmouseover='x' &amp;`;
    expect(html`<p title="${hostile}">${hostile}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &amp;amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &amp;amp;</p>',
    );
  });

  it('keeps nested Html, joins lists, drops nothing-values and shows numbers', () => {
    const items = ['<a>', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${undefined}${null}${false}${0}`.text).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
    expect(html`${trusted('<svg></svg>')}`.text).toBe('<svg></svg>');
    expect(escapeHtml('"&\'')).toBe('&quot;&amp;&#39;');
  });
});
