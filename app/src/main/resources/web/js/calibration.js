// Calibration: measured pack voltage and current from a meter; the board corrects its gain.
import { post, errorText } from './api.js';
import { store } from './store.js';
import { h, setText, fmtV, fmtA, showMsg } from './util.js';

const el = {};

export function mount(section) {
  section.append(
    h('div', { class: 'card' },
      h('h1', { text: 'Calibration' }),
      h('p', { text: 'Measure with a good multimeter, type what it reads, and send it: the board corrects the gain of its ' +
        'measurement so its reading matches. Set the battery type and cell count first. Calibrate the voltage at rest, ' +
        'and the current while a steady, known current flows (a few amperes at least).' })),
    h('div', { class: 'grid-2' },
      h('form', { class: 'card', id: 'cal-voltage-form', onsubmit: (e) => { e.preventDefault(); sendVoltage(); } },
        h('h2', { text: 'Pack voltage' }),
        h('p', {}, 'The board reads ', (el.boardV = h('b', { id: 'cal-voltage-board', text: '–' }))),
        h('label', { for: 'cal-voltage', text: 'Measured pack voltage (V, between B+ and B−)' }),
        h('div', { class: 'field-input' },
          (el.v = h('input', { id: 'cal-voltage', type: 'number', step: '0.01', min: '1', max: '150', inputmode: 'decimal', placeholder: 'e.g. 53.21', required: true })),
          h('span', { class: 'unit', text: 'V' })),
        h('button', { type: 'submit', class: 'btn-primary', id: 'cal-voltage-send', text: 'Calibrate voltage' }),
        (el.vResult = h('div', { class: 'msg', id: 'cal-voltage-result', role: 'status', hidden: true }))),
      h('form', { class: 'card', id: 'cal-current-form', onsubmit: (e) => { e.preventDefault(); sendCurrent(); } },
        h('h2', { text: 'Current' }),
        h('p', {}, 'The board reads ', (el.boardA = h('b', { id: 'cal-current-board', text: '–' }))),
        h('label', { for: 'cal-current', text: 'Measured current (A; positive when charging, negative when discharging)' }),
        h('div', { class: 'field-input' },
          (el.a = h('input', { id: 'cal-current', type: 'number', step: '0.01', inputmode: 'decimal', placeholder: 'e.g. 10.23', required: true })),
          h('span', { class: 'unit', text: 'A' })),
        h('button', { type: 'submit', class: 'btn-primary', id: 'cal-current-send', text: 'Calibrate current' }),
        (el.aResult = h('div', { class: 'msg', id: 'cal-current-result', role: 'status', hidden: true })))));
  store.on('status', (s) => {
    setText(el.boardV, fmtV(s.packVoltage_mV, 2));
    setText(el.boardA, fmtA(s.current_mA, 2) + (s.current_mA > 0 ? ' (charging)' : s.current_mA < 0 ? ' (discharging)' : ''));
  });
}

export function show() {}
export function hide() {}

function parse(input) {
  const t = input.value.trim().replace(',', '.');
  const n = Number(t);
  return t === '' || !Number.isFinite(n) ? null : n;
}

async function sendVoltage() {
  const v = parse(el.v);
  if (v === null || v <= 0) { showMsg(el.vResult, 'error', 'Type the measured voltage in volts, e.g. 53.21.'); el.v.focus(); return; }
  const mV = Math.round(v * 1000);
  showMsg(el.vResult, 'info', 'Calibrating to ' + (mV / 1000).toFixed(2) + ' V…');
  try {
    const ans = await post('/api/calibrate/voltage', { measured_mV: mV });
    const s = ans && ans.status;
    showMsg(el.vResult, 'ok', '✓ Voltage calibrated to ' + (mV / 1000).toFixed(2) + ' V' +
      (s ? '; the board now reads ' + fmtV(s.packVoltage_mV, 2) : '') + '.');
    if (s) setText(el.boardV, fmtV(s.packVoltage_mV, 2));
  } catch (e) {
    showMsg(el.vResult, 'error', '✗ Not calibrated: ' + errorText(e));
  }
}

async function sendCurrent() {
  const a = parse(el.a);
  if (a === null) { showMsg(el.aResult, 'error', 'Type the measured current in amperes, e.g. 10.23 (negative when discharging).'); el.a.focus(); return; }
  const mA = Math.round(a * 1000);
  showMsg(el.aResult, 'info', 'Calibrating to ' + (mA / 1000).toFixed(2) + ' A…');
  try {
    const ans = await post('/api/calibrate/current', { measured_mA: mA });
    const s = ans && ans.status;
    showMsg(el.aResult, 'ok', '✓ Current calibrated to ' + (mA / 1000).toFixed(2) + ' A' +
      (s ? '; the board now reads ' + fmtA(s.current_mA, 2) : '') + '.');
  } catch (e) {
    showMsg(el.aResult, 'error', '✗ Not calibrated: ' + errorText(e));
  }
}
