/** The sign-in form: staff id and password, with the sign-in cookie's value repeated (login CSRF). */
import { html, type Html } from '../present/html.ts';
import { hallTime } from '../present/format.ts';
import { heading, layout } from './layout.ts';

export type SignInNotice =
  | { readonly kind: 'refused' }
  | { readonly kind: 'locked'; readonly until: number }
  | { readonly kind: 'signed-out' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'form-expired' };

function notice(n: SignInNotice | undefined): Html {
  switch (n?.kind) {
    case undefined:
      return html``;
    case 'refused':
      return html`<p class="notice error" role="alert" id="sign-in-error">工号或密码错误。连续输错 5 次将锁定 5 分钟。</p>`;
    case 'locked':
      return html`<p class="notice error" role="alert" id="sign-in-error">密码错误次数过多，该工号已锁定，请于 ${hallTime(n.until).slice(11, 16)} 后再试。</p>`;
    case 'signed-out':
      return html`<p class="notice ok" role="status">已退出登录。</p>`;
    case 'expired':
      return html`<p class="notice" role="status">登录已过期（30 分钟无操作），请重新登录。</p>`;
    case 'form-expired':
      return html`<p class="notice error" role="alert" id="sign-in-error">登录表单已失效，请重新输入。</p>`;
  }
}

export function signInPage(formToken: string, staffId: string, n?: SignInNotice): Html {
  const failed = n?.kind === 'refused' || n?.kind === 'locked' || n?.kind === 'form-expired';
  const described = failed ? html` aria-describedby="sign-in-error"` : '';
  return layout(
    { title: '登录' },
    html`${heading(1, '工作人员登录', 'Staff sign-in')}
${notice(n)}
<form class="sign-in" method="post" action="/staff/sign-in">
  <input type="hidden" name="form" value="${formToken}">
  <label for="staff-id">工号 <span class="hint" lang="en">Staff ID</span></label>
  <input id="staff-id" name="staffId" value="${staffId}" autocomplete="username" required maxlength="64" autocapitalize="none" spellcheck="false"${described}>
  <label for="password">密码 <span class="hint" lang="en">Password</span></label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"${described}>
  <p><button type="submit">登录</button></p>
</form>
<p class="hint">忘记密码或工号被停用时，请联系系统管理员（<code>npm run backoffice -- staff reset</code>）。</p>`,
  );
}
