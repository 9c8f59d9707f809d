// History: charts of what the recorder kept (GET /api/history) for any range from an hour to a year; drag across a
// chart to zoom in (refetched at a finer resolution); events as markers; CSV export; the recorder's status; health.
//
// Test ids:
//   #history-charts .uplot                 one per chart, inside figure[data-chart=voltage|current|soc|cells|spread|
//                                          temperatures|balance]; on the figure, data-markers = event markers drawn
//                                          and data-points = values of its first line that are not gaps
//   [data-cells-mode=lines|band]           cells as one line each, or min / average / max
//   [data-current-mode=current|power]      the current chart in A, or the power in kW
//   [data-range=1h|6h|1d|7d|30d|1y|custom] #history-from #history-to #history-apply (js/range.js)
//   #history-back #history-zoom-in #history-zoom-out
//   #history-range        the range shown in words; data-from / data-to (epoch ms)
//   #history-resolution   in words; data-resolution = raw | minute | hour
//   #history-csv          a link: GET /api/history.csv for the range shown, at the resolution shown
//   #history-markers      select: event markers on the charts for important | all | none of the events
//   #history-events li[data-category]      the events of the range shown, newest first
//   #history-error #history-empty
//   #recorder-status      the recorder's status line (js/recorder.js; #recorder-error is the banner on every page)
//   #history-health       #health-warnings li, #health-resistance, #health-details (js/health.js)
import { get, errorText, getToken } from './api.js';
import { store } from './store.js';
import { h, clear, setText, showMsg, fmtDateTime, fmtSpan, query } from './util.js';
import { rangePicker, presetMs, presetLabel } from './range.js';
import { statusLine, refreshRecorder, newestMs, boardNow, watch } from './recorder.js';
import { loadUPlot, chart, eventWords } from './charts.js';
import { category } from './categories.js';
import { renderHealth } from './health.js';

const el = {};
const charts = new Map();
const state = {
  preset: '1h', from: 0, to: 0, // the range asked for: a preset counted back from the newest reading, or from / to
  shown: null, // the last answer
  stack: [], // ranges to go back to
  events: [], // of the range shown, oldest first
  marked: [], // the events drawn as markers
  cellsMode: 'lines', currentMode: 'current', markers: 'important',
};
/** Frequent, routine events: listed, but not drawn over the charts unless asked for. */
const ROUTINE = new Set(['balance', 'link', 'other']);
let seq = 0;
let timer = null;
let visible = false;
let healthAt = 0;
let resizer = null;

const CHARTS = [
  { key: 'voltage', title: 'Pack voltage' },
  { key: 'current', title: 'Current', modes: ['current', 'power'], labels: { current: 'A', power: 'kW' } },
  { key: 'soc', title: 'State of charge' },
  { key: 'cells', title: 'Cells', wide: true, modes: ['lines', 'band'], labels: { lines: 'each cell', band: 'min / avg / max' } },
  { key: 'spread', title: 'Cell spread' },
  { key: 'temperatures', title: 'Temperatures' },
  { key: 'balance', title: 'Balancing current' },
];
const TEMP_COLORS = ['#b45309', '#2563c9', '#0f766e', '#7c3aed', '#be185d', '#4d7c0f'];

export function mount(section) {
  el.picker = rangePicker({ prefix: 'history', preset: state.preset, onPick: (r) => go(r.preset ? { preset: r.preset } : r) });
  section.append(
    h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('h1', { text: 'History' }), statusLine('recorder-status')),
      el.picker.el,
      h('div', { class: 'btn-row history-tools' },
        (el.back = h('button', { type: 'button', class: 'btn-small', id: 'history-back', text: '← Back', disabled: true, onclick: back })),
        h('button', { type: 'button', class: 'btn-small', id: 'history-zoom-in', text: 'Zoom in', onclick: () => zoomBy(0.5) }),
        h('button', { type: 'button', class: 'btn-small', id: 'history-zoom-out', text: 'Zoom out', onclick: () => zoomBy(2) }),
        (el.csv = h('a', { id: 'history-csv', class: 'btn-small btn-link', href: '/api/history.csv', download: 'history.csv', text: 'Download CSV' })),
        h('label', { class: 'inline-field' }, 'Markers ',
          (el.markers = h('select', { id: 'history-markers', onchange: () => {
            state.markers = el.markers.value;
            mark();
            for (const c of charts.values()) c.plot?.redraw(false);
          } },
          h('option', { value: 'important', text: 'important events' }),
          h('option', { value: 'all', text: 'all events' }),
          h('option', { value: 'none', text: 'none' }))))),
      h('p', { class: 'history-shown' },
        (el.range = h('span', { id: 'history-range', text: '…' })), ' · ',
        (el.resolution = h('span', { id: 'history-resolution', text: '' }))),
      h('p', { class: 'hint', text: 'Drag across a chart to zoom in; the page fetches that stretch in more detail. ' +
        'Click a name under a chart to hide or show its line.' }),
      (el.error = h('div', { id: 'history-error', class: 'msg', role: 'alert', hidden: true })),
      (el.empty = h('p', { id: 'history-empty', class: 'muted', hidden: true, text: 'Nothing was recorded in this range.' }))),
    (el.charts = h('div', { id: 'history-charts', class: 'chart-grid' })),
    h('div', { class: 'card' },
      h('h2', {}, 'Events in this range ', (el.eventCount = h('span', { class: 'muted', text: '' }))),
      (el.events = h('ul', { id: 'history-events', class: 'event-list' }))),
    (el.health = h('div', { class: 'card', id: 'history-health' }, h('h2', { text: 'Health' }))));
  for (const c of CHARTS) el.charts.appendChild(figure(c));
  // a live event: show it once the recorder has written it
  store.on('event', () => { if (visible && state.preset) refreshSoon(); });
}

let soon = null;
function refreshSoon() {
  clearTimeout(soon);
  soon = setTimeout(() => load(true), 2500);
}

function figure(c) {
  const host = h('div', { class: 'chart-plot' });
  const head = h('div', { class: 'chart-head' }, h('h2', { text: c.title }));
  if (c.modes) {
    head.appendChild(h('div', { class: 'btn-row chart-modes', role: 'group', 'aria-label': c.title + ' shows' },
      c.modes.map((m) => h('button', {
        type: 'button', class: 'btn-small', dataset: { [c.key + 'Mode']: m }, 'aria-pressed': String(m === mode(c.key)),
        text: c.labels[m], onclick: (e) => {
          state[c.key + 'Mode'] = m;
          for (const b of e.target.parentElement.children) b.setAttribute('aria-pressed', String(b === e.target));
          draw();
        },
      }))));
  }
  const fig = h('figure', { class: 'card chart' + (c.wide ? ' chart-wide' : ''), dataset: { chart: c.key } }, head, host);
  fig.host = host;
  return fig;
}

function mode(key) {
  return state[key + 'Mode'];
}

export function show() {
  visible = true;
  watch(true);
  if (!resizer && window.ResizeObserver) {
    resizer = new ResizeObserver(() => { for (const c of charts.values()) c.resize(); });
    resizer.observe(el.charts);
  }
  load(false);
  clearInterval(timer);
  timer = setInterval(() => { if (state.preset && !document.hidden) load(true); }, 15000);
}

export function hide() {
  visible = false;
  watch(false);
  clearInterval(timer);
  timer = null;
}

// ---------------------------------------------------------------- ranges

function go(range) {
  if (state.shown) state.stack.push({ preset: state.preset, from: state.from, to: state.to });
  el.back.disabled = state.stack.length === 0;
  setRange(range);
  load(false);
}

function setRange(r) {
  state.preset = r.preset || null;
  state.from = r.from || 0;
  state.to = r.to || 0;
  el.picker.select(state.preset);
}

function back() {
  const r = state.stack.pop();
  el.back.disabled = state.stack.length === 0;
  if (!r) return;
  setRange(r);
  load(false);
}

function zoomTo(from, to) {
  const MIN = 60e3;
  if (to - from < MIN) {
    const mid = (from + to) / 2;
    from = mid - MIN / 2;
    to = mid + MIN / 2;
  }
  go({ from: Math.round(from), to: Math.round(to) });
}

function zoomBy(factor) {
  if (!state.shown) return;
  const { from_ms: f, to_ms: t } = state.shown;
  const mid = (f + t) / 2, half = ((t - f) * factor) / 2;
  zoomTo(mid - half, mid + half);
}

/** The range to ask for: a preset ends at the newest recorded reading (the twin's clock runs ahead when fast). */
async function wanted() {
  if (!state.preset) return { from: state.from, to: state.to };
  if (newestMs() === null) await refreshRecorder();
  const end = boardNow();
  return { from: end - presetMs(state.preset), to: end };
}

// ---------------------------------------------------------------- load and draw

async function load(auto) {
  const mine = ++seq;
  let uPlot, d;
  try {
    const { from, to } = await wanted();
    // the server's default number of points (every reading of an hour), more when a range has more hours than that
    const hours = Math.ceil((to - from) / 3600e3) + 2;
    const points = hours > 4000 ? hours : undefined;
    [uPlot, d] = await Promise.all([loadUPlot(),
      get('/api/history' + query({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), points }))]);
  } catch (e) {
    if (mine !== seq) return;
    showMsg(el.error, 'error', 'Cannot read the history: ' + (e.status === 404 ? 'this server keeps no history (' + errorText(e) + ')' : errorText(e)));
    return;
  }
  if (mine !== seq) return;
  showMsg(el.error, '', '');
  state.shown = d;
  state.events = (Array.isArray(d.events) ? d.events.slice() : []).sort((a, b) => a.time_ms - b.time_ms);
  describe(d);
  mark();
  draw(uPlot);
  listEvents();
  if (!auto || Date.now() - healthAt > 60000) health(d);
}

function mark() {
  const m = state.markers;
  state.marked = m === 'none' ? [] : m === 'all' ? state.events : state.events.filter((e) => !ROUTINE.has(e.category));
}

function describe(d) {
  const span = d.to_ms - d.from_ms;
  setText(el.range, (state.preset ? 'Last ' + presetLabel(state.preset) + ': ' : '') +
    fmtDateTime(d.from_ms, false) + ' – ' + fmtDateTime(d.to_ms, false) + (state.preset ? '' : ' (' + fmtSpan(span) + ')'));
  el.range.dataset.from = String(d.from_ms);
  el.range.dataset.to = String(d.to_ms);
  el.picker.showCustom(d.from_ms, d.to_ms);
  const n = Array.isArray(d.time_ms) ? d.time_ms.length : 0;
  const words = { raw: 'every reading', minute: '1-minute averages, shaded from min to max', hour: '1-hour averages, shaded from min to max' };
  setText(el.resolution, (words[d.resolution] || d.resolution) + ' · ' + n + ' points');
  el.resolution.dataset.resolution = d.resolution || '';
  // the CSV at the chart's resolution: what is shown, in a size a spreadsheet opens (a year of every reading is not)
  const q = { from: new Date(d.from_ms).toISOString(), to: new Date(d.to_ms).toISOString(), resolution: d.resolution };
  // A link cannot send the Authorization header: off loopback, where reads need the token, it goes in the URL.
  if (getToken() && !/^(127\.|localhost$|\[::1\]$)/.test(location.hostname)) q.token = getToken();
  el.csv.href = '/api/history.csv' + query(q);
  el.csv.download = 'jkbms-history-' + q.from.slice(0, 16).replace(/:/g, '') + '.csv';
  setText(el.csv, 'Download CSV' + (d.resolution && d.resolution !== 'raw' ? ' (' + d.resolution + ')' : ''));
  el.empty.hidden = n > 0 && hasValues(d);
}

function hasValues(d) {
  const v = d.series && d.series.packVoltage_mV && d.series.packVoltage_mV.avg;
  return Array.isArray(v) && v.some((x) => x !== null);
}

let uPlotRef = null;
const chartHeight = () => (window.innerWidth < 600 ? 180 : 220);
function draw(uPlot) {
  if (uPlot) uPlotRef = uPlot;
  const d = state.shown;
  if (!d || !uPlotRef) return;
  for (const fig of el.charts.children) {
    const key = fig.dataset.chart;
    const spec = specFor(key, d);
    fig.hidden = !spec;
    if (!spec) continue;
    if (!charts.has(key)) charts.set(key, chart(uPlotRef, fig.host, chartHeight, () => state.marked, zoomTo));
    charts.get(key).update(spec);
    fig.dataset.points = String(spec.series[0].avg.filter((v) => v !== null).length);
  }
}

const scaled = (a, k) => (Array.isArray(a) ? a.map((v) => (v === null || v === undefined ? null : v / k)) : null);

/** One API series ({avg, min?, max?}) as a chart line in display units. */
function line(src, label, color, k) {
  if (!src || !Array.isArray(src.avg)) return null;
  return { label, color, avg: scaled(src.avg, k), min: scaled(src.min, k), max: scaled(src.max, k) };
}

function specFor(key, d) {
  const s = d.series || {};
  const base = { xs: d.time_ms.map((t) => t / 1000), x: [d.from_ms / 1000, d.to_ms / 1000] };
  const one = (l, unit, digits, extra) => (l ? { ...base, unit, digits, series: [l], ...extra } : null);
  switch (key) {
    case 'voltage': return one(line(s.packVoltage_mV, 'pack', '#1f8a5b', 1000), 'V', 2, { minSpan: 0.1 });
    case 'current':
      if (state.currentMode === 'power') return one(power(s), 'kW', 2, { minSpan: 0.1 });
      return one(line(s.current_mA, 'current', '#2563c9', 1000), 'A', 1, { minSpan: 1 });
    case 'soc': return one(line(s.soc_pct, 'SOC', '#1f8a5b', 1), '%', 0, { yRange: [0, 100] });
    case 'spread': return one(line(s.spread_mV, 'spread', '#b45309', 1), 'mV', 0, { minSpan: 10 });
    case 'balance': return one(line(s.balanceCurrent_mA, 'balancing', '#a21caf', 1000), 'A', 2, { minSpan: 0.5 });
    case 'cells': return cells(s.cell_mV, base);
    case 'temperatures': {
      const t = Array.isArray(s.temperature_dC) ? s.temperature_dC : [];
      const names = Array.isArray(d.sensors) ? d.sensors : [];
      const series = t.map((x, i) => line({ avg: x && x.avg }, names[i] || 'T' + i, TEMP_COLORS[i % TEMP_COLORS.length], 10))
        .filter((x) => x && x.avg.some((v) => v !== null));
      return series.length ? { ...base, unit: '°C', digits: 1, minSpan: 2, series } : null;
    }
    default: return null;
  }
}

/** Power from the average voltage and current of each point (kW; no band: min × max is not a power). */
function power(s) {
  const v = s.packVoltage_mV && s.packVoltage_mV.avg, a = s.current_mA && s.current_mA.avg;
  if (!Array.isArray(v) || !Array.isArray(a)) return null;
  return { label: 'power', color: '#2563c9', avg: v.map((x, i) => (x === null || a[i] === null ? null : (x * a[i]) / 1e9)) };
}

function cells(list, base) {
  if (!Array.isArray(list) || !list.length) return null;
  const n = list.length;
  if (state.cellsMode === 'lines') {
    return { ...base, unit: 'mV', digits: 0, minSpan: 10, series: list.map((c, i) =>
      ({ label: '#' + (i + 1), color: `hsl(${Math.round((i * 360) / n)},70%,${i % 2 ? 38 : 48}%)`, width: 1, avg: scaled(c && c.avg, 1) })) };
  }
  // min / average / max over the cells, each point
  const len = base.xs.length, avg = [], min = [], max = [];
  for (let i = 0; i < len; i++) {
    let lo = Infinity, hi = -Infinity, sum = 0, k = 0;
    for (const c of list) {
      const a = c && c.avg ? c.avg[i] : null;
      if (a === null || a === undefined) continue;
      sum += a; k++;
      lo = Math.min(lo, c.min ? c.min[i] ?? a : a);
      hi = Math.max(hi, c.max ? c.max[i] ?? a : a);
    }
    avg.push(k ? sum / k : null);
    min.push(k ? lo : null);
    max.push(k ? hi : null);
  }
  return { ...base, unit: 'mV', digits: 0, minSpan: 10, series: [{ label: 'cells', color: '#1f8a5b', avg, min, max }] };
}

function listEvents() {
  const list = state.events.slice().reverse();
  const shown = list.slice(0, 200);
  clear(el.events);
  for (const e of shown) {
    const c = category(e.category);
    el.events.appendChild(h('li', { dataset: { category: e.category || 'other', event: e.event || '' } },
      h('span', { class: 'cat-dot', style: 'background:' + c.color, title: c.label }),
      h('time', { text: fmtDateTime(e.time_ms) }), ' ', eventWords(e)));
  }
  setText(el.eventCount, list.length > shown.length ? '(newest ' + shown.length + ' of ' + list.length + ')' : '(' + list.length + ')');
}

let healthSeq = 0;
async function health(d) {
  healthAt = Date.now();
  const mine = ++healthSeq;
  try {
    const report = await get('/api/analytics' + query({ from: new Date(d.from_ms).toISOString(), to: new Date(d.to_ms).toISOString() }));
    if (mine === healthSeq) renderHealth(el.health, report);
  } catch (e) {
    if (mine === healthSeq) {
      renderHealth(el.health, null, e.status === 404 ? 'No health report on this server.' : 'Cannot read the health report: ' + errorText(e));
    }
  }
}
