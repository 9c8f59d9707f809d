// Events: what happened to the board (GET /api/events), newest first, by category and range; and every settings
// change as a diff (GET /api/settings/history).
//
// Test ids:
//   [data-filter=protection|switch|settings|power|emergency|calibration|balance|link|other]  category checkboxes;
//   #events-all #events-none
//   [data-range=1h|6h|1d|7d|30d|1y|custom] #events-from #events-to #events-apply (js/range.js)
//   #event-timeline li[data-category][data-event]   (not "#events": the Status page's live list has that id)
//   #events-count #events-error #events-recorder-status
//   #settings-history li[data-time]   one change; its li[data-key] hold .diff-key .diff-old .diff-new
//   #settings-history-error
import { get, errorText } from './api.js';
import { store, schemaEntry } from './store.js';
import { h, clear, setText, showMsg, fmtDateTime, fmtValue, query, debounce } from './util.js';
import { rangePicker, presetMs } from './range.js';
import { statusLine, refreshRecorder, newestMs, boardNow, watch } from './recorder.js';
import { CATEGORIES, category } from './categories.js';
import { eventWords } from './charts.js';

const LIMIT = 500;
const el = {};
const filters = new Map();
const state = { preset: '7d', from: 0, to: 0 };
let seq = 0;
let visible = false;
let timer = null;

export function mount(section) {
  el.picker = rangePicker({ prefix: 'events', preset: state.preset, onPick: (r) => {
    Object.assign(state, { preset: r.preset || null, from: r.from || 0, to: r.to || 0 });
    load();
  } });
  const reload = debounce(load, 250);
  section.append(
    h('div', { class: 'card' },
      h('div', { class: 'card-head' }, h('h1', { text: 'Events' }), statusLine('events-recorder-status')),
      el.picker.el,
      h('fieldset', { class: 'filters' }, h('legend', { text: 'Categories' }),
        CATEGORIES.map((c) => {
          const box = h('input', { type: 'checkbox', checked: true, dataset: { filter: c.id }, onchange: reload });
          filters.set(c.id, box);
          return h('label', { class: 'check filter' }, box, h('span', { class: 'cat-dot', style: 'background:' + c.color }), ' ' + c.label);
        }),
        h('span', { class: 'btn-row' },
          h('button', { type: 'button', class: 'btn-small', id: 'events-all', text: 'All', onclick: () => setAll(true) }),
          h('button', { type: 'button', class: 'btn-small', id: 'events-none', text: 'None', onclick: () => setAll(false) })))),
    h('div', { class: 'grid-2' },
      h('div', { class: 'card' },
        h('h2', {}, 'Timeline ', (el.count = h('span', { id: 'events-count', class: 'muted' }))),
        (el.error = h('div', { id: 'events-error', class: 'msg', role: 'alert', hidden: true })),
        (el.timeline = h('ul', { id: 'event-timeline', class: 'timeline' }))),
      h('div', { class: 'card' },
        h('h2', { text: 'Settings history' }),
        (el.settingsError = h('div', { id: 'settings-history-error', class: 'msg', role: 'alert', hidden: true })),
        (el.settings = h('ul', { id: 'settings-history', class: 'timeline' })))));
  // a live event: show it once the recorder has written it
  const soon = debounce(() => { if (visible && state.preset) load(); }, 2500);
  store.on('event', soon);

  function setAll(on) {
    for (const box of filters.values()) box.checked = on;
    reload();
  }
}

export function show() {
  visible = true;
  watch(true);
  load();
  clearInterval(timer);
  timer = setInterval(() => { if (state.preset && !document.hidden) load(); }, 30000);
}

export function hide() {
  visible = false;
  watch(false);
  clearInterval(timer);
  timer = null;
}

async function load() {
  const mine = ++seq;
  if (state.preset && newestMs() === null) await refreshRecorder();
  const to = state.preset ? boardNow() : state.to;
  const from = state.preset ? to - presetMs(state.preset) : state.from;
  const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  el.picker.showCustom(from, to);
  const chosen = [...filters].filter(([, box]) => box.checked).map(([id]) => id);
  const all = chosen.length === filters.size;
  const [events, settings] = await Promise.allSettled([
    chosen.length ? get('/api/events' + query({ ...range, category: all ? '' : chosen.join(','), limit: LIMIT })) : { events: [] },
    get('/api/settings/history' + query(range)),
  ]);
  if (mine !== seq) return;
  if (events.status === 'fulfilled') {
    showMsg(el.error, '', '');
    timeline(Array.isArray(events.value.events) ? events.value.events : [], chosen.length);
  } else {
    showMsg(el.error, 'error', 'Cannot read the events: ' + errorText(events.reason));
  }
  if (settings.status === 'fulfilled') {
    showMsg(el.settingsError, '', '');
    settingsHistory(Array.isArray(settings.value.changes) ? settings.value.changes : []);
  } else {
    showMsg(el.settingsError, 'error', 'Cannot read the settings history: ' + errorText(settings.reason));
  }
}

function timeline(events, categories) {
  clear(el.timeline);
  for (const e of events) {
    const c = category(e.category);
    const more = [e.cell ? 'cell ' + e.cell : '', e.who ? 'by ' + e.who : ''].filter(Boolean).join(' · ');
    el.timeline.appendChild(h('li', { dataset: { category: e.category || 'other', event: e.event || '' } },
      h('div', { class: 'timeline-head' },
        h('span', { class: 'cat-badge', style: 'background:' + c.color, text: c.label }),
        h('time', { text: fmtDateTime(e.time_ms) })),
      h('div', { class: 'timeline-text', text: eventWords(e) }),
      more ? h('div', { class: 'timeline-more muted', text: more }) : null));
  }
  if (!events.length) {
    el.timeline.appendChild(h('li', { class: 'muted empty', text: categories ? 'No events in this range.' : 'No category chosen.' }));
  }
  setText(el.count, events.length >= LIMIT ? '(the newest ' + LIMIT + '; choose a shorter range for older ones)' : '(' + events.length + ')');
}

function diffRow(d) {
  const entry = schemaEntry(d.key);
  return h('li', { dataset: { key: d.key }, title: entry && entry.description ? entry.description : null },
    h('span', { class: 'diff-key', text: d.key }), ' ',
    d.old === null || d.old === undefined
      ? h('span', { class: 'diff-old none', text: '(none)' })
      : h('span', { class: 'diff-old', text: fmtValue(d.old) }),
    h('span', { class: 'diff-arrow', text: ' → ', 'aria-label': 'changed to' }),
    h('span', { class: 'diff-new', text: fmtValue(d.new) }));
}

function settingsHistory(changes) {
  clear(el.settings);
  for (const c of changes) {
    const diffs = Array.isArray(c.changes) ? c.changes : [];
    const first = diffs.length > 6 && diffs.every((d) => d.old === null || d.old === undefined);
    const list = h('ul', { class: 'diff' }, diffs.map(diffRow));
    el.settings.appendChild(h('li', { dataset: { time: String(c.time_ms) } },
      h('div', { class: 'timeline-head' },
        h('time', { text: fmtDateTime(c.time_ms) }),
        h('span', { class: 'muted', text: c.who ? 'by ' + c.who : '' })),
      first ? h('details', {}, h('summary', { text: 'First record of the settings: ' + diffs.length + ' values' }), list) : list));
  }
  if (!changes.length) el.settings.appendChild(h('li', { class: 'muted empty', text: 'No settings changes in this range.' }));
}
