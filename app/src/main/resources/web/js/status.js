// Status: the APP's homepage, updated on every live message.
import { store } from './store.js';
import { h, clear, setText, fmtV, fmtA, fmtAh, fmtW, fmtC, fmtDuration, fmtClock, fmtEventTime } from './util.js';

let root;
const el = {};
let cellTiles = [];
let showWires = false;
const events = [];

export function mount(section) {
  root = section;
  const stat = (id, label, big = false) =>
    h('div', { class: 'stat' + (big ? ' stat-big' : '') },
      h('div', { class: 'stat-label', text: label }),
      (el[id] = h('div', { class: 'stat-value', id, text: '–' })));

  root.append(
    h('div', { class: 'card card-alarms', id: 'alarms-card' },
      h('h2', { text: 'Alarms' }),
      (el.alarms = h('ul', { id: 'alarms', class: 'alarm-list', 'aria-live': 'polite' })),
      (el.noAlarms = h('p', { class: 'muted', id: 'no-alarms', text: 'No active alarms.' }))),

    h('div', { class: 'grid-2' },
      h('div', { class: 'card live-value' },
        h('div', { class: 'soc-wrap' },
          h('div', { class: 'soc-ring', 'aria-hidden': 'true' }, (el.socFill = h('div', { class: 'soc-fill' }))),
          h('div', { class: 'soc-text' },
            h('div', { class: 'stat-label', text: 'State of charge' }),
            (el.soc = h('div', { id: 'soc', class: 'soc-value', text: '–' })),
            (el.power_state = h('span', { id: 'power-state', class: 'badge', text: '–' })))),
        h('div', { class: 'stats' },
          stat('pack-voltage', 'Total voltage', true),
          stat('current', 'Current', true),
          stat('power', 'Power'),
          stat('capacity', 'Remaining / full'),
          stat('cycles', 'Cycles'),
          stat('runtime', 'Running time'))),

      h('div', { class: 'card live-value' },
        h('h2', { text: 'State' }),
        h('dl', { class: 'states' },
          row('mos-charge', 'Charge MOSFET'),
          row('mos-discharge', 'Discharge MOSFET'),
          row('precharging', 'Precharge'),
          row('balancer-state', 'Balancer'),
          row('heater-state', 'Heater'),
          row('emergency-state', 'Emergency'),
          row('buzzer-state', 'Buzzer')),
        h('h2', { text: 'Temperatures' }),
        (el.temps = h('div', { class: 'temps', id: 'temps' })))),

    h('div', { class: 'card live-value' },
      h('div', { class: 'card-head' },
        h('h2', { text: 'Cells (mV)' }),
        h('div', { class: 'cell-summary' },
          h('span', {}, 'Average ', (el.avg = h('b', { id: 'cell-average', text: '–' }))),
          h('span', {}, 'Spread ', (el.delta = h('b', { id: 'cell-delta', text: '–' }))),
          h('span', {}, 'High ', (el.hi = h('b', { id: 'cell-high', class: 'hi', text: '–' }))),
          h('span', {}, 'Low ', (el.lo = h('b', { id: 'cell-low', class: 'lo', text: '–' })))),
        (el.wireBtn = h('button', {
          type: 'button', class: 'btn-small', id: 'toggle-wires', 'aria-pressed': 'false',
          onclick: () => {
            showWires = !showWires;
            el.wireBtn.setAttribute('aria-pressed', String(showWires));
            el.wireBtn.textContent = showWires ? 'Hide wire resistance' : 'Show wire resistance';
            el.cells.classList.toggle('show-wires', showWires);
          },
          text: 'Show wire resistance',
        }))),
      (el.balance = h('p', { id: 'balance-line', class: 'balance-line', text: '' })),
      (el.cells = h('div', { class: 'cells', id: 'cells' })),
      h('p', { class: 'hint', text: 'Tap a cell (or hover) for its balance-wire resistance. ▲ highest, ▼ lowest; ' +
        '⇡ the cell the balancer takes energy from, ⇣ the one it gives it to.' })),

    h('div', { class: 'card' },
      h('h2', { text: 'Events' }),
      (el.events = h('ul', { id: 'events', class: 'event-list' })),
      (el.noEvents = h('p', { class: 'muted', text: 'No events since this page was opened.' }))));

  store.on('status', update);
  store.on('event', addEvent);
}

function row(id, label) {
  return [h('dt', { text: label }), (el[id] = h('dd', { id, text: '–' }))];
}

export function show() {}
export function hide() {}

function onOff(node, on, onText = 'ON', offText = 'OFF') {
  setText(node, on ? onText : offText);
  node.className = on ? 'on' : 'off';
}

function buildCells(n) {
  clear(el.cells);
  cellTiles = [];
  for (let i = 1; i <= n; i++) {
    const t = {};
    t.root = h('div', {
      class: 'cell', dataset: { cell: String(i) }, tabindex: '0', role: 'button', 'aria-label': 'cell ' + i,
      onclick: () => t.root.classList.toggle('show-wire'),
      onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); t.root.classList.toggle('show-wire'); } },
    },
    h('div', { class: 'cell-head' },
      h('span', { class: 'cell-no', text: String(i) }),
      (t.mark = h('span', { class: 'cell-mark', text: '' }))),
    h('div', { class: 'cell-bar' }, (t.fill = h('div', { class: 'cell-fill' }))),
    (t.mv = h('div', { class: 'cell-mv', text: '–' })),
    (t.wire = h('div', { class: 'cell-wire', text: '' })));
    cellTiles.push(t);
    el.cells.appendChild(t.root);
  }
}

function update(s) {
  // headline numbers
  setText(el['pack-voltage'], fmtV(s.packVoltage_mV, 2));
  setText(el.current, fmtA(s.current_mA, 2));
  el.current.dataset.dir = s.current_mA > 0 ? 'charge' : s.current_mA < 0 ? 'discharge' : 'idle';
  setText(el.power, fmtW(s.power_mW));
  setText(el.soc, typeof s.soc_pct === 'number' ? s.soc_pct + ' %' : '–');
  el.socFill.style.height = Math.max(0, Math.min(100, s.soc_pct || 0)) + '%';
  setText(el.capacity, fmtAh(s.remaining_mAh) + ' / ' + fmtAh(s.fullCapacity_mAh));
  setText(el.cycles, s.cycles ?? '–');
  setText(el.runtime, fmtDuration(s.runtime_s));
  setText(el.power_state, s.power || '–');
  el.power_state.className = 'badge badge-' + String(s.power || '').toLowerCase();

  // alarms
  const alarms = Array.isArray(s.alarms) ? s.alarms : [];
  const key = alarms.map((a) => a.code + ':' + a.text).join('|');
  if (el.alarms.dataset.key !== key) {
    el.alarms.dataset.key = key;
    clear(el.alarms);
    for (const a of alarms) el.alarms.appendChild(h('li', { dataset: { code: a.code || '' }, text: a.text || a.code }));
    el.noAlarms.hidden = alarms.length > 0;
    el.alarms.parentElement.classList.toggle('has-alarms', alarms.length > 0);
  }

  // states
  onOff(el['mos-charge'], s.chargeMos);
  onOff(el['mos-discharge'], s.dischargeMos);
  onOff(el.precharging, s.precharging, 'precharging', 'no');
  const b = s.balancer || {};
  if (b.active) {
    setText(el['balancer-state'], `active, cell ${b.sourceCell} → ${b.destinationCell}, ${fmtA(b.current_mA, 2)}`);
    el['balancer-state'].className = 'on';
  } else {
    setText(el['balancer-state'], 'idle');
    el['balancer-state'].className = 'off';
  }
  onOff(el['heater-state'], s.heating, 'heating, ' + fmtA(s.heatingCurrent_mA, 1), 'off');
  if (s.emergency) {
    setText(el['emergency-state'], 'ACTIVE — ' + fmtClock(s.emergencyRemaining_s) + ' left');
    el['emergency-state'].className = 'warn';
  } else {
    setText(el['emergency-state'], 'off');
    el['emergency-state'].className = 'off';
  }
  onOff(el['buzzer-state'], s.buzzer, 'sounding', 'off');

  // temperatures
  const temps = [{ name: 'MOS', ...(s.mosTemperature || {}) }, ...(Array.isArray(s.temperatures) ? s.temperatures : [])];
  if (el.temps.childElementCount !== temps.length) {
    clear(el.temps);
    for (const t of temps) {
      el.temps.appendChild(h('div', { class: 'temp', dataset: { temp: t.name } },
        h('span', { class: 'temp-name', text: t.name === 'MOS' ? 'MOSFET' : t.name }),
        h('span', { class: 'temp-value', id: 'temp-' + String(t.name).toLowerCase(), text: '–' })));
    }
  }
  temps.forEach((t, i) => {
    const v = el.temps.children[i].querySelector('.temp-value');
    let text, cls = '';
    switch (t.status) {
      case 'ABSENT': text = 'NA'; cls = 'na'; break;
      case 'OPEN': text = 'open'; cls = 'warn'; break;
      case 'SHORTED': text = 'shorted'; cls = 'warn'; break;
      default: text = typeof t.value_dC === 'number' ? fmtC(t.value_dC) : (t.text || '–');
    }
    setText(v, text);
    v.className = 'temp-value ' + cls;
  });

  // cells
  const cells = Array.isArray(s.cell_mV) ? s.cell_mV : [];
  if (cells.length !== cellTiles.length) buildCells(cells.length);
  let lo = Infinity, hi = -Infinity;
  for (const v of cells) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const pad = Math.max(15, (hi - lo) * 0.3);
  const wlo = lo - pad, whi = hi + pad;
  const wires = Array.isArray(s.wireResistance_mOhm) ? s.wireResistance_mOhm : [];
  cells.forEach((v, i) => {
    const t = cellTiles[i];
    const n = i + 1;
    setText(t.mv, Math.round(v));
    const pct = whi > wlo ? 8 + 92 * (v - wlo) / (whi - wlo) : 50;
    t.fill.style.height = pct.toFixed(1) + '%';
    const isHi = n === s.maxCell, isLo = n === s.minCell;
    const src = b.active && n === b.sourceCell, dst = b.active && n === b.destinationCell;
    const cls = 'cell' + (isHi ? ' cell-hi' : '') + (isLo ? ' cell-lo' : '') + (src ? ' bal-src' : '') +
      (dst ? ' bal-dst' : '') + (t.root.classList.contains('show-wire') ? ' show-wire' : '');
    if (t.root.className !== cls) t.root.className = cls;
    setText(t.mark, (isHi ? '▲' : isLo ? '▼' : '') + (src ? '⇡' : dst ? '⇣' : ''));
    const w = wires[i];
    const wireText = typeof w === 'number' ? w + ' mΩ' : '';
    setText(t.wire, wireText);
    const title = 'cell ' + n + ': ' + Math.round(v) + ' mV' + (wireText ? ', wire ' + wireText : '') +
      (isHi ? ', highest' : '') + (isLo ? ', lowest' : '') + (src ? ', balancing: source' : '') + (dst ? ', balancing: destination' : '');
    if (t.root.title !== title) { t.root.title = title; t.root.setAttribute('aria-label', title); }
  });
  setText(el.avg, typeof s.average_mV === 'number' ? Math.round(s.average_mV) + ' mV' : '–');
  setText(el.delta, typeof s.delta_mV === 'number' ? Math.round(s.delta_mV) + ' mV' : '–');
  setText(el.hi, s.maxCell ? '#' + s.maxCell + ' ' + (cells[s.maxCell - 1] ?? '–') + ' mV' : '–');
  setText(el.lo, s.minCell ? '#' + s.minCell + ' ' + (cells[s.minCell - 1] ?? '–') + ' mV' : '–');
  setText(el.balance, b.active
    ? `Balancing: cell ${b.sourceCell} → cell ${b.destinationCell} at ${fmtA(b.current_mA, 2)}`
    : 'Balancer idle');
  el.balance.classList.toggle('active', !!b.active);
}

function addEvent(ev) {
  events.unshift(ev);
  if (events.length > 50) events.pop();
  el.events.insertBefore(h('li', {},
    h('time', { text: fmtEventTime(ev.time_ms) }), ' ', ev.text || ''), el.events.firstChild);
  while (el.events.childElementCount > 50) el.events.removeChild(el.events.lastChild);
  el.noEvents.hidden = true;
}
