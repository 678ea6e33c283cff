// The report's only style sheet, inlined in one <style> element whose SHA-256 goes into the
// page's Content-Security-Policy (`style-src 'sha256-…'`): no inline style attributes anywhere,
// no fonts or images, nothing fetched. `@media print` opens every <details> (Chromium 131+).
import { createHash } from 'node:crypto';

export const REPORT_CSS = `
:root{--ink:#1b2330;--muted:#5a6472;--line:#d5dae1;--soft:#f5f7fa;--paper:#fff;--bg:#eceff3;--accent:#1f3a5f;--gold:#9a7b2f;
--pass:#176c30;--pass-bg:#e6f4ea;--fail:#b3261e;--fail-bg:#fdeceb;--warn:#8a5a00;--warn-bg:#fff4d6;
--skip:#525a66;--skip-bg:#eef0f3;--error:#8e1f7a;--error-bg:#f9e8f5;--blocked:#8f3a12;--blocked-bg:#fbeee6;--manual:#0b5f8a;--manual-bg:#e5f2fa}
*{box-sizing:border-box}
html{background:var(--bg)}
body{margin:0;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:1120px;margin:24px auto;padding:36px 44px;background:var(--paper);box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1,h2,h3,h4,h5,h6{line-height:1.25;margin:0}
h1,h2,.cert-title{font-family:Georgia,"Times New Roman",serif}
h2{font-size:22px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--accent);color:var(--accent)}
h3{font-size:18px;margin:26px 0 10px}
h5{font-size:13px;margin:14px 0 6px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
h6{font-size:12px;margin:8px 0 4px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
p{margin:6px 0}
a{color:var(--accent)}
code,pre,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
pre{margin:4px 0;padding:8px 10px;background:var(--soft);border:1px solid var(--line);border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.small{font-size:13px}
.cert{position:relative;border:7px double var(--accent);outline:1px solid var(--gold);outline-offset:-14px;padding:30px 36px 26px}
.cert-eyebrow{margin:0;text-align:center;text-transform:uppercase;letter-spacing:.22em;font-size:12px;color:var(--gold);font-weight:700}
.cert-title{margin:6px 0 22px;text-align:center;font-size:30px;color:var(--accent);font-weight:700}
.cert-grid{display:grid;grid-template-columns:minmax(0,1fr) 250px;gap:28px;align-items:start}
.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:5px 18px;margin:0}
.facts dt{font-weight:600;color:var(--muted);font-size:13px;text-transform:uppercase;letter-spacing:.04em;padding-top:2px}
.facts dd{margin:0;overflow-wrap:anywhere}
.verdict{margin:0;padding:18px 14px;border:4px solid;border-radius:10px;text-align:center}
.verdict-label{display:block;font-size:12px;text-transform:uppercase;letter-spacing:.2em;font-weight:700}
.verdict-word{display:block;font:800 50px/1.1 Georgia,"Times New Roman",serif;letter-spacing:.1em;margin:6px 0}
.verdict-note{display:block;font-size:13px;color:var(--ink)}
.verdict-pass{color:var(--pass);background:var(--pass-bg);border-color:var(--pass)}
.verdict-fail{color:var(--fail);background:var(--fail-bg);border-color:var(--fail)}
.callout{margin:14px 0;padding:10px 14px;border-left:5px solid;border-radius:4px}
.callout-error{border-color:var(--fail);background:var(--fail-bg)}
.callout-hint{border-color:var(--warn);background:var(--warn-bg)}
.callout-info{border-color:var(--manual);background:var(--manual-bg)}
.callout ul{margin:4px 0;padding-left:20px}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13.5px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--soft);font-weight:600}
tbody th{font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#9aa1ab}
tr.total th,tr.total td{font-weight:700;background:var(--soft)}
.badge{display:inline-block;min-width:4.6em;padding:1px 6px;border:1px solid;border-radius:4px;font:700 11.5px/1.5 system-ui,sans-serif;letter-spacing:.05em;text-align:center;white-space:nowrap}
.b-pass{color:var(--pass);background:var(--pass-bg)}
.b-fail{color:var(--fail);background:var(--fail-bg)}
.b-warn{color:var(--warn);background:var(--warn-bg)}
.b-skip{color:var(--skip);background:var(--skip-bg)}
.b-error{color:var(--error);background:var(--error-bg)}
.b-blocked{color:var(--blocked);background:var(--blocked-bg)}
.b-manual{color:var(--manual);background:var(--manual-bg)}
.n-pass{color:var(--pass)}.n-fail{color:var(--fail)}.n-warn{color:var(--warn)}.n-skip{color:var(--skip)}.n-error{color:var(--error)}.n-blocked{color:var(--blocked)}.n-manual{color:var(--manual)}
.tag{display:inline-block;padding:0 5px;border:1px solid var(--line);border-radius:3px;font-size:11.5px;font-weight:600;color:var(--muted);background:var(--paper)}
.toc{columns:2;margin:6px 0;padding-left:20px}
.blocking{list-style:none;margin:0;padding:0}
.blocking>li{margin:10px 0;padding:10px 14px;border:1px solid var(--line);border-left:5px solid var(--fail);border-radius:4px}
.blocking>li.bl-error{border-left-color:var(--error)}
.blocking>li.bl-blocked{border-left-color:var(--blocked)}
.blocks{color:var(--blocked)}
.checklist{list-style:none;padding:0}
.checklist li{margin:8px 0;padding-left:30px;position:relative}
.checklist li::before{content:"";position:absolute;left:2px;top:3px;width:15px;height:15px;border:2px solid var(--manual);border-radius:3px}
.signoff{display:grid;grid-template-columns:1fr 1fr;gap:30px;margin-top:18px}
.signoff p{border-top:1px solid var(--ink);padding-top:4px;margin-top:34px;font-size:12px;color:var(--muted)}
.ea{width:auto;min-width:50%;margin:6px 0}
.ea th{width:6.5em;background:var(--soft)}
.case{margin:8px 0;border:1px solid var(--line);border-left:5px solid var(--skip);border-radius:4px;background:var(--paper)}
.case-pass{border-left-color:var(--pass)}.case-fail{border-left-color:var(--fail)}.case-warn{border-left-color:var(--warn)}
.case-error{border-left-color:var(--error)}.case-blocked{border-left-color:var(--blocked)}.case-manual{border-left-color:var(--manual)}
.case>details>summary{padding:8px 12px;cursor:pointer}
.case>details[open]>summary{border-bottom:1px solid var(--line);background:var(--soft)}
.case h4{display:inline;font-size:15px;font-weight:600}
.case-id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;margin:0 4px}
.case-line{display:block;margin:2px 0 0 5.4em;font-size:13px;color:var(--muted)}
.case>details[open]>summary .case-line{display:none}
.checks>tbody>tr>td:first-child{width:5.6em}.checks>tbody>tr>td:nth-child(2){width:24%}.checks>tbody>tr>td:last-child{width:1%;white-space:nowrap;font-size:12px}
.case-body{padding:6px 16px 14px}
.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:3px 14px;margin:6px 0;font-size:13.5px}
.meta dt{font-weight:600;color:var(--muted)}
.meta dd{margin:0}
.steps{margin:0;padding-left:22px}
.step{margin:10px 0;padding-left:4px}
.step-head{margin:0}
.kind{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:700;margin:0 4px}
.exchange{margin:6px 0;border:1px solid var(--line);border-radius:4px}
.exchange>summary{padding:4px 8px;cursor:pointer;font-size:13px;background:var(--soft)}
.exchange-body{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px;padding:4px 10px 8px}
.cut{font-size:12px;color:var(--muted);font-style:italic;margin:0 0 6px}
.http-ok{color:var(--pass);font-weight:700}.http-bad{color:var(--fail);font-weight:700}.http-other{color:var(--warn);font-weight:700}
.appendix>summary{cursor:pointer;font-weight:600}
footer{margin-top:40px;padding-top:10px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
@media (max-width:760px){.page{padding:16px}.cert{padding:20px 14px}.cert-grid,.exchange-body,.signoff{grid-template-columns:1fr}.toc{columns:1}}
@media print{
html,body{background:#fff}
body{font-size:10.5pt}
.page{max-width:none;margin:0;padding:0;box-shadow:none}
details::details-content{content-visibility:visible;display:block}
details>summary{list-style:none}
details>summary::-webkit-details-marker{display:none}
a{color:inherit;text-decoration:none}
.cert,.blocking>li,.exchange,.checklist li,tr{break-inside:avoid}
h2,h3,summary{break-after:avoid}
.verdict,.badge,.callout,.case,thead th{print-color-adjust:exact;-webkit-print-color-adjust:exact}
@page{margin:14mm}
}
`;

/** The CSP source expression that allows exactly `css` as an inline style: `'sha256-…'`. */
export function styleHashSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/** The policy put in the page's meta tag; a server may send the same as a header. */
export function contentSecurityPolicy(css: string): string {
  return `default-src 'none'; style-src ${styleHashSource(css)}; base-uri 'none'; form-action 'none'`;
}
