// jkbms web app: nav and hash routes, the write token, the live connection; the pages live in js/.
import { get, getToken, setToken } from './js/api.js';
import { store } from './js/store.js';
import { $, setText } from './js/util.js';
import { watch as watchRecorder } from './js/recorder.js';
import * as statusView from './js/status.js';
import * as parametersView from './js/parameters.js';
import * as controlView from './js/control.js';
import * as calibrationView from './js/calibration.js';
import * as historyView from './js/history.js';
import * as eventsView from './js/events.js';
import * as deviceView from './js/device.js';
import * as twinView from './js/twin.js';

const views = {
  status: statusView,
  parameters: parametersView,
  control: controlView,
  calibration: calibrationView,
  history: historyView,
  events: eventsView,
  device: deviceView,
  twin: twinView,
};

window.jkbmsLatency = [];
let updates = 0;
document.body.dataset.updates = '0';

// ---------------------------------------------------------------- token

/** A URL like http://127.0.0.1:8080/#token=XYZ: keep the token, strip it from the address bar. */
function takeTokenFromHash() {
  const m = /(?:^#|[#?&/])token=([^&]*)/.exec(location.hash);
  if (!m) return;
  const token = decodeURIComponent(m[1]);
  if (token) setToken(token);
  let rest = location.hash.replace(/[?&]?token=[^&]*/, '').replace(/^#&/, '#');
  if (rest === '#' || rest === '' || !rest.startsWith('#/')) rest = '#/status';
  history.replaceState(null, '', location.pathname + location.search + rest);
}

function setupToken() {
  const form = $('#token-form');
  const input = $('#token-input');
  const toggle = $('#token-toggle');
  const msg = $('#token-msg');
  const open = (yes) => {
    form.hidden = !yes;
    toggle.setAttribute('aria-expanded', String(yes));
  };
  const refreshLabel = () => {
    toggle.textContent = getToken() ? 'Token ✓' : 'Token';
    toggle.title = getToken() ? 'a write token is stored' : 'no write token: writes will be refused';
  };
  input.value = getToken();
  refreshLabel();
  toggle.addEventListener('click', () => {
    open(form.hidden);
    if (!form.hidden) input.focus();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(input.value.trim());
    setText(msg, input.value.trim() ? 'token saved' : 'token removed');
    msg.className = 'token-msg ok';
  });
  $('#token-clear').addEventListener('click', () => {
    input.value = '';
    setToken('');
    setText(msg, 'token removed');
    msg.className = 'token-msg';
  });
  window.addEventListener('jkbms:token', () => {
    refreshLabel();
    reconnect();
  });
  window.addEventListener('jkbms:unauthorized', () => {
    open(true);
    setText(msg, 'write token needed');
    msg.className = 'token-msg error';
    input.focus();
    input.select();
  });
}

// ---------------------------------------------------------------- live

let ws = null;
let wsOpen = false;
let gotLive = false;
let backoff = 500;
let reconnectTimer = null;
let pollTimer = null;

function setConn(kind, text) {
  const c = $('#conn');
  c.className = 'conn conn-' + kind;
  setText(c.querySelector('.conn-text'), text);
  c.title = text;
}

/** Applies one status object to every page, then records the latency and the counter. */
function applyStatus(s, fromLive) {
  if (!s || typeof s !== 'object') return;
  store.status = s;
  const banner = $('#online-banner');
  if (s.online === false) {
    banner.textContent = 'Board offline: ' + (s.reason || 'no reason given') +
      (s.received_ms ? ' — showing the last reading, from ' + new Date(s.received_ms).toLocaleTimeString() : ' — no reading yet');
    banner.hidden = false;
    document.body.classList.add('board-offline');
  } else if (!banner.hidden) {
    banner.hidden = true;
    banner.textContent = '';
    document.body.classList.remove('board-offline');
  }
  if (wsOpen || !fromLive) {
    const c = $('#conn');
    if (s.online === false && !c.classList.contains('conn-offline') && wsOpen) setConn('offline', 'connected · board offline');
    else if (s.online !== false && c.classList.contains('conn-offline')) setConn('live', 'live');
  }
  store.emit('status', s);
  updates++;
  document.body.dataset.updates = String(updates);
  if (fromLive && typeof s.sampled_ms === 'number') {
    const lat = window.jkbmsLatency;
    lat.push(Date.now() - s.sampled_ms);
    if (lat.length > 10000) lat.splice(0, lat.length - 10000);
  }
}

function liveUrl() {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = getToken();
  return proto + '//' + location.host + '/api/live' + (token ? '?token=' + encodeURIComponent(token) : '');
}

function connect() {
  clearTimeout(reconnectTimer);
  setConn('connecting', 'connecting…');
  let sock;
  try {
    sock = new WebSocket(liveUrl());
  } catch (e) {
    scheduleReconnect();
    return;
  }
  ws = sock;
  sock.onopen = () => {
    if (ws !== sock) return;
    wsOpen = true;
    backoff = 500;
    setConn('live', 'live');
    $('#ws-banner').hidden = true;
    stopPolling();
  };
  sock.onmessage = (ev) => {
    if (ws !== sock) return;
    let msg;
    try { msg = JSON.parse(ev.data); } catch { return; }
    if (msg.type === 'status') {
      gotLive = true;
      applyStatus(msg, true);
    } else if (msg.type === 'event') {
      store.emit('event', msg);
    }
  };
  sock.onclose = () => {
    if (ws !== sock) return;
    ws = null;
    wsOpen = false;
    scheduleReconnect();
  };
  sock.onerror = () => { /* onclose follows */ };
}

function scheduleReconnect() {
  const secs = Math.round(backoff / 100) / 10;
  setConn('down', 'disconnected — retrying in ' + secs + ' s');
  const wb = $('#ws-banner');
  wb.textContent = 'Live connection lost; reconnecting (the values below may be old).';
  wb.hidden = false;
  startPolling();
  clearTimeout(reconnectTimer);
  reconnectTimer = setTimeout(connect, backoff);
  backoff = Math.min(backoff * 2, 15000);
}

function reconnect() {
  if (ws) {
    const old = ws;
    ws = null;
    wsOpen = false;
    try { old.close(); } catch { /* already closed */ }
  }
  backoff = 500;
  connect();
}

/** While the WebSocket is down, poll /api/status so the page still moves. */
function startPolling() {
  if (pollTimer) return;
  pollTimer = setInterval(async () => {
    if (wsOpen) { stopPolling(); return; }
    try { applyStatus(await get('/api/status'), false); } catch { /* the banner says it */ }
  }, 3000);
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

async function firstStatus() {
  try {
    const s = await get('/api/status');
    if (!gotLive) applyStatus(s, false);
  } catch (e) {
    if (!gotLive) {
      const banner = $('#online-banner');
      banner.textContent = 'Cannot read the board: ' + (e.message || e);
      banner.hidden = false;
    }
  }
}

async function loadDevice() {
  try {
    const d = await get('/api/device');
    store.device = d;
    store.emit('device', d);
  } catch (e) {
    console.warn('GET /api/device failed', e);
  }
}

async function loadSchema() {
  try {
    store.schema = await get('/api/settings/schema');
    store.emit('schema', store.schema);
  } catch (e) {
    console.warn('GET /api/settings/schema failed', e);
  }
}

store.on('device', (d) => {
  $('#nav-twin').hidden = !(d && d.source === 'twin');
  setText($('#brand-model'), d && d.model ? d.model : '');
  if (current === 'twin' && d && d.source !== 'twin') {
    // twin page asked for on a real board: it stays reachable by URL but says so
  }
});

// ---------------------------------------------------------------- routes

let current = null;

function route() {
  let name = (location.hash.replace(/^#\/?/, '').split(/[?&/]/)[0] || 'status').toLowerCase();
  if (!views[name]) name = 'status';
  if (name === current) return;
  if (current && views[current].hide) views[current].hide();
  for (const sec of document.querySelectorAll('main > .view')) sec.hidden = sec.dataset.view !== name;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  current = name;
  document.title = 'jkbms — ' + name[0].toUpperCase() + name.slice(1);
  if (views[name].show) views[name].show();
  closeNav();
}

function closeNav() {
  document.body.classList.remove('nav-open');
  $('#nav-toggle').setAttribute('aria-expanded', 'false');
}

function setupNav() {
  $('#nav-toggle').addEventListener('click', () => {
    const open = !document.body.classList.contains('nav-open');
    document.body.classList.toggle('nav-open', open);
    $('#nav-toggle').setAttribute('aria-expanded', String(open));
  });
  window.addEventListener('hashchange', () => {
    takeTokenFromHash();
    route();
  });
}

// ---------------------------------------------------------------- start

/** Sticky elements below the sticky header need its height (it wraps on narrow screens). */
function trackHeaderHeight() {
  const head = document.querySelector('.topbar');
  const set = () => document.documentElement.style.setProperty('--head-h', head.offsetHeight + 'px');
  set();
  if (window.ResizeObserver) new ResizeObserver(set).observe(head);
  else window.addEventListener('resize', set);
}

function start() {
  trackHeaderHeight();
  takeTokenFromHash();
  if (!location.hash) history.replaceState(null, '', location.pathname + location.search + '#/status');
  setupToken();
  setupNav();
  for (const [name, v] of Object.entries(views)) v.mount($('#view-' + name));
  route();
  firstStatus();
  connect();
  loadDevice();
  loadSchema();
  setInterval(loadDevice, 30000);
  watchRecorder();
}

start();
