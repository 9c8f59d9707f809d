// Control: the APP's control page — switches, emergency, port mode, power off / wake, factory reset.
import { get, post, put, errorText } from './api.js';
import { store, schemaEntry } from './store.js';
import { h, setText, fmtClock, showMsg, debounce } from './util.js';
import { confirmDialog } from './dialog.js';

let root;
const el = {};
const switches = {};   // name -> {input, note, busy}
let settings = null;
let visible = false;
let timer = null;

const SWITCHES = [
  { name: 'charge', key: 'charge_enabled', label: 'Charge', help: 'allow the charge MOSFETs to close', mos: 'chargeMos' },
  { name: 'discharge', key: 'discharge_enabled', label: 'Discharge', help: 'allow the discharge MOSFETs to close', mos: 'dischargeMos' },
  { name: 'balance', key: 'balance_enabled', label: 'Balance', help: 'allow the active balancer to run' },
  { name: 'heating', key: 'heating_enabled', label: 'Heating', help: 'allow the heating film (H models)' },
];

export function mount(section) {
  root = section;
  const swCard = h('div', { class: 'card' }, h('h1', { text: 'Control' }),
    (el.error = h('div', { id: 'control-error', class: 'msg msg-error', role: 'alert', hidden: true })),
    (el.result = h('div', { id: 'control-result', class: 'msg msg-ok', role: 'status', hidden: true })),
    h('h2', { text: 'Switches' }));
  const list = h('div', { class: 'switch-list' });
  for (const s of SWITCHES) {
    const id = 'switch-' + s.name;
    const input = h('input', { type: 'checkbox', role: 'switch', class: 'toggle toggle-big', id, dataset: { switch: s.name } });
    const note = h('div', { class: 'switch-note', id: id + '-note' });
    const actual = h('span', { class: 'switch-actual', id: id + '-actual' });
    input.addEventListener('change', () => toggle(s, input.checked));
    list.appendChild(h('div', { class: 'switch-row', dataset: { switchRow: s.name } },
      h('label', { for: id, class: 'switch-label' }, h('b', { text: s.label }), h('span', { class: 'muted', text: s.help })),
      actual, input, note));
    switches[s.name] = { input, note, actual, busy: false, def: s };
  }
  swCard.appendChild(list);

  const emCard = h('div', { class: 'card', id: 'emergency-card' },
    h('h2', { text: 'Emergency' }),
    h('p', { class: 'hint', text: 'Emergency forces charge and discharge on for the configured time (emergency_minutes), ' +
      'bypassing the protections — even below the auto-shutdown voltage. Use it only to get out of a breakdown.' }),
    (el.emState = h('div', { class: 'em-state', id: 'emergency-countdown', 'aria-live': 'polite', text: 'Emergency off' })),
    h('div', { class: 'btn-row' },
      (el.emStart = h('button', { type: 'button', id: 'emergency-start', class: 'btn-danger', text: 'Start emergency', onclick: startEmergency })),
      (el.emStop = h('button', { type: 'button', id: 'emergency-stop', class: 'btn-primary', text: 'Stop emergency', disabled: true, onclick: stopEmergency }))));

  const portCard = h('div', { class: 'card' },
    h('h2', { text: 'Communication port' }),
    h('div', { class: 'field-input' },
      h('label', { for: 'comm-port-mode', text: 'Port mode' }),
      (el.port = h('select', { id: 'comm-port-mode' }, h('option', { value: 'RS485', text: 'RS485' }), h('option', { value: 'CAN', text: 'CAN' })))),
    (el.portNote = h('div', { class: 'switch-note', id: 'comm-port-note' })));
  el.port.addEventListener('change', setPortMode);

  const powerCard = h('div', { class: 'card' },
    h('h2', { text: 'Power' }),
    h('p', {}, 'Board power: ', (el.power = h('b', { id: 'control-power', text: '–' }))),
    h('div', { class: 'btn-row' },
      h('button', { type: 'button', id: 'power-off', class: 'btn-danger', text: 'Power off…', onclick: powerOff }),
      h('button', { type: 'button', id: 'wake', class: 'btn-primary', text: 'Wake', onclick: wake })),
    h('h2', { text: 'Factory reset' }),
    h('p', { class: 'hint', text: 'Restores the chemistry preset of the current battery type: every protection value you set is lost.' }),
    h('button', { type: 'button', id: 'factory-reset', class: 'btn-danger', text: 'Factory reset…', onclick: factoryReset }));

  root.append(swCard, h('div', { class: 'grid-2' }, emCard, h('div', {}, portCard, powerCard)));

  store.on('status', onStatus);
  store.on('schema', applySchema);
  store.on('settings', (s) => { settings = s; reflect(); });
  store.on('device', () => applyPortAvailability());
  const refreshSoon = debounce(() => { if (visible) loadSettings(); }, 400);
  store.on('event', refreshSoon);
}

export function show() {
  visible = true;
  if (store.schema) applySchema(store.schema);
  else get('/api/settings/schema').then((s) => { store.schema = s; applySchema(s); }).catch(() => {});
  loadSettings();
  clearInterval(timer);
  timer = setInterval(loadSettings, 5000);
  if (store.status) onStatus(store.status);
}

export function hide() {
  visible = false;
  clearInterval(timer);
}

async function loadSettings() {
  try {
    settings = await get('/api/settings');
    store.settings = settings;
    reflect();
  } catch (e) {
    error('Cannot read the settings: ' + errorText(e));
  }
}

function applySchema() {
  for (const s of SWITCHES) {
    const e = schemaEntry(s.key);
    const sw = switches[s.name];
    const available = !e || e.available !== false;
    sw.input.disabled = !available || sw.busy;
    sw.unavailable = !available;
    if (!available) setText(sw.note, 'Not available: ' + (e.unavailableReason || 'this board has no ' + s.name + ' function'));
  }
  applyPortAvailability();
}

/** The port mode select: off when the schema says so, and CAN only on boards with the C function. */
function applyPortAvailability() {
  const p = schemaEntry('comm_port_mode');
  const d = store.device;
  const canOption = el.port.querySelector('option[value="CAN"]');
  const noCan = !!(d && d.model && Array.isArray(d.functions) && !d.functions.includes('CAN'));
  canOption.disabled = noCan;
  canOption.textContent = noCan ? 'CAN (not on this board)' : 'CAN';
  if (p && p.available === false) {
    el.port.disabled = true;
    setText(el.portNote, 'Not available: ' + (p.unavailableReason || 'this board cannot switch its port'));
  } else if (noCan && el.port.value !== 'CAN') {
    el.port.disabled = true;
    setText(el.portNote, 'Not available: ' + (d.model || 'this board') + ' has no CAN port (needs the C suffix); it speaks RS485.');
  } else {
    el.port.disabled = false;
    if (el.portNote.textContent.startsWith('Not available')) setText(el.portNote, '');
  }
}

function reflect() {
  if (!settings) return;
  for (const s of SWITCHES) {
    const sw = switches[s.name];
    if (sw.busy) continue;
    if (typeof settings[s.key] === 'boolean') sw.input.checked = settings[s.key];
  }
  if (settings.comm_port_mode && document.activeElement !== el.port) el.port.value = settings.comm_port_mode;
}

function onStatus(s) {
  for (const sw of Object.values(switches)) {
    const d = sw.def;
    if (d.mos) setText(sw.actual, 'MOSFET ' + (s[d.mos] ? 'on' : 'off'));
    else if (d.name === 'balance') setText(sw.actual, s.balancer && s.balancer.active ? 'balancing' : 'idle');
    else if (d.name === 'heating') setText(sw.actual, s.heating ? 'heating' : 'idle');
  }
  setText(el.power, s.power || '–');
  if (s.emergency) {
    setText(el.emState, 'Emergency ACTIVE — protections bypassed, ' + fmtClock(s.emergencyRemaining_s) + ' left');
    el.emState.className = 'em-state active';
  } else {
    setText(el.emState, 'Emergency off');
    el.emState.className = 'em-state';
  }
  el.emStop.disabled = !s.emergency;
  el.emStart.disabled = !!s.emergency;
}

function error(text) { showMsg(el.error, 'error', text); showMsg(el.result, '', ''); }
function ok(text) { showMsg(el.result, 'ok', text); showMsg(el.error, '', ''); }

async function toggle(s, on) {
  const sw = switches[s.name];
  const before = !on;
  sw.busy = true;
  sw.input.disabled = true;
  setText(sw.note, (on ? 'turning on' : 'turning off') + '…');
  try {
    const ans = await post('/api/switch/' + s.name, { on });
    const actual = ans && typeof ans.on === 'boolean' ? ans.on : on;
    sw.input.checked = actual;
    setText(sw.note, actual === on ? '✓ board reports ' + (actual ? 'on' : 'off') : '⚠ board reports ' + (actual ? 'on' : 'off'));
    ok(s.label + ' switched ' + (actual ? 'on' : 'off') + ' (confirmed by the board).');
  } catch (e) {
    sw.input.checked = before;
    setText(sw.note, '✗ ' + errorText(e));
    error(s.label + ' not switched: ' + errorText(e));
  } finally {
    sw.busy = false;
    sw.input.disabled = !!sw.unavailable;
    loadSettings();
  }
}

async function startEmergency() {
  let minutes = settings && settings.emergency_minutes;
  const yes = await confirmDialog({
    title: 'Start emergency?',
    text: 'Emergency forces charge AND discharge on for ' + (minutes ? minutes + ' minutes' : 'the configured minutes') +
      ', bypassing the protections (over-/under-voltage, even below the auto-shutdown voltage). ' +
      'Only use it to get out of a breakdown; stop it as soon as you can.',
    ok: 'Start emergency',
  });
  if (!yes) return;
  try {
    await post('/api/switch/emergency', { on: true });
    ok('Emergency started.');
  } catch (e) {
    error('Emergency not started: ' + errorText(e));
  }
}

async function stopEmergency() {
  try {
    await post('/api/switch/emergency', { on: false });
    ok('Emergency stopped.');
  } catch (e) {
    error('Emergency not stopped: ' + errorText(e));
  }
}

async function setPortMode() {
  const v = el.port.value;
  setText(el.portNote, 'writing…');
  try {
    const ans = await put('/api/settings', { comm_port_mode: v });
    const got = ans && ans.applied ? ans.applied.comm_port_mode : undefined;
    setText(el.portNote, got === v ? '✓ comm_port_mode = ' + got + ' read back' : '⚠ board reports ' + got);
    ok('Communication port set to ' + got + '.');
    if (ans && ans.settings) { settings = ans.settings; store.settings = settings; }
  } catch (e) {
    setText(el.portNote, '✗ ' + errorText(e));
    error('Port mode not changed: ' + errorText(e));
    if (settings && settings.comm_port_mode) el.port.value = settings.comm_port_mode;
  }
}

async function powerOff() {
  const yes = await confirmDialog({
    title: 'Power the board off?',
    text: 'The board opens its MOSFETs and turns off: no charging, no discharging, no monitoring. It wakes with a ' +
      'charger, its button or display (the twin: the button in the Twin panel, or Wake).',
    ok: 'Power off',
  });
  if (!yes) return;
  try {
    await post('/api/control/power-off', { confirm: true });
    ok('Power off sent; the board is turning off.');
  } catch (e) {
    error('Not powered off: ' + errorText(e));
  }
}

async function wake() {
  try {
    await post('/api/control/wake', { confirm: true });
    ok('Wake sent.');
  } catch (e) {
    error('Not woken: ' + errorText(e));
  }
}

async function factoryReset() {
  const yes = await confirmDialog({
    title: 'Factory reset?',
    text: 'Every setting returns to the preset of the current battery type: the protection values, capacity and ' +
      'switches you set are lost.',
    ok: 'Factory reset',
    typed: 'RESET',
  });
  if (!yes) return;
  try {
    await post('/api/control/factory-reset', { confirm: true });
    ok('Factory reset done: the settings are the chemistry preset again.');
    loadSettings();
  } catch (e) {
    error('Not reset: ' + errorText(e));
  }
}
