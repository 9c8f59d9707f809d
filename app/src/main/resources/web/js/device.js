// Device: who the board is, and how the link to it is doing. Refreshed every 5 s while shown.
import { get, errorText } from './api.js';
import { store } from './store.js';
import { h, clear, setText, fmtDuration, showMsg } from './util.js';

const el = {};
let timer = null;

const INFO = [
  ['model', 'Model'], ['hardwareVersion', 'Hardware version'], ['softwareVersion', 'Software version'],
  ['serial', 'Serial number'], ['uptime_s', 'Uptime'], ['powerOnCount', 'Power-on count'], ['source', 'Source'],
  ['protocol', 'Protocol'], ['layout', 'Frame layout'], ['functions', 'Functions'],
];
const LINK = [
  ['description', 'Link'], ['framesGood', 'Frames good'], ['checksumErrors', 'Checksum errors'], ['resyncs', 'Resyncs'],
  ['timeouts', 'Timeouts'], ['connects', 'Connects'],
];

export function mount(section) {
  const dl = (rows, prefix) => h('table', { class: 'kv' }, h('tbody', {}, rows.map(([k, label]) =>
    h('tr', {}, h('th', { scope: 'row', text: label }), (el[prefix + k] = h('td', { id: prefix + k, text: '–' }))))));
  section.append(
    h('div', { class: 'card' },
      h('div', { class: 'card-head' },
        h('h1', { text: 'Device' }),
        (el.online = h('span', { class: 'badge', id: 'device-online', text: '–' }))),
      (el.error = h('div', { class: 'msg', id: 'device-error', role: 'alert', hidden: true })),
      (el.reason = h('p', { class: 'warn-text', id: 'device-reason', hidden: true }))),
    h('div', { class: 'grid-2' },
      h('div', { class: 'card' }, h('h2', { text: 'Board' }), dl(INFO, 'device-')),
      h('div', { class: 'card' }, h('h2', { text: 'Link diagnostics' }), dl(LINK, 'link-'),
        h('p', { class: 'hint', text: 'Refreshed every 5 s.' }), (el.updated = h('p', { class: 'muted', id: 'device-updated' })))));
  store.on('device', render);
}

export function show() {
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, 5000);
}

export function hide() {
  clearInterval(timer);
  timer = null;
}

async function refresh() {
  try {
    const d = await get('/api/device');
    store.device = d;
    store.emit('device', d);
    showMsg(el.error, '', '');
  } catch (e) {
    showMsg(el.error, 'error', 'Cannot read the device: ' + errorText(e));
  }
}

function render(d) {
  if (!d) return;
  for (const [k] of INFO) {
    let v = d[k];
    if (k === 'uptime_s') v = fmtDuration(v);
    else if (k === 'functions') v = Array.isArray(v) ? (v.length ? v.join(', ') : 'none (no H/C/R suffix)') : '–';
    setText(el['device-' + k], v ?? '–');
  }
  const link = d.link || {};
  for (const [k] of LINK) setText(el['link-' + k], link[k] ?? '–');
  setText(el.online, d.online ? 'online' : 'offline');
  el.online.className = 'badge ' + (d.online ? 'badge-on' : 'badge-off');
  el.reason.hidden = !!d.online;
  setText(el.reason, d.online ? '' : 'Offline: ' + (d.reason || 'no reason given'));
  setText(el.updated, 'Last read ' + new Date().toLocaleTimeString());
}
