/**
 * The frame of every staff page: language, title, the stylesheet, the bar with the navigation and the
 * sign-out form, and the main landmark. Simplified Chinese first; English only as a quieter second line.
 */
import type { StaffSession } from '../auth/sessions.ts';
import { html, type Html } from '../present/html.ts';

export type Section = 'cases' | 'ratings' | 'kiosks' | 'desk-prints';

const SECTIONS: readonly { readonly id: Section; readonly href: string; readonly zh: string }[] = [
  { id: 'cases', href: '/staff/cases', zh: '办件' },
  { id: 'ratings', href: '/staff/ratings', zh: '好差评' },
  { id: 'kiosks', href: '/staff/kiosks', zh: '自助终端' },
  { id: 'desk-prints', href: '/staff/desk-prints', zh: '窗口打印回执' },
];

export interface LayoutOptions {
  readonly title: string;
  /** The signed-in staff member, for the navigation and sign-out; none on the sign-in page. */
  readonly session?: StaffSession;
  readonly section?: Section;
}

/** A heading in Chinese with its English in a smaller line. */
export function heading(level: 1 | 2, zh: string, en: string): Html {
  return level === 1 ? html`<h1>${zh}<span class="en" lang="en">${en}</span></h1>` : html`<h2>${zh}<span class="en" lang="en">${en}</span></h2>`;
}

function bar(session: StaffSession | undefined, section: Section | undefined): Html {
  if (!session) return html`<header class="bar"><p class="brand">政务服务大厅 · 工作人员</p></header>`;
  const links = SECTIONS.map((s) => html`<li><a href="${s.href}"${s.id === section ? html` aria-current="page"` : ''}>${s.zh}</a></li>`);
  return html`<header class="bar">
  <p class="brand">政务服务大厅 · 工作人员</p>
  <nav class="main" aria-label="主导航"><ul>${links}</ul></nav>
  <form class="who" method="post" action="/staff/sign-out">
    <span>${session.staff.name}（${session.staff.id}）</span>
    <input type="hidden" name="csrf" value="${session.csrf}">
    <button type="submit" class="secondary">退出登录</button>
  </form>
</header>`;
}

export function layout(options: LayoutOptions, content: Html): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title} · 政务服务大厅工作人员页面</title>
<link rel="stylesheet" href="/staff/style.css">
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
${bar(options.session, options.section)}
<main id="main">
${content}
</main>
</body>
</html>
`;
}

/** A page that only says something (not found, refused, failed), with a way back. */
export function messagePage(options: LayoutOptions, message: string, back: { readonly href: string; readonly label: string }): Html {
  return layout(options, html`<h1>${options.title}</h1><p class="notice error" role="alert">${message}</p><p><a href="${back.href}">${back.label}</a></p>`);
}
