// The HTTP side of docs/api.md: fetch wrapper, the write token, errors in words.

const TOKEN_KEY = 'jkbms.token';

export function getToken() {
  try { return localStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}

export function setToken(t) {
  try {
    if (t) localStorage.setItem(TOKEN_KEY, t);
    else localStorage.removeItem(TOKEN_KEY);
  } catch { /* private mode: keep going without storage */ }
  window.dispatchEvent(new CustomEvent('jkbms:token', { detail: t }));
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || ('HTTP ' + status));
    this.status = status;
    this.body = body || {};
  }
  get problems() { return Array.isArray(this.body.problems) ? this.body.problems : []; }
}

/** One problem {field, value, allowed, reason} in words. */
export function problemText(p) {
  if (!p || typeof p !== 'object') return String(p);
  let s = p.field ? p.field : '';
  if (p.value !== undefined && p.value !== null && p.value !== '') s += (s ? ' = ' : '') + p.value;
  if (p.reason) s += (s ? ': ' : '') + p.reason;
  if (p.allowed) s += ' [allowed: ' + p.allowed + ']';
  if (!s) s = p.text || p.message || JSON.stringify(p);
  return s;
}

/** An error (ApiError or other) as one line of words, problems included. */
export function errorText(err) {
  if (!(err instanceof ApiError)) return (err && err.message) || String(err);
  if (err.status === 401) return 'write token needed (' + (err.body.error || 'unauthorized') + ')';
  let s = err.body.error || ('HTTP ' + err.status);
  if (err.status === 503 && err.body.reason && !s.includes(err.body.reason)) s += ' — board offline: ' + err.body.reason;
  if (err.problems.length) s += ': ' + err.problems.map(problemText).join('; ');
  return s;
}

export async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  const token = getToken();
  if (token) headers['Authorization'] = 'Bearer ' + token;
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { error: 'cannot reach the jkbms server (' + (e.message || e) + ')' });
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { error: text.slice(0, 300) }; }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data && typeof data === 'object' ? data : { error: res.statusText });
    if (res.status === 401) window.dispatchEvent(new CustomEvent('jkbms:unauthorized'));
    throw err;
  }
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body = {}) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
