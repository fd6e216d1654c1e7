// citytwin view: the page. Fetches the network once, then one frame per layer and time from
// the server's JSON API, and draws on a 2-D canvas. The URL hash holds the state (time, layers,
// side) so a view can be shared.
const $ = (id) => document.getElementById(id);
const canvas = $('map');
const ctx = canvas.getContext('2d');
const state = { links: 'speed', air: '', buses: '', vehicles: true, side: 'run', t: 0 };
let meta = null, net = null, box = null;
let frames = {};   // last answers drawn, by layer kind
let playing = null;

async function get(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

// viridis, sampled (van der Walt and Smith 2015), and ColorBrewer RdBu for differences.
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
const RDBU = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'];
function colour(v, lo, hi, diverging) {
  if (v === null || Number.isNaN(v)) return '#bbbbbb';
  const map = diverging ? RDBU : VIRIDIS;
  const f = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  return map[Math.round(f * (map.length - 1))];
}
function range(values, diverging) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) return [0, 1];
  if (diverging) { const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1; return [-m, m]; }
  return [lo, hi > lo ? hi : lo + 1];
}

function layer(name) { return meta.layers.find((l) => l.name === name); }
function nearest(times, t) {
  let best = 0;
  for (let i = 1; i < times.length; i++) if (Math.abs(times[i] - t) < Math.abs(times[best] - t)) best = i;
  return best;
}
function clock(t) {
  const start = new Date(meta.start.length === 16 ? meta.start + ':00' : meta.start);
  const d = new Date(start.getTime() + t * 1000);
  return Number.isNaN(d.getTime()) ? `${t} s` : d.toTimeString().slice(0, 8);
}

// World metres -> pixels of one panel (the whole canvas, or one half side by side).
function projector(panel) {
  const pad = 20, w = panel.w - 2 * pad, h = panel.h - 2 * pad;
  const s = Math.min(w / (box.x1 - box.x0 || 1), h / (box.y1 - box.y0 || 1));
  const ox = panel.x + pad + (w - s * (box.x1 - box.x0)) / 2, oy = pad + (h - s * (box.y1 - box.y0)) / 2;
  return { s, x: (x) => ox + (x - box.x0) * s, y: (y) => oy + (box.y1 - y) * s };
}

async function fetchSide(side) {
  const out = {};
  const jobs = [];
  const want = (kind, name) => {
    const l = layer(name);
    if (!l || (side === 'base' && !l.in_base)) return;
    const frame = nearest(l.times, state.t);
    const q = kind === 'vehicles' ? `frame=${frame}` : `layer=${encodeURIComponent(name)}&frame=${frame}`;
    const s = side === 'diff' && kind === 'vehicles' ? 'run' : side;
    jobs.push(get(`/api/${kind}?${q}${meta.base ? `&side=${s}` : ''}`).then((a) => { out[kind] = a; }));
  };
  if (state.links) want('links', state.links);
  if (state.air) want('air', state.air);
  if (state.buses) want('buses', state.buses);
  if (state.vehicles) want('vehicles', 'vehicles');
  await Promise.all(jobs);
  return out;
}

function drawPanel(panel, f, title) {
  const p = projector(panel);
  if (f.air) {
    const a = f.air, [lo, hi] = range(a.values, a.difference);
    ctx.globalAlpha = 0.55;
    for (let j = 0; j < a.ny; j++) for (let i = 0; i < a.nx; i++) {
      const v = a.values[j * a.nx + i];
      ctx.fillStyle = colour(v, lo, hi, a.difference);
      ctx.fillRect(p.x(a.x0 + i * a.cell), p.y(a.y0 + (j + 1) * a.cell), a.cell * p.s + 0.5, a.cell * p.s + 0.5);
    }
    ctx.globalAlpha = 1;
  }
  const lv = f.links ? f.links.values : null;
  const [lo, hi] = lv ? range(lv, f.links.difference) : [0, 1];
  ctx.lineWidth = 3;
  for (let k = 0; k < net.links; k++) {
    ctx.strokeStyle = lv ? colour(lv[k], lo, hi, f.links.difference) : '#999';
    ctx.beginPath();
    const a = net.shape_offset[k], b = net.shape_offset[k + 1];
    for (let q = a; q < b; q++) {
      // Shifted right of the direction of travel, as render draws them, so both directions show.
      const q0 = q + 1 < b ? q : q - 1, q1 = q0 + 1;
      const dx = p.x(net.x[q1]) - p.x(net.x[q0]), dy = p.y(net.y[q1]) - p.y(net.y[q0]);
      const len = Math.hypot(dx, dy) || 1;
      const X = p.x(net.x[q]) - (dy / len) * 2.5, Y = p.y(net.y[q]) + (dx / len) * 2.5;
      q === a ? ctx.moveTo(X, Y) : ctx.lineTo(X, Y);
    }
    ctx.stroke();
  }
  if (f.buses) {
    const b = f.buses, [blo, bhi] = range(b.values, b.difference);
    for (let i = 0; i < b.ids.length; i++) {
      if (b.x[i] === null || b.y[i] === null) continue;
      ctx.fillStyle = colour(b.values[i], blo, bhi, b.difference);
      ctx.fillRect(p.x(b.x[i]) - 5, p.y(b.y[i]) - 5, 10, 10);
      ctx.strokeStyle = '#000'; ctx.lineWidth = 1; ctx.strokeRect(p.x(b.x[i]) - 5, p.y(b.y[i]) - 5, 10, 10);
    }
  }
  if (f.vehicles) {
    const v = f.vehicles, [vlo, vhi] = range(v.speed, false);
    for (let i = 0; i < v.count; i++) {
      ctx.fillStyle = colour(v.speed[i], vlo, vhi, false);
      ctx.beginPath(); ctx.arc(p.x(v.x[i]), p.y(v.y[i]), 2.5, 0, 2 * Math.PI); ctx.fill();
    }
  }
  ctx.fillStyle = '#000'; ctx.font = '14px system-ui';
  ctx.fillText(title, panel.x + 8, 16);
}

function legend(f) {
  const rows = [];
  for (const [kind, a] of Object.entries(f)) {
    const values = kind === 'vehicles' ? a.speed : a.values;
    const [lo, hi] = range(values, a.difference);
    const name = kind === 'vehicles' ? 'vehicle speed' : a.layer + (a.difference ? ' (variant − base)' : '');
    rows.push(`<div>${name}: ${lo.toPrecision(3)} … ${hi.toPrecision(3)} ${a.units}</div>`);
  }
  $('legend').innerHTML = rows.join('') || 'no layer';
}

async function draw() {
  try {
    canvas.width = canvas.clientWidth; canvas.height = canvas.clientHeight;
    const split = meta.base && state.side === 'split';
    const sides = split ? ['base', 'run'] : [meta.base ? state.side : 'run'];
    const answers = await Promise.all(sides.map(fetchSide));
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const w = canvas.width / sides.length;
    sides.forEach((s, i) => drawPanel({ x: i * w, w, h: canvas.height }, answers[i],
      s === 'base' ? 'base' : s === 'diff' ? 'variant − base' : meta.base ? 'variant' : ''));
    frames = answers[answers.length - 1];
    legend(frames);
    $('clock').textContent = clock(state.t);
    $('status').textContent = '';
    document.body.dataset.drawn = String(Number(document.body.dataset.drawn || 0) + 1);
  } catch (e) {
    $('status').textContent = e.message;
  }
  location.replace('#' + new URLSearchParams(Object.entries(state).map(([k, v]) => [k, String(v)])).toString());
}

// Hover: the link whose polyline passes nearest the pointer, with its value.
canvas.addEventListener('mousemove', (ev) => {
  if (!net) return;
  const p = projector({ x: 0, w: canvas.width / (meta.base && state.side === 'split' ? 2 : 1), h: canvas.height });
  const mx = ev.offsetX, my = ev.offsetY;
  let best = -1, bestD = 8;
  for (let k = 0; k < net.links; k++) {
    for (let q = net.shape_offset[k]; q + 1 < net.shape_offset[k + 1]; q++) {
      const ax = p.x(net.x[q]), ay = p.y(net.y[q]), bx = p.x(net.x[q + 1]), by = p.y(net.y[q + 1]);
      const L = (bx - ax) ** 2 + (by - ay) ** 2;
      const u = L ? Math.max(0, Math.min(1, ((mx - ax) * (bx - ax) + (my - ay) * (by - ay)) / L)) : 0;
      const d = Math.hypot(mx - (ax + u * (bx - ax)), my - (ay + u * (by - ay)));
      if (d < bestD) { bestD = d; best = k; }
    }
  }
  const h = $('hover');
  if (best < 0) { h.hidden = true; return; }
  const v = frames.links ? frames.links.values[best] : null;
  h.textContent = `link ${net.ids[best]}\nlanes ${net.lanes[best]}, limit ${net.speed_limit[best].toFixed(0)} km/h` +
    (frames.links ? `\n${frames.links.layer}: ${v === null ? 'no value' : v.toPrecision(4)} ${frames.links.units}` : '');
  h.style.left = `${mx + 12}px`; h.style.top = `${my + 12}px`; h.hidden = false;
});

function fill(select, kind) {
  for (const l of meta.layers.filter((x) => x.kind === kind)) select.add(new Option(`${l.label} (${l.units})`, l.name));
}

async function start() {
  meta = await get('/api/meta');
  net = await get('/api/network');
  box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  net.x.forEach((x, i) => { box.x0 = Math.min(box.x0, x); box.x1 = Math.max(box.x1, x); box.y0 = Math.min(box.y0, net.y[i]); box.y1 = Math.max(box.y1, net.y[i]); });
  $('title').textContent = meta.scenario || 'citytwin';
  fill($('links-layer'), 'links'); fill($('air-layer'), 'air'); fill($('bus-layer'), 'buses');
  $('compare-box').hidden = !meta.base;
  Object.assign(state, Object.fromEntries(new URLSearchParams(location.hash.slice(1))));
  state.vehicles = String(state.vehicles) !== 'false' && !!layer('vehicles');
  state.t = Number(state.t) || 0;
  // The slider runs over the finest time axis the file has.
  const axes = meta.layers.map((l) => l.times).sort((a, b) => b.length - a.length);
  const times = axes[0] || [0];
  const slider = $('time');
  slider.min = times[0]; slider.max = times[times.length - 1];
  slider.step = times.length > 1 ? times[1] - times[0] : 1;
  if (!(state.t >= times[0])) state.t = times[0];
  slider.value = state.t;
  for (const [id, key] of [['links-layer', 'links'], ['air-layer', 'air'], ['bus-layer', 'buses'], ['side', 'side']]) {
    $(id).value = state[key];
    $(id).addEventListener('change', () => { state[key] = $(id).value; draw(); });
  }
  $('vehicles').checked = state.vehicles;
  $('vehicles').addEventListener('change', () => { state.vehicles = $('vehicles').checked; draw(); });
  slider.addEventListener('input', () => { state.t = Number(slider.value); draw(); });
  $('play').addEventListener('click', () => {
    if (playing) { clearInterval(playing); playing = null; $('play').textContent = 'play'; return; }
    $('play').textContent = 'pause';
    playing = setInterval(() => {
      let t = state.t + Number(slider.step) * Number($('speed').value) / 4;
      if (t > Number(slider.max)) t = Number(slider.min);
      state.t = t; slider.value = t; draw();
    }, 250);
  });
  window.addEventListener('resize', draw);
  await draw();
}

start().catch((e) => { $('status').textContent = e.message; });
