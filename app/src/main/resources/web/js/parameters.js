// Parameters: every setting, grouped as the schema groups them; validate as you type, preview, apply, read back.
import { get, post, put, ApiError, errorText, problemText } from './api.js';
import { store } from './store.js';
import { h, clear, setText, fmtValue, debounce, showMsg } from './util.js';

let root;
const el = {};
let schema = null;          // {groups: [...]}
let byName = new Map();     // name -> schema entry
let current = {};           // settings as the board reports them
let presets = null;
const edits = new Map();    // name -> pending value (typed: number | boolean | string)
const clientProblems = new Map(); // name -> text
let serverProblems = [];    // problems from the last check
let lastCheck = null;       // last check answer
let checkSeq = 0;
let loaded = false;
let applying = false;
const inputs = new Map();   // name -> {input, problem, row, kind}

export function mount(section) {
  root = section;
  root.append(
    h('div', { class: 'card' },
      h('div', { class: 'card-head' },
        h('h1', { text: 'Parameters' }),
        h('div', { class: 'btn-row' },
          h('span', { class: 'muted', text: 'Chemistry preset:' }),
          ['LFP', 'NCM', 'LTO'].map((c) => h('button', {
            type: 'button', class: 'btn-small', id: 'preset-' + c.toLowerCase(), text: c,
            onclick: () => applyPreset(c),
          })),
          h('button', { type: 'button', class: 'btn-small', id: 'reload-settings', text: 'Reload', onclick: () => load(true) }))),
      h('p', { class: 'hint', text: 'Edit any value: it is checked as you type (ranges here, the cross-field rules by the ' +
        'server). Nothing is written until you press Apply; then the board is read back and each field confirmed. ' +
        'Units are those of the names: mV, mA, s, ms, µs (us), 0.1 °C (dC), 0.1 h (dh).' }),
      (el.error = h('div', { id: 'settings-error', class: 'msg', role: 'alert', hidden: true }))),
    (el.form = h('form', { id: 'settings-form', class: 'settings-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); apply(); } })),
    (el.bar = h('div', { class: 'card apply-bar', id: 'apply-bar' },
      h('h2', { text: 'Preview changes' }),
      (el.preview = h('ul', { id: 'preview', class: 'change-list' })),
      (el.noChanges = h('p', { class: 'muted', id: 'no-changes', text: 'No pending changes.' })),
      (el.checking = h('p', { class: 'muted', id: 'checking', hidden: true, text: 'checking…' })),
      (el.warnings = h('ul', { id: 'warnings', class: 'warning-list' })),
      (el.problemList = h('ul', { id: 'problem-list', class: 'problem-list' })),
      h('div', { class: 'btn-row' },
        (el.apply = h('button', { type: 'button', id: 'apply', class: 'btn-primary', text: 'Apply', disabled: true, onclick: apply })),
        (el.discard = h('button', { type: 'button', id: 'discard', class: 'btn-ghost-dark', text: 'Discard', disabled: true, onclick: discard }))),
      (el.result = h('div', { id: 'apply-result', class: 'msg', role: 'status', hidden: true })),
      (el.applied = h('ul', { id: 'applied', class: 'applied-list' })))));
  store.on('schema', (s) => { if (!schema && s) { schema = s; if (loaded) render(); } });
  // a board that comes back online: read its settings if they could not be read before
  store.on('status', (s) => {
    if (visible && !loaded && s.online !== false && Date.now() - lastTry > 5000) load(false);
  });
}

let visible = false;
let lastTry = 0;

export function show() {
  visible = true;
  load(false);
}

export function hide() { visible = false; }

async function load(force) {
  lastTry = Date.now();
  try {
    const [sch, settings] = await Promise.all([
      schema && !force ? Promise.resolve(schema) : get('/api/settings/schema'),
      get('/api/settings'),
    ]);
    schema = sch;
    store.schema = sch;
    current = settings || {};
    store.settings = current;
    if (!presets) get('/api/presets').then((p) => { presets = p; }).catch((e) => console.warn('presets', e));
    const firstTime = !loaded;
    loaded = true;
    if (firstTime || force || !inputs.size) render();
    else refreshValues();
    if (!force) showMsg(el.error, '', '');
    else showMsg(el.error, 'info', 'Reloaded from the board.');
  } catch (e) {
    showMsg(el.error, 'error', 'Cannot read the settings: ' + errorText(e));
  }
}

function render() {
  clear(el.form);
  inputs.clear();
  byName = new Map();
  for (const g of schema.groups || []) {
    const body = h('div', { class: 'settings-grid' });
    const count = h('span', { class: 'group-count', dataset: { groupCount: g.id } });
    const det = h('details', { class: 'card group', open: true, dataset: { group: g.id } },
      h('summary', {}, h('span', { class: 'group-title', text: g.title }), count),
      body);
    for (const s of g.settings || []) {
      byName.set(s.name, s);
      body.appendChild(fieldRow(s));
    }
    el.form.appendChild(det);
  }
  // values the protocol carries outside the table
  const extra = Object.keys(current).filter((k) => !byName.has(k));
  if (extra.length) {
    const body = h('dl', { class: 'readonly-list' });
    for (const k of extra) body.append(h('dt', { text: k }), h('dd', { text: fmtValue(current[k]), dataset: { readonly: k } }));
    el.form.appendChild(h('details', { class: 'card group', dataset: { group: 'OTHER' } },
      h('summary', {}, h('span', { class: 'group-title', text: 'Other values (read only)' })), body));
  }
  refreshValues();
}

function fieldRow(s) {
  const id = 'set-' + s.name;
  const problem = h('div', { class: 'problem', dataset: { problemFor: s.name }, 'aria-live': 'polite', id: id + '-problem' });
  let input;
  if (s.kind === 'BOOL') {
    input = h('input', { type: 'checkbox', role: 'switch', id, class: 'toggle', dataset: { setting: s.name } });
    input.addEventListener('change', () => onEdit(s, input.checked));
  } else if (s.kind === 'ENUM') {
    input = h('select', { id, dataset: { setting: s.name } },
      (s.enum || []).map((n) => h('option', { value: n, text: n })));
    input.addEventListener('change', () => onEdit(s, input.value));
  } else {
    input = h('input', {
      type: 'number', id, inputmode: 'numeric', step: '1', min: s.min, max: s.max, dataset: { setting: s.name },
    });
    input.addEventListener('input', () => onEdit(s, input.value));
  }
  input.setAttribute('aria-describedby', id + '-hint ' + id + '-problem');
  const available = s.available !== false;
  if (!available) input.disabled = true;
  const label = h('label', { for: id, class: 'field-label' },
    h('span', { class: 'field-desc', text: capital(s.description || s.name) }),
    h('code', { class: 'field-name', text: s.name }));
  const hintText = (s.kind === 'INT' ? 'allowed: ' + rangeText(s) : '') +
    (!available ? (s.kind === 'INT' ? ' — ' : '') + 'not available: ' + (s.unavailableReason || 'this board or protocol does not have it') : '');
  const row = h('div', { class: 'field' + (available ? '' : ' unavailable'), dataset: { field: s.name } },
    label,
    h('div', { class: 'field-input' }, input,
      s.kind === 'INT' && s.unit ? h('span', { class: 'unit', text: s.unit }) : null,
      h('span', { class: 'field-conv', dataset: { convFor: s.name } })),
    h('div', { class: 'field-hint', id: id + '-hint', text: hintText }),
    problem);
  inputs.set(s.name, { input, problem, row, kind: s.kind, conv: row.querySelector('.field-conv') });
  return row;
}

function rangeText(s) {
  const r = s.range || (s.min + '..' + s.max);
  return s.unit && !r.includes(s.unit) ? r + ' ' + s.unit : r;
}

function capital(t) { return t ? t[0].toUpperCase() + t.slice(1) : t; }

/** A friendlier reading of raw units: 3650 mV = 3.650 V, 600 dC = 60.0 °C, … */
function conversion(s, v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '';
  switch (s.unit) {
    case 'mV': return '= ' + (v / 1000).toFixed(3) + ' V';
    case 'mA': return '= ' + (v / 1000).toFixed(1) + ' A';
    case 'mAh': return '= ' + (v / 1000).toFixed(1) + ' Ah';
    case 'dC': return '= ' + (v / 10).toFixed(1) + ' °C';
    case 'dh': return '= ' + (v / 10).toFixed(1) + ' h';
    case 'ms': return v >= 1000 ? '= ' + (v / 1000).toFixed(1) + ' s' : '';
    default: return '';
  }
}

/** Puts the board's values (or the pending edit) into every input. */
function refreshValues() {
  for (const [name, f] of inputs) {
    const v = edits.has(name) ? edits.get(name) : current[name];
    if (f.kind === 'BOOL') f.input.checked = v === true;
    else if (f.kind === 'ENUM') f.input.value = v ?? '';
    else if (document.activeElement !== f.input || !edits.has(name)) f.input.value = v ?? '';
    f.row.classList.toggle('edited', edits.has(name));
    setText(f.conv, conversion(byName.get(name), typeof v === 'number' ? v : Number(f.input.value)));
  }
  updateGroupCounts();
}

function updateGroupCounts() {
  for (const g of (schema && schema.groups) || []) {
    const c = el.form.querySelector(`[data-group-count="${g.id}"]`);
    if (!c) continue;
    const n = (g.settings || []).filter((s) => edits.has(s.name)).length;
    setText(c, n ? n + ' changed' : '');
  }
}

function onEdit(s, raw) {
  const f = inputs.get(s.name);
  let value = raw;
  clientProblems.delete(s.name);
  if (s.kind === 'INT') {
    const text = String(raw).trim();
    if (text === '') {
      clientProblems.set(s.name, 'a value is needed [allowed: ' + rangeText(s) + ']');
      value = null;
    } else {
      const n = Number(text);
      if (!Number.isFinite(n) || !Number.isInteger(n)) {
        clientProblems.set(s.name, 'not a whole number [allowed: ' + rangeText(s) + ']');
        value = null;
      } else {
        value = n;
        if ((typeof s.min === 'number' && n < s.min) || (typeof s.max === 'number' && n > s.max)) {
          clientProblems.set(s.name, n + ': out of range [allowed: ' + rangeText(s) + ']');
        }
      }
    }
    setText(f.conv, conversion(s, value));
  }
  if (value === null) {
    edits.set(s.name, raw);
  } else if (value === current[s.name]) {
    edits.delete(s.name);
  } else {
    edits.set(s.name, value);
  }
  f.row.classList.toggle('edited', edits.has(s.name));
  updateGroupCounts();
  clearApplied();
  showProblems();
  scheduleCheck();
}

function clearApplied() {
  clear(el.applied);
  showMsg(el.result, '', '');
}

const scheduleCheck = debounce(check, 300);

function pendingBody() {
  const body = {};
  for (const [k, v] of edits) {
    if (clientProblems.has(k)) continue; // the server would only repeat it
    body[k] = v;
  }
  return body;
}

async function check() {
  const seq = ++checkSeq;
  const body = pendingBody();
  if (!Object.keys(body).length) {
    serverProblems = [];
    lastCheck = null;
    el.checking.hidden = true;
    showProblems();
    return;
  }
  el.checking.hidden = false;
  try {
    const ans = await post('/api/settings/check', body);
    if (seq !== checkSeq) return;
    lastCheck = ans || {};
    serverProblems = Array.isArray(ans && ans.problems) ? ans.problems : [];
    if (!el.error.classList.contains('msg-info')) showMsg(el.error, '', '');
  } catch (e) {
    if (seq !== checkSeq) return;
    lastCheck = null;
    serverProblems = e instanceof ApiError ? e.problems : [];
    showMsg(el.error, 'error', 'Could not check the changes: ' + errorText(e));
  } finally {
    if (seq === checkSeq) el.checking.hidden = true;
  }
  showProblems();
}

/** Problems next to their fields, the preview, the warnings, and the Apply button's state. */
function showProblems() {
  const per = new Map();
  for (const [k, t] of clientProblems) per.set(k, [t]);
  const loose = [];
  for (const p of serverProblems) {
    if (clientProblems.has(p.field)) continue;
    if (p.field && inputs.has(p.field)) {
      if (!per.has(p.field)) per.set(p.field, []);
      per.get(p.field).push(problemWords(p));
    } else loose.push(p);
  }
  for (const [name, f] of inputs) {
    const list = per.get(name);
    setText(f.problem, list ? list.join('; ') : '');
    f.row.classList.toggle('has-problem', !!list);
    if (list) f.input.setAttribute('aria-invalid', 'true');
    else f.input.removeAttribute('aria-invalid');
  }
  clear(el.problemList);
  for (const [k, list] of per) for (const t of list) el.problemList.appendChild(h('li', { dataset: { field: k } }, h('b', { text: k }), ': ' + t));
  for (const p of loose) el.problemList.appendChild(h('li', { text: problemText(p) }));

  // preview: the check's changes when it matches, else what the form holds
  clear(el.preview);
  const rows = [];
  if (lastCheck && Array.isArray(lastCheck.changes)) {
    for (const c of lastCheck.changes) rows.push([c.field, c.old, c.new]);
    for (const [k, v] of edits) if (clientProblems.has(k)) rows.push([k, current[k], v]);
  } else {
    for (const [k, v] of edits) rows.push([k, current[k], v]);
  }
  for (const [field, o, n] of rows) {
    el.preview.appendChild(h('li', { dataset: { change: field } },
      h('b', { text: field }), ': ', h('span', { class: 'old', text: fmtValue(o) }), ' → ',
      h('span', { class: 'new', text: fmtValue(n) })));
  }
  el.noChanges.hidden = edits.size > 0;
  clear(el.warnings);
  const warnings = lastCheck && Array.isArray(lastCheck.warnings) ? lastCheck.warnings : [];
  for (const w of warnings) el.warnings.appendChild(h('li', { text: '⚠ ' + (typeof w === 'string' ? w : problemText(w)) }));

  const problems = per.size + loose.length;
  el.apply.disabled = applying || edits.size === 0 || problems > 0;
  el.discard.disabled = applying || edits.size === 0;
  el.apply.textContent = edits.size ? 'Apply ' + edits.size + ' change' + (edits.size > 1 ? 's' : '') : 'Apply';
  el.bar.classList.toggle('pending', edits.size > 0);
}

function problemWords(p) {
  let s = '';
  if (p.value !== undefined && p.value !== '') s += p.value + ': ';
  s += p.reason || 'not allowed';
  if (p.allowed) s += ' [allowed: ' + p.allowed + ']';
  return s;
}

function applyPreset(name) {
  if (!presets || !presets[name]) {
    get('/api/presets').then((p) => { presets = p; if (p && p[name]) applyPreset(name); else showMsg(el.error, 'error', 'No preset ' + name); })
      .catch((e) => showMsg(el.error, 'error', 'Cannot read the presets: ' + errorText(e)));
    return;
  }
  let n = 0;
  for (const [k, v] of Object.entries(presets[name])) {
    const s = byName.get(k);
    if (!s || s.available === false) continue;
    clientProblems.delete(k);
    if (v === current[k]) edits.delete(k);
    else { edits.set(k, v); n++; }
  }
  refreshValues();
  clearApplied();
  showMsg(el.error, 'info', name + ' preset loaded into the form: ' + n + ' value' + (n === 1 ? '' : 's') +
    ' differ from the board. Review the preview, then Apply (or Discard).');
  showProblems();
  checkSeq++;
  check();
}

function discard() {
  edits.clear();
  clientProblems.clear();
  serverProblems = [];
  lastCheck = null;
  checkSeq++;
  scheduleCheck.cancel();
  refreshValues();
  showProblems();
  clearApplied();
  showMsg(el.error, '', '');
}

async function apply() {
  if (el.apply.disabled) return;
  const body = pendingBody();
  if (!Object.keys(body).length) return;
  applying = true;
  showProblems();
  showMsg(el.result, 'info', 'Writing ' + Object.keys(body).length + ' setting(s)…');
  clear(el.applied);
  try {
    const ans = await put('/api/settings', body);
    const applied = (ans && ans.applied) || {};
    let mismatched = 0;
    for (const [k, requested] of Object.entries(body)) {
      const has = Object.prototype.hasOwnProperty.call(applied, k);
      const got = applied[k];
      const same = has && got === requested;
      if (!same) mismatched++;
      el.applied.appendChild(h('li', { class: same ? 'ok' : 'mismatch', dataset: { applied: k } },
        (same ? '✓ ' : '⚠ ') + k + ' = ' + (has ? fmtValue(got) : '(not read back)') + (same ? ' read back' : ' read back (requested ' + fmtValue(requested) + ')')));
    }
    showMsg(el.result, mismatched ? 'error' : 'ok', mismatched
      ? 'Written, but ' + mismatched + ' field(s) read back differently — see below.'
      : 'Written and confirmed by reading the board back.');
    showMsg(el.error, '', '');
    edits.clear();
    clientProblems.clear();
    serverProblems = [];
    lastCheck = null;
    if (ans && ans.settings) { current = ans.settings; store.settings = current; }
    try { current = await get('/api/settings'); store.settings = current; } catch { /* keep the answer's */ }
    refreshValues();
    store.emit('settings', current);
  } catch (e) {
    if (e instanceof ApiError && e.problems.length) {
      serverProblems = e.problems;
      lastCheck = null;
      showMsg(el.result, 'error', 'Nothing was written: ' + (e.body.error || 'invalid settings') + ' (' + e.problems.length + ' problem' + (e.problems.length > 1 ? 's' : '') + ').');
      showMsg(el.error, 'error', 'Nothing was written — ' + e.problems.map(problemText).join('; '));
    } else {
      showMsg(el.result, 'error', 'Not applied: ' + errorText(e));
      showMsg(el.error, 'error', 'Not applied: ' + errorText(e));
    }
  } finally {
    applying = false;
    showProblems();
  }
}
