/**
 * The staff page's one stylesheet, served at /staff/style.css (the CSP allows styles from 'self' only, no
 * inline ones). Kept in code, not a file beside it, so a bundled embedded back office serves it too.
 * Colours keep at least 4.5:1 contrast on their backgrounds (WCAG 2.2 AA).
 */
export const STYLESHEET = `
:root { --ink: #1a1a1a; --muted: #4d4d4d; --line: #c8ccd2; --accent: #0b4f8a; --accent-ink: #fff; --bad: #a3150d; --good: #1d5e20; --paper: #fff; --band: #f1f4f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #e07b00; outline-offset: 2px; }
.en { display: block; font-size: 0.8em; color: var(--muted); font-weight: normal; }
.skip, .visually-hidden { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: 0.5rem; z-index: 1; }
header.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding: 0.5rem 1.5rem; background: var(--accent); color: var(--accent-ink); }
header.bar a { color: var(--accent-ink); }
.brand { margin: 0; font-weight: bold; }
nav.main ul { display: flex; gap: 0.25rem; margin: 0; padding: 0; list-style: none; }
nav.main a { display: inline-block; padding: 0.5rem 0.75rem; min-height: 44px; text-decoration: none; border-radius: 4px; }
nav.main a[aria-current="page"] { background: rgba(255, 255, 255, 0.2); text-decoration: underline; }
.who { margin-left: auto; display: flex; align-items: center; gap: 0.75rem; }
main { padding: 1rem 1.5rem 3rem; max-width: 80rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--band); white-space: nowrap; }
td time, td.mono, td .mono { white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.5rem; margin: 0.5rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
button, .button { display: inline-block; min-height: 44px; padding: 0.5rem 1.1rem; font: inherit; border: 2px solid var(--accent); border-radius: 4px; background: var(--accent); color: var(--accent-ink); cursor: pointer; text-decoration: none; }
button.secondary { background: var(--paper); color: var(--accent); }
input, select, textarea { font: inherit; min-height: 44px; padding: 0.4rem 0.5rem; border: 1px solid #6b7280; border-radius: 4px; background: var(--paper); color: var(--ink); }
textarea { width: 100%; max-width: 40rem; min-height: 5rem; }
label { display: block; font-weight: bold; margin: 0.75rem 0 0.25rem; }
.hint { display: block; font-weight: normal; color: var(--muted); font-size: 0.9em; }
form.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0 1rem; margin-bottom: 1rem; }
form.filters label { margin-top: 0; }
form.sign-in { max-width: 24rem; }
form.sign-in input { width: 100%; }
fieldset { border: 1px solid var(--line); border-radius: 4px; padding: 0.5rem 1rem 1rem; margin: 0.75rem 0; }
legend { font-weight: bold; padding: 0 0.25rem; }
.notice { padding: 0.75rem 1rem; border-left: 4px solid var(--accent); background: var(--band); margin: 0.75rem 0; }
.notice.error { border-color: var(--bad); color: var(--bad); background: #fdf0ef; }
.notice.ok { border-color: var(--good); color: var(--good); background: #eef6ee; }
.status { display: inline-block; padding: 0 0.5rem; border-radius: 4px; border: 1px solid currentColor; white-space: nowrap; }
.status-returned { color: var(--bad); }
.status-completed { color: var(--good); }
.item { border: 1px solid var(--line); border-radius: 6px; padding: 0 1rem 0.5rem; margin: 1rem 0; }
.masked { letter-spacing: 0.05em; }
svg.signature { display: block; max-width: 100%; height: auto; color: var(--ink); background: #fafafa; border: 1px solid var(--line); }
nav.pager { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
code, .mono { font-family: "Noto Sans Mono CJK SC", ui-monospace, monospace; font-size: 0.95em; }
ul.plain { margin: 0; padding-left: 1.2rem; }
pre.desk-receipt { font-family: "Noto Sans Mono CJK SC", ui-monospace, monospace; border: 1px solid var(--line); padding: 1rem; max-width: 30rem; white-space: pre-wrap; }
@media print { .bar, .skip, .no-print { display: none; } pre.desk-receipt { border: 0; padding: 0; } }
`;
