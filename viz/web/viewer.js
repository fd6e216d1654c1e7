// citytwin view: the page. Reads the network and the charts' series once; then, for the
// clock's time, the frames of the chosen layers and the two vehicle frames around it (binary
// answers, frame_api.js), and draws them on a 2-D canvas, the vehicles moved between their two
// frames as the clock runs (vehicle_motion.js). The URL hash holds the state (time, layers,
// side, speed) so a view can be shared.
import { getJson, getFrame } from './frame_api.js';
import { bounds, projector, drawStatic, drawVehicles, range, hitTest } from './map_draw.js';
import { pairFrames, positionsAt, bracket } from './vehicle_motion.js';
import { KpiCharts } from './kpi_charts.js';

const $ = (id) => document.getElementById(id);
const canvas = $('map');
const ctx = canvas.getContext('2d');
const state = { links: 'speed', air: '', buses: '', vehicles: true, side: 'run', t: 0, speed: 60, swipe: 0.5 };
let meta = null, net = null, box = null, charts = null;
let vehicleTimes = [], maxSpeed = 1, tMin = 0, tMax = 0;
let shown = {};                 // side -> the decoded frames drawn: links, air, buses, pair
let wantedKey = '', shownKey = '', generation = 0, shownGeneration = 0;
let playing = false, lastTick = 0, lastHash = 0;

function layer(name) { return meta.layers.find((l) => l.name === name); }
function nearest(times, t) {
  const b = bracket(times, t);
  return !b ? 0 : b[2] < 0.5 ? b[0] : b[1];
}
function clock(t) {
  const start = new Date(meta.start.length === 16 ? meta.start + ':00' : meta.start);
  const d = new Date(start.getTime() + t * 1000);
  if (Number.isNaN(d.getTime())) return `${t.toFixed(0)} s`;
  const day = Math.floor((d - new Date(start.toDateString())) / 86400000);
  return d.toTimeString().slice(0, 8) + (day > 0 ? ` (+${day} d)` : '');
}

function sides() {
  if (!meta.base) return ['run'];
  return state.side === 'split' || state.side === 'swipe' ? ['base', 'run'] : [state.side];
}

// The frame URLs one side needs at the clock's time.
function wants(side) {
  const w = {};
  const tail = (s) => `&format=bin${meta.base ? `&side=${s}` : ''}`;
  for (const [kind, name] of [['links', state.links], ['air', state.air], ['buses', state.buses]]) {
    const l = name && layer(name);
    if (!l || l.kind !== kind || (side === 'base' && !l.in_base)) continue;
    w[kind] = `/api/${kind}?layer=${encodeURIComponent(name)}&frame=${nearest(side === 'base' ? l.base_times : l.times, state.t)}${tail(side)}`;
  }
  const v = layer('vehicles');
  const times = v && (side === 'base' ? v.base_times : v.times);
  if (state.vehicles && times) {
    // Vehicles are not differenced: the difference view shows the variant's.
    const [a, b] = bracket(times, state.t);
    w.vehicles = [a, b].map((k) => `/api/vehicles?frame=${k}${tail(side === 'diff' ? 'run' : side)}`);
  }
  return w;
}

const pairs = [];   // recent vehicle frame pairs, so a pair is matched once
function pairOf(a, b) {
  let p = pairs.find((q) => q.a === a && q.b === b);
  if (!p) { p = pairFrames(a, b); pairs.unshift(p); pairs.length = Math.min(pairs.length, 4); }
  return p;
}

async function load(w) {
  const out = {};
  await Promise.all(Object.entries(w).map(async ([kind, url]) => {
    if (kind === 'vehicles') {
      const [a, b] = await Promise.all(url.map((u) => getFrame(u, 'vehicles')));
      out.pair = pairOf(a, b);
    } else {
      out[kind] = await getFrame(url, 'values');
    }
  }));
  return out;
}

// Asks for what the clock's time needs; draws when it is in (the newest request wins).
async function refresh() {
  const list = sides();
  const w = list.map(wants);
  const key = JSON.stringify([list, w]);
  if (key === wantedKey) return;
  wantedKey = key;
  const gen = ++generation;
  if (playing && state.vehicles && vehicleTimes.length) {
    const [, b] = bracket(vehicleTimes, state.t);   // the next frame, before the clock needs it
    if (b + 1 < vehicleTimes.length) for (const u of w[0].vehicles || []) getFrame(u.replace(/frame=\d+/, `frame=${b + 1}`), 'vehicles').catch(() => {});
  }
  try {
    const data = await Promise.all(w.map(load));
    if (gen < shownGeneration) return;
    shownGeneration = gen;
    shown = Object.fromEntries(list.map((s, i) => [s, data[i]]));
    shownKey = key;
    $('status').textContent = '';
  } catch (e) {
    $('status').textContent = e.message;
  }
  paint();
}

// The panels: the whole canvas, or two halves side by side; a swipe lays both over the whole
// canvas and clips each to its side of the divider.
function panels() {
  const W = canvas.width, H = canvas.height, list = sides();
  if (meta.base && state.side === 'split') return list.map((side, i) => ({ x: (i * W) / 2, w: W / 2, h: H, side }));
  return list.map((side) => ({ x: 0, w: W, h: H, side }));
}
function clipOf(panel, i) {
  if (!(meta.base && state.side === 'swipe')) return [panel.x, panel.x + panel.w];
  const cut = state.swipe * canvas.width;
  return i === 0 ? [0, cut] : [cut, canvas.width];
}

let frameIds = new WeakMap(), nextId = 1;
const idOf = (o) => { if (!o) return 0; if (!frameIds.has(o)) frameIds.set(o, nextId++); return frameIds.get(o); };
const statics = [];
// The panel's air, links and buses, drawn again only when their frames or the size change.
function staticLayer(i, panel, f) {
  const key = [panel.w, panel.h, idOf(f.links), idOf(f.air), idOf(f.buses)].join();
  if (statics[i] && statics[i].key === key) return statics[i].canvas;
  const off = new OffscreenCanvas(Math.max(1, Math.floor(panel.w)), Math.max(1, panel.h));
  drawStatic(off.getContext('2d'), projector({ x: 0, w: panel.w, h: panel.h }, box), net, f);
  statics[i] = { key, canvas: off };
  return off;
}

function title(side) { return side === 'base' ? 'base' : side === 'diff' ? 'variant − base' : meta.base ? 'variant' : ''; }

function paint() {
  if (canvas.width !== canvas.clientWidth || canvas.height !== canvas.clientHeight) {
    canvas.width = canvas.clientWidth; canvas.height = canvas.clientHeight;
  }
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  let vehicles = 0;
  panels().forEach((panel, i) => {
    const f = shown[panel.side];
    if (!f) return;
    const [c0, c1] = clipOf(panel, i);
    ctx.save();
    ctx.beginPath(); ctx.rect(c0, 0, c1 - c0, panel.h); ctx.clip();
    ctx.drawImage(staticLayer(i, panel, f), panel.x, 0);
    if (f.pair) {
      const { a, b } = f.pair;
      const frac = b.time > a.time ? Math.min(1, Math.max(0, (state.t - a.time) / (b.time - a.time))) : 0;
      const pos = positionsAt(f.pair, frac);
      drawVehicles(ctx, projector(panel, box), panel, pos, maxSpeed);
      vehicles += pos.count;
    }
    ctx.fillStyle = '#000'; ctx.font = '14px system-ui';
    ctx.fillText(title(panel.side), c0 + 8, 16);
    ctx.restore();
  });
  if (meta.base && state.side === 'swipe') {
    const cut = Math.round(state.swipe * canvas.width) + 0.5;
    ctx.strokeStyle = '#000'; ctx.lineWidth = 2; ctx.beginPath(); ctx.moveTo(cut, 0); ctx.lineTo(cut, canvas.height); ctx.stroke();
  }
  legend(shown[sides()[sides().length - 1]] || {});
  $('clock').textContent = clock(state.t);
  if (charts) charts.draw(state.t);
  document.body.dataset.vehicles = String(vehicles);
  // Drawn with everything the state asks for: what tests (and a user's patience) wait on.
  if (shownKey === wantedKey) document.body.dataset.drawn = String(Number(document.body.dataset.drawn || 0) + 1);
  const now = performance.now();
  if (!playing || now - lastHash > 500) { lastHash = now; writeHash(); }
}

function legend(f) {
  const rows = [];
  for (const kind of ['links', 'air', 'buses']) {
    if (!f[kind]) continue;
    const l = layer(state[kind]), [lo, hi] = range(f[kind].values, f[kind].difference);
    rows.push(`<div>${l.label}${f[kind].difference ? ' (variant − base)' : ''}: ${lo.toPrecision(3)} … ${hi.toPrecision(3)} ${l.units}</div>`);
  }
  if (f.pair) rows.push(`<div>vehicle speed: 0 … ${maxSpeed.toPrecision(3)} km/h (${f.pair.a.count} in frame)</div>`);
  $('legend').innerHTML = rows.join('') || 'no layer';
}

function writeHash() {
  const s = { ...state, t: Math.round(state.t * 10) / 10 };
  location.replace('#' + new URLSearchParams(Object.entries(s).map(([k, v]) => [k, String(v)])).toString());
}

function valueText(kind, index, f) {
  if (!f[kind]) return '';
  const l = layer(state[kind]), v = f[kind].values[index];
  return `\n${l.label}${f[kind].difference ? ' (variant − base)' : ''}: ${Number.isNaN(v) ? 'no value' : Number(v.toPrecision(4))} ${l.units}`;
}

// Hover: the bus, link or air cell under the pointer, with its id and values.
canvas.addEventListener('mousemove', (ev) => {
  if (!net) return;
  const mx = ev.offsetX * (canvas.width / canvas.clientWidth), my = ev.offsetY * (canvas.height / canvas.clientHeight);
  const list = panels();
  const i = list.findIndex((panel, k) => { const [c0, c1] = clipOf(panel, k); return mx >= c0 && mx < c1; });
  const h = $('hover');
  const f = i >= 0 ? shown[list[i].side] : null;
  const hit = f ? hitTest(projector(list[i], box), net, f, mx, my) : null;
  if (!hit) { h.hidden = true; return; }
  if (hit.kind === 'bus') {
    h.textContent = `bus ${net.buses.ids[hit.index]}` + valueText('buses', hit.index, f);
  } else if (hit.kind === 'link') {
    h.textContent = `link ${net.ids[hit.index]}\nlanes ${net.lanes[hit.index]}, limit ${net.speed_limit[hit.index].toFixed(0)} km/h` +
      valueText('links', hit.index, f);
  } else {
    const g = net.air;
    h.textContent = `air cell (${hit.i}, ${hit.j}) at ${(g.x0 + (hit.i + 0.5) * g.cell).toFixed(0)}, ${(g.y0 + (hit.j + 0.5) * g.cell).toFixed(0)} m` +
      valueText('air', hit.index, f);
  }
  h.style.left = `${ev.offsetX + 12}px`; h.style.top = `${ev.offsetY + 12}px`; h.hidden = false;
});
canvas.addEventListener('mouseleave', () => { $('hover').hidden = true; });

function setTime(t) {
  state.t = Math.min(tMax, Math.max(tMin, t));
  $('time').value = state.t;
  refresh();
  paint();
}

function tick(now) {
  if (!playing) return;
  const dt = lastTick ? Math.min(0.25, (now - lastTick) / 1000) : 0;
  lastTick = now;
  let t = state.t + dt * state.speed;
  if (t > tMax) t = tMin;
  setTime(t);
  requestAnimationFrame(tick);
}

function fill(select, kind) {
  for (const l of meta.layers.filter((x) => x.kind === kind)) select.add(new Option(`${l.label} (${l.units})`, l.name));
}

async function start() {
  [meta, net] = await Promise.all([getJson('/api/meta'), getJson('/api/network')]);
  box = bounds(net);
  maxSpeed = Math.max(1, ...net.speed_limit);
  $('title').textContent = meta.scenario || 'citytwin';
  fill($('links-layer'), 'links'); fill($('air-layer'), 'air'); fill($('bus-layer'), 'buses');
  $('compare-box').hidden = !meta.base;
  Object.assign(state, Object.fromEntries(new URLSearchParams(location.hash.slice(1))));
  state.vehicles = String(state.vehicles) !== 'false' && !!layer('vehicles');
  state.speed = Number(state.speed) || 60;
  state.swipe = Math.min(1, Math.max(0, Number(state.swipe) || 0.5));
  vehicleTimes = layer('vehicles') ? layer('vehicles').times : [];
  // The slider runs over every time axis the file has, one second a step.
  const axes = meta.layers.map((l) => l.times).filter((t) => t.length);
  tMin = axes.length ? Math.min(...axes.map((t) => t[0])) : 0;
  tMax = axes.length ? Math.max(...axes.map((t) => t[t.length - 1])) : 0;
  const slider = $('time');
  slider.min = tMin; slider.max = tMax; slider.step = 1;
  state.t = Math.min(tMax, Math.max(tMin, Number(state.t) || tMin));
  slider.value = state.t;
  for (const [id, key] of [['links-layer', 'links'], ['air-layer', 'air'], ['bus-layer', 'buses'], ['side', 'side']]) {
    $(id).value = state[key];
    $(id).addEventListener('change', () => { state[key] = $(id).value; $('swipe').hidden = !(meta.base && state.side === 'swipe'); refresh(); paint(); });
  }
  $('swipe').hidden = !(meta.base && state.side === 'swipe');
  $('swipe').value = state.swipe;
  $('swipe').addEventListener('input', () => { state.swipe = Number($('swipe').value); paint(); });
  $('speed').value = String(state.speed);
  if ($('speed').value !== String(state.speed)) $('speed').add(new Option(`${state.speed}×`, String(state.speed), true, true));
  $('speed').addEventListener('change', () => { state.speed = Number($('speed').value); });
  $('vehicles').checked = state.vehicles;
  $('vehicles').addEventListener('change', () => { state.vehicles = $('vehicles').checked; refresh(); paint(); });
  slider.addEventListener('input', () => setTime(Number(slider.value)));
  $('play').addEventListener('click', () => {
    playing = !playing;
    $('play').textContent = playing ? 'pause' : 'play';
    lastTick = 0;
    // Paused on a whole second, the slider's step: the clock, the slider and the URL then
    // name the same moment, and a shared link opens exactly this picture.
    if (playing) requestAnimationFrame(tick); else setTime(Math.round(state.t));
  });
  window.addEventListener('resize', paint);
  const series = await getJson('/api/series').catch((e) => { $('status').textContent = e.message; return { series: [] }; });
  charts = new KpiCharts($('charts'), series.series, tMin, tMax, setTime);
  await refresh();
}

start().catch((e) => { $('status').textContent = e.message; });
