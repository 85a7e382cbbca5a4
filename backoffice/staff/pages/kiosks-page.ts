/**
 * 自助终端: each kiosk's latest heartbeat — its devices, its delivery queues and how long the oldest
 * undelivered item has waited, its catalog (and a catalog it refused, with the problems), the help calls it
 * raised by itself (a full disk, stored data its key no longer opens) — and when it was last in contact.
 */
import type { HeartbeatRequest, KioskAlert } from '../../api/schemas.ts';
import type { StaffSession } from '../auth/sessions.ts';
import type { KioskRow } from '../overview/kiosk-list.ts';
import { duration, timeElement } from '../present/format.ts';
import { html, type Html } from '../present/html.ts';
import { heading, layout } from './layout.ts';

export interface KiosksView {
  readonly kiosks: readonly KioskRow[];
  readonly currentCatalog: string | null;
  readonly now: number;
}

function devices(heartbeat: HeartbeatRequest): Html {
  if (heartbeat.devices.length === 0) return html`—`;
  const items = heartbeat.devices.map((d) => html`<li>${d.kind} <span class="mono">${d.id}</span>：${d.status === 'READY' ? '正常' : d.status === 'BUSY' ? '忙' : html`<strong>不可用</strong>`} <span class="mono">${d.code}</span></li>`);
  return html`<ul class="plain">${items}</ul>`;
}

function queues(heartbeat: HeartbeatRequest, now: number): Html {
  const { submissions, messages } = heartbeat.queue;
  const oldest = [submissions.oldestUndeliveredAt, messages.oldestUndeliveredAt].filter((at): at is number => at !== null);
  const age = oldest.length > 0 ? html`；最早未送达已等待 ${duration(now - Math.min(...oldest))}` : '';
  return html`申请 ${submissions.pending} 待发送 / ${submissions.parked} 搁置；消息 ${messages.pending} 待发送 / ${messages.parked} 搁置${age}`;
}

function catalog(heartbeat: HeartbeatRequest, current: string | null): Html {
  const { version, refused } = heartbeat.catalog;
  const state = current === null ? '' : version === current ? '（当前版本）' : html`（<strong>不是当前版本 ${current}</strong>）`;
  const problems = refused
    ? html`<p>拒绝了目录 <span class="mono">${refused.version}</span>：</p><ul class="plain">${refused.problems.map((p) => html`<li class="mono">${p}</li>`)}</ul>`
    : '';
  return html`<span class="mono">${version}</span>${state}${problems}`;
}

const ALERT_TEXT: Record<KioskAlert['code'], string> = {
  'storage-full': '存储空间已满：新的申请无法保存，请到现场清理空间',
  'storage-failing': '存储设备报错：新的申请可能无法保存，请到现场检查',
  'undecryptable-rows': '本机密钥无法解开已存数据（密钥丢失或被更换）：数据已隔离保存，未送达的申请在恢复原密钥前无法送达',
};

/** How many of each kind, for an alert that counts rows. */
function counts(alert: KioskAlert): Html | string {
  if (alert.code !== 'undecryptable-rows') return '';
  const { sessions, submissions, messages } = alert.counts;
  return html`<br>未送达申请 ${submissions} 件、消息 ${messages} 条、会话 ${sessions} 个`;
}

/** The kiosk's own help calls, first and in words a member of staff acts on. */
function alerts(heartbeat: HeartbeatRequest, now: number): Html | string {
  const raised = heartbeat.alerts ?? [];
  if (raised.length === 0) return '';
  const items = raised.map(
    (a) => html`<li><strong>需要协助：${ALERT_TEXT[a.code]}</strong>（已持续 ${duration(now - a.since)}）${counts(a)}<br><span class="mono">${a.detail}</span></li>`,
  );
  return html`<div class="notice error" role="alert"><ul class="plain">${items}</ul></div>`;
}

function kioskSection(kiosk: KioskRow, view: KiosksView): Html {
  const hb = kiosk.heartbeat;
  const facts = hb
    ? html`<dt>最近心跳</dt><dd>${timeElement(kiosk.heartbeatAt)}（${duration(view.now - kiosk.heartbeatAt!)}前）</dd>
  <dt>软件版本</dt><dd class="mono">${hb.software}</dd>
  <dt>设备</dt><dd>${devices(hb)}</dd>
  <dt>发送队列</dt><dd>${queues(hb, view.now)}</dd>
  <dt>服务目录</dt><dd>${catalog(hb, view.currentCatalog)}</dd>`
    : html`<dt>最近心跳</dt><dd>尚未收到</dd>`;
  return html`<section class="item" aria-labelledby="kiosk-${kiosk.id}">
<h2 id="kiosk-${kiosk.id}">${kiosk.id}${kiosk.revokedAt !== null ? html` <span class="status status-returned">已停用</span>` : ''}</h2>
${hb ? alerts(hb, view.now) : ''}
<dl class="facts">
  <dt>最近联系</dt><dd>${timeElement(kiosk.lastContactAt)}</dd>
  ${facts}
</dl>
</section>`;
}

export function kiosksPage(session: StaffSession, view: KiosksView): Html {
  return layout(
    { title: '自助终端', session, section: 'kiosks' },
    html`${heading(1, '自助终端', 'Kiosks')}
${view.kiosks.length === 0 ? html`<p class="notice" role="status">还没有登记的自助终端。</p>` : view.kiosks.map((k) => kioskSection(k, view))}`,
  );
}
