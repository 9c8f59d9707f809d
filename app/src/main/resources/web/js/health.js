// The History page's health section: the analytics report of the range shown (GET /api/analytics). Its warnings
// and the resistance of each cell get their own place; every other field is shown as it comes, so new fields of
// the report need no change here.
// Test ids: #health-warnings li, #health-no-warnings, #health-resistance li[data-cell] (one tile a cell),
// #health-details (the rest of the report), #health-none.
import { h, fmtDateTime, fmtDuration } from './util.js';

const UNITS = [
  [/(^|_)mOhm$/, 'mΩ'], [/(^|_)uOhm$/, 'µΩ'], [/(^|_)Ohm$/, 'Ω'], [/(^|_)mV$/, 'mV'], [/_V$/, 'V'], [/(^|_)mA$/, 'mA'],
  [/_A$/, 'A'], [/(^|_)mAh$/, 'mAh'], [/(^|_)Ah$/, 'Ah'], [/(^|_)kWh$/, 'kWh'], [/(^|_)Wh$/, 'Wh'], [/_W$/, 'W'], [/(^|_)pct$/, '%'], [/_C$/, '°C'],
];

function unitOf(key) {
  const u = UNITS.find(([re]) => re.test(key));
  return u ? u[1] : '';
}

/** "socDrift_pct" -> "soc drift (%)" */
function label(key) {
  let name = String(key);
  const unit = unitOf(name);
  if (unit) name = name.replace(UNITS.find(([, u]) => u === unit)[0], '');
  name = (name.replace(/_(ms|s|dC)$/, '') || 'value').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return unit ? name + ' (' + unit + ')' : name;
}

function number(key, v) {
  if (/_ms$/.test(key) && v > 1e11) return fmtDateTime(v, false);
  if (/_s$/.test(key)) return fmtDuration(v);
  if (/_dC$/.test(key)) return (v / 10).toFixed(1) + ' °C';
  return Number.isInteger(v) ? String(v) : String(+v.toFixed(3));
}

const MAX_ROWS = 12;
const scalar = (v) => v === null || typeof v !== 'object';

/** Any JSON value as a node: scalars as text, lists of objects as tables, objects as key / value tables. */
function value(key, v, depth = 0) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return number(key, v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    if (!v.length) return 'none';
    // long lists (an hourly series over weeks): the newest entries only
    const shown = v.length > MAX_ROWS ? v.slice(-MAX_ROWS) : v;
    const note = shown.length < v.length ? h('div', { class: 'muted', text: 'the last ' + shown.length + ' of ' + v.length }) : null;
    if (v.every(scalar)) return shown.map((x) => value(key, x)).join(', ') + (note ? ' (' + note.textContent + ')' : '');
    if (v.every((x) => x && typeof x === 'object' && !Array.isArray(x)) && depth < 3) return h('div', {}, table(shown, depth), note);
    return h('div', {}, h('ul', { class: 'plain-list' }, shown.map((x) => h('li', {}, value(key, x, depth + 1)))), note);
  }
  if (depth >= 3) return JSON.stringify(v);
  return kv(v, depth + 1);
}

function kv(obj, depth = 0, skip = new Set()) {
  return h('table', { class: 'kv' }, h('tbody', {}, Object.entries(obj).filter(([k]) => !skip.has(k)).map(([k, v]) =>
    h('tr', { dataset: { key: k } }, h('th', { scope: 'row', text: label(k) }), h('td', {}, value(k, v, depth))))));
}

function table(rows, depth = 0, props = {}) {
  const keys = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  keys.sort((a, b) => (b === 'cell') - (a === 'cell'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', ...props },
    h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col', text: label(k) })))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: r.cell !== undefined ? { cell: String(r.cell) } : {} },
      keys.map((k) => h('td', {}, value(k, r[k], depth + 1))))))));
}

/** The report's per-cell resistance as rows [{cell, …}], and the key it was under; null when there is none. */
function resistance(report) {
  const key = Object.keys(report).find((k) => /resist/i.test(k));
  if (!key) return null;
  let v = report[key];
  if (v && !Array.isArray(v) && typeof v === 'object') {
    const inner = Object.values(v).find(Array.isArray);
    if (inner) v = inner;
    else if (Object.keys(v).every((k) => /^\d+$/.test(k))) {
      v = Object.entries(v).map(([cell, x]) => (x && typeof x === 'object' ? { cell: Number(cell), ...x } : { cell: Number(cell), [key]: x }));
    }
  }
  if (!Array.isArray(v)) return null;
  const rows = v.map((x, i) => (x && typeof x === 'object' ? ('cell' in x ? x : { cell: i + 1, ...x }) : { cell: i + 1, [key]: x }));
  return { key, rows, list: v, rest: report[key] !== v && !Array.isArray(report[key]) ? report[key] : null };
}

/** The first numeric field of the rows besides the cell number: the value a tile shows big. */
function mainField(rows) {
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (k !== 'cell' && typeof v === 'number') return k;
  return null;
}

/** "uncertainty_pct", 4.2 -> "uncertainty 4.2 %" */
function inWords(k, v) {
  const unit = unitOf(k);
  const name = label(k).replace(/ \([^)]*\)$/, '');
  return name + ' ' + (scalar(v) ? value(k, v) + (unit && typeof v === 'number' ? '\u00a0' + unit : '') : JSON.stringify(v));
}

function tiles(rows, main) {
  return h('ul', { id: 'health-resistance', class: 'res-grid' }, rows.map((r) => {
    const rest = Object.entries(r).filter(([k]) => k !== 'cell' && k !== main);
    return h('li', { dataset: { cell: String(r.cell) } },
      h('span', { class: 'res-cell', text: '#' + r.cell }),
      // no estimate yet: the report says 0 with no steps behind it
      h('b', { text: main && typeof r[main] === 'number' && r.steps !== 0 ? number(main, r[main]) : '–' }),
      rest.map(([k, v]) => h('span', { class: 'res-more', text: inWords(k, v) })));
  }));
}

/** Fills `root` (keeping its first child, the heading) with the report, or with `problem` in words. */
export function renderHealth(root, report, problem) {
  while (root.children.length > 1) root.removeChild(root.lastChild);
  if (!report || typeof report !== 'object') {
    root.appendChild(h('p', { class: 'muted', id: 'health-none', text: problem || 'No health report.' }));
    return;
  }
  const warnings = Array.isArray(report.warnings) ? report.warnings : [];
  if (warnings.length) {
    root.appendChild(h('ul', { id: 'health-warnings', class: 'warning-list' },
      warnings.map((w) => h('li', { text: typeof w === 'string' ? w : (w && (w.text || w.message)) || JSON.stringify(w) }))));
  } else {
    root.appendChild(h('p', { id: 'health-no-warnings', class: 'ok-text', text: 'No warnings for this range.' }));
  }
  const skip = new Set(['warnings']);
  const r = resistance(report);
  if (r) {
    skip.add(r.key);
    const main = mainField(r.rows);
    root.appendChild(h('h3', { text: 'Resistance per cell' + (main && unitOf(main) ? ' (' + unitOf(main) + ')' : '') }));
    root.appendChild(tiles(r.rows, main));
    if (r.rest) {
      const rest = Object.fromEntries(Object.entries(r.rest).filter(([, x]) => x !== r.list));
      if (Object.keys(rest).length) root.appendChild(kv(rest));
    }
  }
  const details = kv(report, 0, skip);
  details.id = 'health-details';
  if (details.querySelector('tr')) root.appendChild(h('details', {}, h('summary', { text: 'Full report' }), details));
}
