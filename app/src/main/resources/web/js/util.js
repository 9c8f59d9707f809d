// Small DOM and formatting helpers. Server data only ever goes in through textContent / properties.

const PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'open', 'required']);

/** h('div', {class: 'x', id: 'y', onclick: fn, text: 'hello'}, child, 'text', [more]) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = String(v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (PROPS.has(k)) el[k] = v;
      else if (v === false) continue;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function setText(el, text) {
  const t = text === undefined || text === null ? '' : String(text);
  if (el && el.textContent !== t) el.textContent = t;
}

export const $ = (sel, root = document) => root.querySelector(sel);

const num = (x) => typeof x === 'number' && Number.isFinite(x);

export function fmtV(mV, d = 2) { return num(mV) ? (mV / 1000).toFixed(d) + ' V' : '–'; }
export function fmtA(mA, d = 2) { return num(mA) ? (mA / 1000).toFixed(d) + ' A' : '–'; }
export function fmtAh(mAh, d = 1) { return num(mAh) ? (mAh / 1000).toFixed(d) + ' Ah' : '–'; }
export function fmtC(dC) { return num(dC) ? (dC / 10).toFixed(1) + ' °C' : '–'; }
export function fmtMv(mV) { return num(mV) ? Math.round(mV) + ' mV' : '–'; }
export function fmtW(mW) {
  if (!num(mW)) return '–';
  const w = mW / 1000;
  return Math.abs(w) >= 1000 ? (w / 1000).toFixed(2) + ' kW' : w.toFixed(0) + ' W';
}

/** seconds -> "1 d 2 h 3 m" */
export function fmtDuration(s) {
  if (!num(s)) return '–';
  s = Math.max(0, Math.floor(s));
  const d = Math.floor(s / 86400), hh = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  return (d ? d + ' d ' : '') + hh + ' h ' + m + ' m';
}

/** seconds -> "m:ss" (or "h:mm:ss") */
export function fmtClock(s) {
  if (!num(s)) return '–';
  s = Math.max(0, Math.round(s));
  const hh = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), ss = s % 60;
  const p = (x) => String(x).padStart(2, '0');
  return hh ? `${hh}:${p(m)}:${p(ss)}` : `${m}:${p(ss)}`;
}

export function fmtTime(ms) {
  if (!num(ms)) return '';
  return new Date(ms).toLocaleTimeString();
}

/** An event's time_ms is on the board's clock: the twin's simulated time (small numbers), or the wall clock. */
export function fmtEventTime(ms) {
  if (!num(ms)) return '';
  if (ms < 1e11) {
    const s = Math.floor(ms / 1000);
    const d = Math.floor(s / 86400);
    const r = s % 86400, p = (x) => String(x).padStart(2, '0');
    return 'sim ' + (d ? d + ' d ' : '') + Math.floor(r / 3600) + ':' + p(Math.floor((r % 3600) / 60)) + ':' + p(r % 60);
  }
  return new Date(ms).toLocaleTimeString();
}

/** A settings value for humans: true/false -> on/off, lists joined. */
export function fmtValue(v) {
  if (v === true) return 'on';
  if (v === false) return 'off';
  if (Array.isArray(v)) return v.join(', ');
  if (v === null || v === undefined) return '–';
  return String(v);
}

export function debounce(fn, ms) {
  let t = null;
  const d = (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  d.cancel = () => clearTimeout(t);
  return d;
}

/** Shows a message in a result element: kind 'ok' | 'error' | 'info' | '' (hides it). */
export function showMsg(el, kind, text) {
  if (!el) return;
  el.classList.remove('msg-ok', 'msg-error', 'msg-info');
  if (!kind || !text) {
    el.hidden = true;
    el.textContent = '';
    return;
  }
  el.hidden = false;
  el.classList.add('msg-' + kind);
  el.textContent = text;
}

/** Epoch ms -> "24 Nov 2026, 10:32:05" (local time; the year only when it is not this year's). */
export function fmtDateTime(ms, seconds = true) {
  if (!num(ms)) return '–';
  const d = new Date(ms);
  const opts = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  if (seconds) opts.second = '2-digit';
  if (d.getFullYear() !== new Date().getFullYear()) opts.year = 'numeric';
  return d.toLocaleString(undefined, opts);
}

/** Epoch ms -> the value of an <input type="datetime-local"> (local time, to the minute). */
export function toLocalInput(ms) {
  const d = new Date(ms), p = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** A span of milliseconds in words: "90 s", "15 min", "6 h", "7 d". */
export function fmtSpan(ms) {
  if (!num(ms)) return '–';
  const s = ms / 1000;
  if (s < 120) return Math.round(s) + ' s';
  if (s < 7200) return Math.round(s / 60) + ' min';
  if (s < 172800) return +(s / 3600).toFixed(1) + ' h';
  return +(s / 86400).toFixed(1) + ' d';
}

/** A query string from an object, skipping empty values: {a: 1, b: ''} -> "?a=1". */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? '?' + s : '';
}
