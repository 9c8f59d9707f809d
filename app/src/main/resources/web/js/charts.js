// Time charts for the History page on uPlot (a WebJar the server serves; loaded on first use, no network needed):
// lines with shaded min–max bands, event markers with a tooltip, drag to select a range (zoom), a shared cursor.
import { h, fmtDateTime } from './util.js';
import { category } from './categories.js';

let loading = null;
/** The WebJar's folder (its version is the pom's uplot.version). */
const UPLOT = new URL('../webjars/uplot/1.6.30/dist/', import.meta.url).href;

/** uPlot and its style sheet, loaded once; a failed load is retried on the next call. */
export function loadUPlot() {
  if (!loading) {
    if (!document.getElementById('uplot-css')) document.head.appendChild(h('link', { id: 'uplot-css', rel: 'stylesheet', href: UPLOT + 'uPlot.min.css' }));
    loading = import(UPLOT + 'uPlot.esm.js').then((m) => m.default, (e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

const SYNC = 'jkbms-history';
const AXIS = { stroke: '#5d6878', grid: { stroke: '#eef0f3', width: 1 }, ticks: { stroke: '#d9dee6', width: 1 } };

/** '#1f8a5b', 0.2 -> 'rgba(31,138,91,0.2)' */
export function alpha(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

/** Index of the first event at or after t (events sorted by time_ms). */
function firstAtOrAfter(events, t) {
  let lo = 0, hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].time_ms < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Vertical lines at the events' times, coloured by category; hovering near one shows its text. */
function markers(getEvents) {
  let tip, hovered = false;
  return {
    hooks: {
      init: [(u) => {
        tip = h('div', { class: 'marker-tip', hidden: true });
        u.over.appendChild(tip);
        // the charts share the cursor; only the one under the pointer shows the tooltip
        u.over.addEventListener('mouseenter', () => { hovered = true; });
        u.over.addEventListener('mouseleave', () => { hovered = false; tip.hidden = true; });
      }],
      draw: [(u) => {
        const events = getEvents();
        const { ctx, bbox } = u;
        const [x0, x1] = [u.scales.x.min * 1000, u.scales.x.max * 1000];
        const first = firstAtOrAfter(events, x0), end = firstAtOrAfter(events, x1 + 1), n = end - first;
        // many markers: fainter lines and no heads, so the data still shows through
        const a = Math.min(0.75, Math.max(0.2, (0.75 * 60) / Math.max(1, n))), px = devicePixelRatio || 1;
        ctx.save();
        ctx.lineWidth = Math.max(1, px);
        for (let i = first; i < end; i++) {
          const color = category(events[i].category).color;
          const x = Math.round(u.valToPos(events[i].time_ms / 1000, 'x', true)) + 0.5;
          ctx.strokeStyle = alpha(color, a);
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
          if (n <= 100) {
            ctx.fillStyle = color;
            ctx.beginPath();
            ctx.moveTo(x - 4 * px, bbox.top);
            ctx.lineTo(x + 4 * px, bbox.top);
            ctx.lineTo(x, bbox.top + 6 * px);
            ctx.fill();
          }
        }
        ctx.restore();
        u.root.closest('[data-chart]')?.setAttribute('data-markers', String(n));
      }],
      setCursor: [(u) => {
        const left = u.cursor.left;
        const events = getEvents();
        if (!hovered || left == null || left < 0 || !events.length) { tip.hidden = true; return; }
        // the events within 5 px of the cursor, nearest first, at most three
        const t0 = u.posToVal(left - 5, 'x') * 1000, t1 = u.posToVal(left + 5, 'x') * 1000;
        const near = [];
        for (let i = firstAtOrAfter(events, t0); i < events.length && events[i].time_ms <= t1; i++) near.push(events[i]);
        if (!near.length) { tip.hidden = true; return; }
        const t = u.posToVal(left, 'x') * 1000;
        near.sort((a, b) => Math.abs(a.time_ms - t) - Math.abs(b.time_ms - t));
        tip.replaceChildren(...near.slice(0, 3).map((e) => h('div', { dataset: { category: e.category } },
          h('time', { text: fmtDateTime(e.time_ms) }), ' ', eventWords(e))),
        near.length > 3 ? h('div', { class: 'muted', text: '+' + (near.length - 3) + ' more' }) : null);
        tip.hidden = false;
        const w = u.over.clientWidth;
        tip.style.left = left < w / 2 ? (left + 8) + 'px' : '';
        tip.style.right = left < w / 2 ? '' : (w - left + 8) + 'px';
      }],
    },
  };
}

/** An event in words: its text, else its name, phase and cell. */
export function eventWords(e) {
  if (e.text) return e.text;
  return [e.event, e.phase && String(e.phase).toLowerCase(), e.cell ? 'cell ' + e.cell : ''].filter(Boolean).join(' ');
}

/**
 * spec: {unit, digits, yRange?, minSpan?, series: [{label, color, avg, min?, max?}], xs (seconds), x: [min, max] (s)}.
 * The uPlot series for each: the average line, then (with min and max) two faint edges and a band between them.
 */
function options(uPlot, spec, getSpec, width, height, getEvents, onSelect) {
  let dragged = false;
  const fmt = (u, v) => (v == null ? '–' : v.toFixed(spec.digits) + ' ' + spec.unit);
  const series = [{ label: 'time', value: (u, v) => (v == null ? '–' : fmtDateTime(v * 1000)) }];
  const bands = [];
  for (const s of spec.series) {
    const i = series.length;
    series.push({ label: s.label, stroke: s.color, width: s.width || 1.5, value: fmt });
    if (s.min && s.max) {
      const edge = { stroke: alpha(s.color, 0.35), width: 0.5, value: fmt, points: { show: false } };
      series.push({ ...edge, label: 'max' }, { ...edge, label: 'min' });
      bands.push({ series: [i + 1, i + 2], fill: alpha(s.color, 0.14) });
    }
  }
  return {
    width, height,
    series, bands,
    scales: { x: { time: true, range: () => getSpec().x }, y: { range: (u, lo, hi) => yRange(uPlot, getSpec(), lo, hi) } },
    axes: [{ ...AXIS, space: 70 }, { ...AXIS, values: (u, splits) => splits.map(tick), size: axisWidth }],
    cursor: { drag: { x: true, y: false, setScale: false }, sync: { key: SYNC }, points: { size: 6 } },
    legend: { live: true },
    hooks: {
      // the charts share the cursor, so a drag selects on all of them: only the one dragged on zooms
      init: [(u) => u.over.addEventListener('mousedown', () => { dragged = true; })],
      setSelect: [(u) => {
        const mine = dragged;
        dragged = false;
        if (mine && u.select.width >= 4) {
          const a = u.posToVal(u.select.left, 'x'), b = u.posToVal(u.select.left + u.select.width, 'x');
          onSelect(a * 1000, b * 1000);
        }
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      }],
    },
    plugins: [markers(getEvents)],
  };
}

/** A y tick without thousands separators or float noise: 3270, 52.325. */
const tick = (v) => (v === null ? '' : String(+v.toFixed(6)));

/** The y axis as wide as its longest label (uPlot's sizing callback; the labels change between its cycles). */
function axisWidth(u, values, i) {
  const axis = u.axes[i];
  const longest = (values || []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
  u.ctx.font = axis.font[0];
  return Math.ceil(axis.ticks.size + axis.gap + u.ctx.measureText(longest).width / (devicePixelRatio || 1)) + 4;
}

/** The spec's fixed range, else the data's, at least spec.minSpan tall (a flat line is not drawn on 0…100). */
function yRange(uPlot, spec, lo, hi) {
  if (spec.yRange) return spec.yRange;
  if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  const span = spec.minSpan || 0;
  if (hi - lo < span) {
    const mid = (lo + hi) / 2;
    [lo, hi] = [mid - span / 2, mid + span / 2];
  }
  return uPlot.rangeNum(lo, hi, 0.1, true);
}

function columns(spec) {
  const data = [spec.xs];
  for (const s of spec.series) {
    data.push(s.avg);
    if (s.min && s.max) data.push(s.max, s.min);
  }
  return data;
}

/** What decides whether new data fits the chart as it is (setData) or needs a new chart. */
function shape(spec) {
  return spec.series.map((s) => s.label + (s.min && s.max ? '±' : '')).join('|') + '/' + spec.unit + '/' + spec.yRange;
}

/**
 * A chart living in `host`, as wide as it and height() tall. update(spec) redraws with new data, keeping the user's
 * series toggles when the series stay the same; resize() follows the host's width and height(); destroy().
 */
export function chart(uPlot, host, height, getEvents, onSelect) {
  let u = null, key = '', spec = null;
  const width = () => Math.max(200, Math.floor(host.clientWidth));
  return {
    update(next) {
      spec = next;
      if (u && key === shape(next)) {
        u.setData(columns(next), true);
        return;
      }
      if (u) u.destroy();
      key = shape(next);
      u = new uPlot(options(uPlot, next, () => spec, width(), height(), getEvents, onSelect), columns(next), host);
    },
    resize() {
      if (u && (Math.abs(u.width - width()) >= 1 || u.height !== height())) u.setSize({ width: width(), height: height() });
    },
    destroy() {
      if (u) u.destroy();
      u = null;
    },
    get plot() { return u; },
    get spec() { return spec; },
  };
}
