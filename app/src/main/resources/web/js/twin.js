// Twin panel: drive the simulated pack (time speed, charger, load, solar, ambient) and inject faults.
import { get, post, errorText } from './api.js';
import { store } from './store.js';
import { h, clear, setText, fmtV, fmtA, fmtEventTime, fmtDuration, showMsg, fmtValue } from './util.js';

const el = {};
let timer = null;
let state = null;
let defaultsSet = false;
const SPEEDS = [1, 10, 100, 1000];

function num(id, label, props = {}) {
  const input = h('input', { id, type: 'number', inputmode: 'decimal', step: 'any', ...props });
  el[id] = input;
  return h('div', { class: 'twin-field' }, h('label', { for: id, text: label }), input);
}

function btn(id, text, onclick, cls = 'btn-small') {
  return (el[id] = h('button', { type: 'button', id, class: cls, text, onclick }));
}

function group(title, ...children) {
  return h('fieldset', { class: 'twin-group' }, h('legend', { text: title }), ...children);
}

export function mount(section) {
  section.append(
    h('div', { class: 'card twin-live-card' },
      h('div', { class: 'card-head' }, h('h1', { text: 'Twin panel' }),
        (el.simTime = h('span', { class: 'muted', id: 'twin-simtime' }))),
      (el.live = h('div', { id: 'twin-live', class: 'twin-live', 'aria-live': 'off' },
        (el.lv = h('span', { id: 'twin-live-voltage', text: '–' })),
        (el.la = h('span', { id: 'twin-live-current', text: '–' })),
        (el.ls = h('span', { id: 'twin-live-soc', text: '–' })),
        (el.lm = h('span', { id: 'twin-live-mos', text: '–' })),
        (el.lal = h('span', { id: 'twin-live-alarms', class: 'twin-alarms', text: '' })))),
      (el.error = h('div', { id: 'twin-error', class: 'msg', role: 'alert', hidden: true })),
      (el.result = h('div', { id: 'twin-result', class: 'msg', role: 'status', hidden: true })),
      (el.notTwin = h('p', { class: 'warn-text', hidden: true, text: 'This is a real board: the twin panel is not available.' }))),

    h('div', { class: 'grid-2' },
      h('div', { class: 'card' },
        group('Time speed',
          h('div', { class: 'btn-row', role: 'group', 'aria-label': 'time speed' },
            SPEEDS.map((s) => btn('twin-speed-' + s, s + '×', () => act('speed', { speed: s }, 'speed ' + s + '×'), 'btn-small speed')))),
        group('Charger',
          h('div', { class: 'twin-fields' }, num('twin-charger-voltage', 'Voltage (V)', { step: '0.1', min: '0' }), num('twin-charger-current', 'Current (A)', { step: '0.1', min: '0' })),
          h('div', { class: 'btn-row' },
            btn('twin-charger-on', 'Charger on', () => {
              const v = val('twin-charger-voltage'), a = val('twin-charger-current');
              if (v === null || a === null) return fail('Charger: type its voltage and current.');
              act('charger', { voltage_V: v, current_A: a }, 'charger on at ' + v + ' V, ' + a + ' A');
            }),
            btn('twin-charger-off', 'Charger off', () => act('charger', { on: false }, 'charger off')))),
        group('Load',
          h('div', { class: 'twin-fields' },
            h('div', { class: 'twin-field' }, h('label', { for: 'twin-load-kind', text: 'Kind' }),
              (el['twin-load-kind'] = h('select', { id: 'twin-load-kind' },
                h('option', { value: 'current_A', text: 'current (A)' }),
                h('option', { value: 'power_W', text: 'power (W)' }),
                h('option', { value: 'resistance_Ohm', text: 'resistance (Ω)' })))),
            num('twin-load-value', 'Value', { min: '0' })),
          h('div', { class: 'btn-row' },
            btn('twin-load-on', 'Load on', () => {
              const k = el['twin-load-kind'].value, v = val('twin-load-value');
              if (v === null) return fail('Load: type a value.');
              act('load', { [k]: v }, 'load ' + v + ' ' + { current_A: 'A', power_W: 'W', resistance_Ohm: 'Ω' }[k]);
            }),
            btn('twin-load-off', 'Load off', () => act('load', { on: false }, 'load off')),
            btn('twin-profile-off', 'Daily profile off', () => act('profile', { on: false }, 'daily load profile stopped')))),
        group('Solar',
          h('div', { class: 'twin-fields' }, num('twin-solar-peak', 'Peak current (A)', { min: '0' }), num('twin-solar-voltage', 'Voltage (V)', { min: '0', step: '0.1' })),
          h('div', { class: 'btn-row' },
            btn('twin-solar-on', 'Solar on', () => {
              const p = val('twin-solar-peak'), v = val('twin-solar-voltage');
              if (p === null) return fail('Solar: type the peak current.');
              act('solar', v === null ? { peak_A: p } : { peak_A: p, voltage_V: v }, 'solar peak ' + p + ' A');
            }),
            btn('twin-solar-off', 'Solar off', () => act('solar', { on: false }, 'solar off')))),
        group('Ambient',
          h('div', { class: 'twin-fields' }, num('twin-ambient', 'Ambient (°C)', { step: '0.5' })),
          h('div', { class: 'btn-row' },
            btn('twin-ambient-set', 'Set ambient', () => {
              const c = val('twin-ambient');
              if (c === null) return fail('Ambient: type a temperature.');
              act('ambient', { ambient_C: c }, 'ambient ' + c + ' °C');
            }))),
        group('Board keys',
          h('div', { class: 'btn-row' },
            btn('twin-button', 'Press board button', () => act('button', {}, 'button pressed'), 'btn-primary'),
            btn('twin-display', 'Press display key', () => act('display', {}, 'display key pressed'), 'btn-primary')))),

      h('div', { class: 'card' },
        group('Short circuit',
          h('div', { class: 'twin-fields' }, num('twin-short-ohm', 'Resistance (Ω)', { value: '0.005', step: '0.001', min: '0' })),
          h('div', { class: 'btn-row' },
            btn('twin-short', 'Inject short circuit', () => {
              const r = val('twin-short-ohm');
              act('short', r === null ? { on: true } : { on: true, resistance_Ohm: r }, 'short circuit injected');
            }, 'btn-danger'),
            btn('twin-short-remove', 'Remove short', () => act('short', { on: false }, 'short removed')))),
        group('Leaky cell',
          h('div', { class: 'twin-fields' }, num('twin-leak-cell', 'Cell', { min: '1', max: '24', step: '1', value: '3' }), num('twin-leak-pct', '%/day (0 stops)', { min: '0', step: '0.5', value: '5' })),
          h('div', { class: 'btn-row' },
            btn('twin-leak-set', 'Set leak', () => {
              const c = val('twin-leak-cell'), p = val('twin-leak-pct');
              if (c === null || p === null) return fail('Leaky cell: type the cell and %/day.');
              act('leaky-cell', { cell: Math.round(c), pctPerDay: p }, p ? 'cell ' + c + ' leaks ' + p + ' %/day' : 'cell ' + c + ' leak stopped');
            }))),
        group('Balance wire',
          h('div', { class: 'twin-fields' }, num('twin-wire-cell', 'Cell', { min: '1', max: '24', step: '1', value: '7' })),
          h('div', { class: 'btn-row' },
            btn('twin-wire-open', 'Open wire', () => wire(true)),
            btn('twin-wire-close', 'Reconnect wire', () => wire(false)))),
        group('Temperature sensor',
          h('div', { class: 'twin-fields' },
            h('div', { class: 'twin-field' }, h('label', { for: 'twin-sensor', text: 'Sensor' }),
              (el['twin-sensor'] = h('select', { id: 'twin-sensor' }, [1, 2, 3, 4].map((n) => h('option', { value: String(n), text: 'T' + n }))))),
            h('div', { class: 'twin-field' }, h('label', { for: 'twin-sensor-fault', text: 'Fault' }),
              (el['twin-sensor-fault'] = h('select', { id: 'twin-sensor-fault' }, ['NONE', 'OPEN', 'SHORTED'].map((f) => h('option', { value: f, text: f })))))),
          h('div', { class: 'btn-row' },
            btn('twin-sensor-set', 'Set sensor', () => {
              const s = Number(el['twin-sensor'].value), f = el['twin-sensor-fault'].value;
              act('sensor', { sensor: s, fault: f }, 'T' + s + ' ' + f.toLowerCase());
            }))),
        h('h2', { text: 'Twin state' }),
        (el.state = h('table', { class: 'kv', id: 'twin-state' })))),

    h('div', { class: 'card' },
      h('h2', { text: 'Events' }),
      (el.events = h('ul', { id: 'twin-events', class: 'event-list' }))));

  store.on('status', live);
  store.on('event', (ev) => {
    el.events.insertBefore(h('li', {}, h('time', { text: fmtEventTime(ev.time_ms) }), ' ', ev.text || ''), el.events.firstChild);
    while (el.events.childElementCount > 40) el.events.removeChild(el.events.lastChild);
  });
}

export function show() {
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, 2000);
  if (store.status) live(store.status);
}

export function hide() {
  clearInterval(timer);
  timer = null;
}

function val(id) {
  const t = String(el[id].value).trim().replace(',', '.');
  const n = Number(t);
  return t === '' || !Number.isFinite(n) ? null : n;
}

function fail(text) {
  showMsg(el.error, 'error', text);
  showMsg(el.result, '', '');
}

function wire(open) {
  const c = val('twin-wire-cell');
  if (c === null) return fail('Balance wire: type the cell.');
  act('open-wire', { cell: Math.round(c), open }, 'balance wire of cell ' + c + (open ? ' opened' : ' reconnected'));
}

async function act(action, body, words) {
  try {
    const s = await post('/api/twin/' + action, body);
    showMsg(el.result, 'ok', '✓ ' + words);
    showMsg(el.error, '', '');
    if (s && typeof s === 'object') render(s);
    else refresh();
  } catch (e) {
    showMsg(el.error, 'error', '✗ ' + action + ': ' + errorText(e));
    showMsg(el.result, '', '');
  }
}

async function refresh() {
  try {
    const s = await get('/api/twin');
    el.notTwin.hidden = true;
    render(s);
  } catch (e) {
    if (e.status === 404) el.notTwin.hidden = false;
    else showMsg(el.error, 'error', 'Cannot read the twin: ' + errorText(e));
  }
}

function render(s) {
  state = s;
  for (const sp of SPEEDS) {
    const b = el['twin-speed-' + sp];
    const on = Math.abs((s.speed || 0) - sp) < 1e-9;
    b.setAttribute('aria-pressed', String(on));
    b.classList.toggle('active', on);
  }
  setText(el.simTime, 'simulated time ' + fmtDuration(s.simTime_s) + ' · speed ' + s.speed + '×');
  if (!defaultsSet) {
    defaultsSet = true;
    const settings = store.settings;
    const cells = s.cells || (settings && settings.cell_count) || 16;
    const rcv = settings && settings.rcv_mV;
    if (s.charger && s.charger.voltage_V) el['twin-charger-voltage'].value = s.charger.voltage_V;
    else el['twin-charger-voltage'].value = rcv ? (rcv * cells / 1000).toFixed(1) : (cells * 3.5).toFixed(1);
    el['twin-charger-current'].value = s.charger && s.charger.current_A ? s.charger.current_A : 30;
    el['twin-load-value'].value = 20;
    el['twin-solar-peak'].value = s.solar && s.solar.peak_A ? s.solar.peak_A : 60;
    if (s.solar && s.solar.voltage_V) el['twin-solar-voltage'].value = s.solar.voltage_V;
    el['twin-ambient'].value = typeof s.ambient_C === 'number' ? s.ambient_C.toFixed(1) : 20;
    el['twin-leak-cell'].max = String(cells);
    el['twin-wire-cell'].max = String(cells);
  }
  const c = s.charger || {}, l = s.load || {}, so = s.solar || {};
  const loadText = !l.on ? 'off' : l.current_A ? l.current_A + ' A' : l.power_W ? l.power_W + ' W' : l.resistance_Ohm ? l.resistance_Ohm + ' Ω' : 'on';
  const shortOn = s.short ?? s.shortCircuit;
  const rows = [
    ['Speed', s.speed + '×'],
    ['Simulated time', fmtDuration(s.simTime_s)],
    ['Charger', c.on ? c.voltage_V + ' V, ' + c.current_A + ' A' : 'off'],
    ['Load', loadText],
    ['Solar', so.on ? 'peak ' + so.peak_A + ' A at ' + so.voltage_V + ' V' : 'off'],
    ['Daily profile', s.profile ? 'on' : 'off'],
    ['Ambient', (typeof s.ambient_C === 'number' ? s.ambient_C.toFixed(1) + ' °C' : '–') + (s.ambientDaily ? ' (daily cycle)' : '')],
    ['Short circuit', shortOn ? 'SHORTED' : 'no'],
    ['Leaky cells', Object.entries(s.leakyCells || {}).map(([k, v]) => 'cell ' + k + ': ' + v + ' %/day').join(', ') || 'none'],
    ['Open balance wires', (s.openWires || []).length ? (s.openWires || []).map((n) => 'cell ' + n).join(', ') : 'none'],
    ['Sensor faults', Object.entries(s.sensorFaults || {}).map(([k, v]) => 'T' + k + ' ' + String(v).toLowerCase()).join(', ') || 'none'],
  ];
  const known = new Set(['speed', 'simTime_s', 'charger', 'load', 'solar', 'profile', 'ambient_C', 'ambientDaily', 'short', 'shortCircuit', 'leakyCells', 'openWires', 'sensorFaults', 'cells']);
  for (const [k, v] of Object.entries(s)) if (!known.has(k)) rows.push([k, typeof v === 'object' ? JSON.stringify(v) : fmtValue(v)]);
  const tbody = h('tbody');
  for (const [k, v] of rows) {
    const warn = (k === 'Short circuit' && shortOn) || (k !== 'Speed' && /SHORTED|open|leaks/i.test(String(v)) && v !== 'none');
    tbody.appendChild(h('tr', {}, h('th', { scope: 'row', text: k }), h('td', { text: v, class: warn ? 'warn-text' : '' })));
  }
  clear(el.state).appendChild(tbody);
}

function live(s) {
  setText(el.lv, fmtV(s.packVoltage_mV, 2));
  setText(el.la, fmtA(s.current_mA, 1));
  setText(el.ls, 'SOC ' + (s.soc_pct ?? '–') + ' %');
  setText(el.lm, 'CHG ' + (s.chargeMos ? 'on' : 'off') + ' · DSG ' + (s.dischargeMos ? 'on' : 'off') + (s.power && s.power !== 'ON' ? ' · ' + s.power : ''));
  const alarms = (s.alarms || []).map((a) => a.text || a.code);
  setText(el.lal, alarms.length ? '⚠ ' + alarms.join(', ') : 'no alarms');
  el.lal.classList.toggle('has-alarms', alarms.length > 0);
}
