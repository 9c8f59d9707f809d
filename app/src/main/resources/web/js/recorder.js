// The history recorder's health (GET /api/history/status): a status line on the history pages, and a banner on
// every page while recording fails (it resumes by itself once the problem is fixed).
import { get } from './api.js';
import { store } from './store.js';
import { h, setText, fmtDateTime } from './util.js';

const lines = new Set();
let last = null;
let timer = null;
let fast = 0;

/** A status line for a page; it is filled by every refresh. */
export function statusLine(id) {
  const el = h('p', { id, class: 'recorder-status muted', role: 'status', text: 'History recorder: …' });
  lines.add(el);
  if (last) render();
  return el;
}

/** The newest recorded board time, or null when unknown. */
export function newestMs() {
  return last && last.newest_ms > 0 ? last.newest_ms : null;
}

/**
 * The answer flattened: {recorder: {ok, error, …}, spans: {raw: {oldest_ms, newest_ms}, …}} (or the same fields
 * flat) -> {ok, error, …, oldest_ms, newest_ms}.
 */
function flatten(s) {
  const r = { ...(s.recorder && typeof s.recorder === 'object' ? s.recorder : s) };
  const spans = Object.values(s.spans && typeof s.spans === 'object' ? s.spans : {}).filter((x) => x && typeof x === 'object');
  const oldest = spans.map((x) => x.oldest_ms).filter((x) => x > 0), newest = spans.map((x) => x.newest_ms).filter((x) => x > 0);
  if (oldest.length && !(r.oldest_ms > 0)) r.oldest_ms = Math.min(...oldest);
  if (newest.length && !(r.newest_ms > 0)) r.newest_ms = Math.max(...newest);
  if (s.spans && typeof s.spans.error === 'string' && r.ok !== false) r.readError = s.spans.error;
  return r;
}

/** The board's time now, as well as this page knows it: the newest recorded or live reading, else the wall clock. */
export function boardNow() {
  const live = store.status && typeof store.status.time_ms === 'number' ? store.status.time_ms : 0;
  return Math.max(newestMs() || 0, live) || Date.now();
}

export async function refreshRecorder() {
  try {
    last = flatten(await get('/api/history/status'));
  } catch (e) {
    last = { unavailable: true, error: e.status === 404 ? 'this server keeps no history' : (e.message || String(e)) };
  }
  render();
  return last;
}

/** Polls every 60 s, every 5 s while a history page is shown: watch(true) on show, watch(false) on hide. */
export function watch(on) {
  if (on !== undefined) fast = Math.max(0, fast + (on ? 1 : -1));
  clearInterval(timer);
  timer = setInterval(refreshRecorder, fast ? 5000 : 60000);
  if (on !== false) refreshRecorder();
}

function describe(s) {
  if (s.unavailable) return 'History recorder: ' + s.error + '.';
  const failing = s.ok === false;
  const parts = [(failing ? 'Not recording' : s.recording === false ? 'Recording stopped' : 'Recording') +
    (s.store ? ' to ' + s.store : '') + (failing && s.since_ms ? ' since ' + fmtDateTime(s.since_ms, false) : '')];
  if (s.oldest_ms) parts.push('history from ' + fmtDateTime(s.oldest_ms, false) + ' to ' + fmtDateTime(s.newest_ms, false));
  if (typeof s.rawDays === 'number') {
    parts.push('every reading kept ' + s.rawDays + ' days' +
      (typeof s.minuteDays === 'number' ? ', minute averages ' + s.minuteDays + ' days, then hourly' : ', then averages'));
  }
  if (s.pending) parts.push(s.pending + ' waiting to be written');
  if (s.dropped) parts.push(s.dropped + ' dropped');
  if (s.readError) parts.push('cannot read it: ' + s.readError);
  return parts.join(' · ');
}

function render() {
  const s = last;
  if (!s) return;
  const failing = !s.unavailable && s.ok === false;
  for (const el of lines) {
    setText(el, describe(s));
    el.classList.toggle('warn-text', failing || s.recording === false);
  }
  const banner = document.getElementById('recorder-error');
  if (!banner) return;
  banner.hidden = !failing;
  if (failing) {
    setText(banner, 'History is not being recorded' + (s.since_ms ? ' since ' + fmtDateTime(s.since_ms) : '') + ': ' +
      (s.error || 'unknown error') + '. ' +
      (s.pending ? s.pending + ' readings are waiting in memory' + (s.dropped ? ' (' + s.dropped + ' lost)' : '') + '; ' : '') +
      'recording resumes by itself once this is fixed.');
  }
}
