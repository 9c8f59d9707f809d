// A time range picker for the history pages: preset buttons (the last hour … year, counted back from the newest
// recorded reading) and a custom from / to. Test ids: [data-range=1h|6h|1d|7d|30d|1y|custom], #<prefix>-from,
// #<prefix>-to, #<prefix>-apply.
import { h, toLocalInput, showMsg } from './util.js';

const H = 3600e3, D = 24 * H;
export const PRESETS = [
  { id: '1h', label: '1 h', ms: H },
  { id: '6h', label: '6 h', ms: 6 * H },
  { id: '1d', label: '1 day', ms: D },
  { id: '7d', label: '7 days', ms: 7 * D },
  { id: '30d', label: '30 days', ms: 30 * D },
  { id: '1y', label: '1 year', ms: 365 * D },
];

/**
 * prefix: the id prefix ('history' → #history-from); preset: the first preset's id; onPick({preset} | {from, to}).
 * Returns {el, select(idOrNull), showCustom(from, to)}.
 */
export function rangePicker({ prefix, preset, onPick }) {
  const buttons = new Map();
  let custom;
  const from = h('input', { type: 'datetime-local', id: prefix + '-from', 'aria-label': 'from' });
  const to = h('input', { type: 'datetime-local', id: prefix + '-to', 'aria-label': 'to' });
  const msg = h('div', { class: 'msg', role: 'alert', hidden: true });
  const form = h('form', { class: 'range-custom', hidden: true, onsubmit: (e) => {
    e.preventDefault();
    const f = new Date(from.value).getTime(), t = new Date(to.value).getTime();
    if (!Number.isFinite(f) || !Number.isFinite(t) || t <= f) {
      showMsg(msg, 'error', 'Choose a "from" before the "to".');
      return;
    }
    showMsg(msg, '', '');
    select(null);
    onPick({ from: f, to: t });
  } },
  h('label', {}, h('span', { text: 'From' }), from),
  h('label', {}, h('span', { text: 'To' }), to),
  h('button', { type: 'submit', class: 'btn-small', id: prefix + '-apply', text: 'Show' }),
  msg);

  const pick = (id) => () => {
    select(id);
    form.hidden = true;
    custom.setAttribute('aria-expanded', 'false');
    onPick({ preset: id });
  };
  const row = h('div', { class: 'btn-row range-presets', role: 'group', 'aria-label': 'time range' },
    PRESETS.map((p) => {
      const b = h('button', { type: 'button', class: 'btn-small', dataset: { range: p.id }, 'aria-pressed': 'false', text: p.label, onclick: pick(p.id) });
      buttons.set(p.id, b);
      return b;
    }),
    (custom = h('button', {
      type: 'button', class: 'btn-small', dataset: { range: 'custom' }, 'aria-expanded': 'false', text: 'Custom…',
      onclick: () => { form.hidden = !form.hidden; custom.setAttribute('aria-expanded', String(!form.hidden)); },
    })));

  function select(id) {
    for (const [k, b] of buttons) b.setAttribute('aria-pressed', String(k === id));
  }

  /** Fills the custom inputs with the range shown, so "Custom…" starts from it. */
  function showCustom(f, t) {
    if (document.activeElement === from || document.activeElement === to) return;
    from.value = toLocalInput(f);
    to.value = toLocalInput(t + 59999);
  }

  select(preset);
  return { el: h('div', { class: 'range-picker' }, row, form), select, showCustom };
}

export function presetMs(id) {
  const p = PRESETS.find((x) => x.id === id);
  return p ? p.ms : H;
}

export function presetLabel(id) {
  const p = PRESETS.find((x) => x.id === id);
  return p ? p.label : id;
}
