// Drives `citytwin view`'s page in the system's headless Chromium with real pointer and
// keyboard input (puppeteer-core; no browser of its own), and prints one JSON object with what
// it saw; tests/viz/view_input_test.cpp judges it.
//
//   node drive_viewer.mjs CHROMIUM URL time|hover|compare
//
// Every picture is the map canvas's pixels. The check behind most of them: the page after an
// interaction draws exactly what a fresh page opened at the URL the interaction left draws
// (same time, layers and side), so the input reached the state and the state reached the map.
import puppeteer from 'puppeteer-core';

const [chromium, base, what] = process.argv.slice(2);
if (!chromium || !base || !['time', 'hover', 'compare'].includes(what)) {
  console.error('usage: node drive_viewer.mjs CHROMIUM URL time|hover|compare');
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
  defaultViewport: { width: 1400, height: 900 },
});
const problems = [];   // console errors and warnings, page errors, failed requests

async function open(hash) {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(base + hash, { waitUntil: 'networkidle0' });
  await settled(page, 0);
  return page;
}

const drawn = (page) => page.evaluate(() => Number(document.body.dataset.drawn || 0));

// Waits for a draw after `before` with every frame the state asks for, then for quiet.
async function settled(page, before) {
  await page.waitForFunction((n) => Number(document.body.dataset.drawn || 0) > n, { timeout: 20000 }, before);
  await page.waitForNetworkIdle({ idleTime: 200, timeout: 20000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}

// The map canvas: a hash of every pixel, and the coloured ones (vehicles are viridis; links
// without a layer are grey on white).
function picture(page) {
  return page.evaluate(() => {
    // Read from a copy: reading the page's own canvas back makes Chromium warn.
    const c = document.getElementById('map'), copy = new OffscreenCanvas(c.width, c.height);
    const cc = copy.getContext('2d', { willReadFrequently: true });
    cc.drawImage(c, 0, 0);
    const d = cc.getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261;
    const coloured = [];
    for (let i = 0; i < d.length; i += 4) {
      for (let k = 0; k < 4; k++) h = Math.imul(h ^ d[i + k], 16777619) >>> 0;
      if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) coloured.push(i / 4);
    }
    // The darkest column (the swipe's divider is a 2 px black line).
    const dark = new Array(c.width).fill(0);
    for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
      const i = 4 * (y * c.width + x);
      if (d[i + 3] > 200 && d[i] < 40 && d[i + 1] < 40 && d[i + 2] < 40) dark[x]++;
    }
    const divider = dark.indexOf(Math.max(...dark));
    return { width: c.width, height: c.height, pixelHash: h, coloured, divider, dividerRows: dark[divider] };
  });
}

function page_state(page) {
  return page.evaluate(() => {
    const $ = (id) => document.getElementById(id);
    return { clock: $('clock').textContent, t: Number($('time').value), hash: location.hash, href: location.href,
      play: $('play').textContent, speed: $('speed').value, side: $('side').value, swipe: Number($('swipe').value),
      swipeShown: !$('swipe').hidden, status: $('status').textContent, vehicles: Number(document.body.dataset.vehicles || 0),
      legend: $('legend').textContent };
  });
}

// What the page shows now, and whether a fresh page at its URL shows the same.
async function snapshot(page) {
  const s = await page_state(page), p = await picture(page);
  const again = await open(new URL(s.href).hash);
  const q = await picture(again), r = await page_state(again);
  await again.close();
  return { ...s, coloured: p.coloured.length, pixels: p.coloured, pixelHash: p.pixelHash, divider: p.divider, dividerRows: p.dividerRows,
    width: p.width, height: p.height, sameAsFreshPage: p.pixelHash === q.pixelHash && s.clock === r.clock, freshClock: r.clock };
}

const moved = (a, b) => { const s = new Set(a.pixels); return b.pixels.filter((i) => !s.has(i)).length; };
const brief = (s) => { const { pixels, href, ...rest } = s; return rest; };
const api = async (path) => (await fetch(new URL(path, base))).json();

// Presses at `from` of a range input's width, moves to `to`, releases; what the page showed
// with the button still held (the map follows a drag, not only its end).
async function drag(page, selector, from, to) {
  const r = await (await page.$(selector)).boundingBox();
  const y = r.y + r.height / 2;
  await page.mouse.move(r.x + from * r.width, y);
  await page.mouse.down();
  const n = await drawn(page);
  await page.mouse.move(r.x + to * r.width, y, { steps: 12 });
  await settled(page, n);
  const held = await page_state(page);
  await page.mouse.up();
  return held;
}

async function time() {
  const meta = await api('/api/meta');
  const v = meta.layers.find((l) => l.name === 'vehicles').times;
  const page = await open(`#links=&air=&buses=&vehicles=true&t=${v[1]}`);
  const out = { frames: v, start: await snapshot(page) };
  // The slider, dragged from its thumb to 20 % of its length.
  const [lo, hi] = [Number(await page.$eval('#time', (e) => e.min)), Number(await page.$eval('#time', (e) => e.max))];
  out.min = lo; out.max = hi;
  let n = await drawn(page);
  out.held = await drag(page, '#time', (v[1] - lo) / (hi - lo), 0.2);   // early enough that 1200x for a second or two does not wrap past the end
  await page.waitForNetworkIdle({ idleTime: 200, timeout: 20000 });
  out.dragged = await snapshot(page);
  // Thirty presses of the right arrow key: thirty seconds.
  n = await drawn(page);
  await page.focus('#time');
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await settled(page, n);
  out.keys = await snapshot(page);
  // Play for a second of wall time at 60x, then at 1200x, then pause.
  out.playing = [];
  const wall0 = Date.now();
  await page.click('#play');
  out.playLabel = await page.$eval('#play', (e) => e.textContent);
  await new Promise((r) => setTimeout(r, 1000));
  out.playing.push({ ...(await page_state(page)), wall: (Date.now() - wall0) / 1000 });
  await page.select('#speed', '1200');
  const wall1 = Date.now();
  await new Promise((r) => setTimeout(r, 1000));
  out.playing.push({ ...(await page_state(page)), wall: (Date.now() - wall1) / 1000 });
  n = await drawn(page);
  await page.click('#play');
  out.pauseLabel = await page.$eval('#play', (e) => e.textContent);
  await page.waitForNetworkIdle({ idleTime: 200, timeout: 20000 });
  out.paused = await snapshot(page);
  await new Promise((r) => setTimeout(r, 500));
  out.pausedLater = await page_state(page);
  out.movedByDrag = moved(out.start, out.dragged);
  out.movedByKeys = moved(out.dragged, out.keys);
  for (const k of ['start', 'dragged', 'keys', 'paused']) out[k] = brief(out[k]);
  return out;
}

// The map's layout as the page promises it: the network's extent fitted into the canvas with 20 px of margin and centred, y up; links drawn 2.5 px right of
// their direction. What is under a pixel follows from that alone.
function layout(net, width, height) {
  const box = { x0: Math.min(...net.x), x1: Math.max(...net.x), y0: Math.min(...net.y), y1: Math.max(...net.y) };
  const pad = 20, w = width - 2 * pad, h = height - 2 * pad;
  const s = Math.min(w / (box.x1 - box.x0 || 1), h / (box.y1 - box.y0 || 1));
  const ox = pad + (w - s * (box.x1 - box.x0)) / 2, oy = pad + (h - s * (box.y1 - box.y0)) / 2;
  const px = (x) => ox + (x - box.x0) * s, py = (y) => oy + (box.y1 - y) * s;
  const lines = [];
  for (let k = 0; k < net.links; k++) {
    const a = net.shape_offset[k], b = net.shape_offset[k + 1], pts = [];
    for (let q = a; q < b; q++) {
      const q0 = q + 1 < b ? q : q - 1, dx = px(net.x[q0 + 1]) - px(net.x[q0]), dy = py(net.y[q0 + 1]) - py(net.y[q0]);
      const len = Math.hypot(dx, dy) || 1;
      pts.push([px(net.x[q]) - (dy / len) * 2.5, py(net.y[q]) + (dx / len) * 2.5]);
    }
    lines.push(pts);
  }
  const distance = (pts, x, y) => {
    let best = Infinity;
    for (let i = 0; i + 1 < pts.length; i++) {
      const [ax, ay] = pts[i], [bx, by] = pts[i + 1], L = (bx - ax) ** 2 + (by - ay) ** 2;
      const u = L ? Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / L)) : 0;
      best = Math.min(best, Math.hypot(x - (ax + u * (bx - ax)), y - (ay + u * (by - ay))));
    }
    return best;
  };
  // What may be named at (x, y): a bus, else the links within 6 px and within 0.5 px of the
  // nearest, else the air cells within 0.5 px, else nothing.
  const under = (x, y) => {
    // Buses by index: ids repeat across feeders (each has its "substation").
    const within = (e) => (net.buses ? net.buses.ids.map((_, i) => i).filter((i) => Math.abs(px(net.buses.x[i]) - x) <= e && Math.abs(py(net.buses.y[i]) - y) <= e) : []);
    const buses = within(5.5);
    if (buses.length) return { kind: 'bus', ids: buses };
    if (within(6.5).length) return { kind: 'unsure' };
    const d = lines.map((pts) => distance(pts, x, y)), nearest = Math.min(...d);
    if (nearest < 5.5) return { kind: 'link', ids: net.ids.filter((_, k) => d[k] <= nearest + 0.5) };
    if (nearest < 6.5) return { kind: 'unsure' };
    const g = net.air;
    if (!g) return { kind: 'none' };
    const cells = [];
    for (const [ex, ey] of [[0, 0], [-0.5, 0], [0.5, 0], [0, -0.5], [0, 0.5]]) {
      const wx = box.x0 + (x + ex - ox) / s, wy = box.y1 - (y + ey - oy) / s;
      const i = Math.floor((wx - g.x0) / g.cell), j = Math.floor((wy - g.y0) / g.cell);
      if (i >= 0 && j >= 0 && i < g.nx && j < g.ny) cells.push(`${i},${j}`);
    }
    return cells.length ? { kind: 'cell', ids: cells } : { kind: 'none' };
  };
  return { lines, under, px, py };
}

async function hover() {
  const meta = await api('/api/meta'), net = await api('/api/network');
  const t = 1830;
  const page = await open(`#links=speed&air=NOx&buses=voltage&vehicles=false&t=${t}`);
  const r = await (await page.$('#map')).boundingBox();
  const [width, height] = await page.$eval('#map', (c) => [c.width, c.height]);   // one pixel a CSS pixel
  const map = layout(net, width, height);
  // Where the pointer goes: the middle of each link's first drawn segment, each bus, and a
  // grid over the whole map (air cells, and whatever else lies there).
  const targets = map.lines.map((pts) => [(pts[0][0] + pts[1][0]) / 2, (pts[0][1] + pts[1][1]) / 2]);
  if (net.buses) net.buses.ids.forEach((_, i) => targets.push([map.px(net.buses.x[i]), map.py(net.buses.y[i])]));
  for (let y = 13; y < r.height; y += 47) for (let x = 11; x < r.width; x += 53) targets.push([x, y]);
  const frame = (name) => {   // the frame nearest t, as the page chooses it
    const times = meta.layers.find((l) => l.name === name).times;
    let k = 0;
    times.forEach((x, i) => { if (Math.abs(x - t) < Math.abs(times[k] - t)) k = i; });
    return k;
  };
  const links = await api(`/api/links?layer=speed&frame=${frame('speed')}`);
  const air = await api(`/api/air?layer=NOx&frame=${frame('NOx')}`);
  const buses = await api(`/api/buses?layer=voltage&frame=${frame('voltage')}`);
  const close = (shown, value) => value !== null && Math.abs(Number(shown) - value) <= 1e-3 * Math.max(1e-9, Math.abs(value));
  const named = { bus: new Set(), link: new Set(), cell: new Set() }, wrong = [];
  let unsure = 0, nothing = 0, covered = 0;
  for (const [x, y] of targets) {
    await page.mouse.move(r.x + x, r.y + y);
    const [text, onMap] = await page.evaluate((cx, cy) => {
      const h = document.getElementById('hover');
      return [h.hidden ? '' : h.textContent, document.elementFromPoint(cx, cy) === document.getElementById('map')];
    }, r.x + x, r.y + y);
    // Where the legend covers the map the pointer is not on it, and the box must be gone.
    const want = onMap ? map.under(x, y) : { kind: 'none' };
    covered += onMap ? 0 : 1;
    if (want.kind === 'unsure') { unsure++; continue; }
    const lines = text.split('\n'), value = (lines[lines.length - 1].match(/: (-?[0-9.e+-]+) /) || [])[1];
    let m, ok = false, id = '';
    if ((m = lines[0].match(/^bus (\S+)$/))) {
      const i = want.kind === 'bus' ? want.ids.find((k) => net.buses.ids[k] === m[1]) : undefined;
      id = String(i);
      ok = i !== undefined && close(value, buses.values[i]);
    } else if ((m = lines[0].match(/^link (\S+)$/))) {
      id = m[1];
      const i = net.ids.indexOf(id), lanes = (lines[1] || '').match(/^lanes (\d+), limit (\d+) km\/h$/);
      ok = want.kind === 'link' && want.ids.includes(id) && !!lanes && Number(lanes[1]) === net.lanes[i] &&
        Number(lanes[2]) === Math.round(net.speed_limit[i]) &&
        (links.values[i] === null ? /no value/.test(lines[2]) : close(value, links.values[i]));
    } else if ((m = lines[0].match(/^air cell \((\d+), (\d+)\) at (-?\d+), (-?\d+) m$/))) {
      const i = Number(m[1]), j = Number(m[2]);
      id = `${i},${j}`;
      ok = want.kind === 'cell' && want.ids.includes(id) && Math.abs(Number(m[3]) - (air.x0 + (i + 0.5) * air.cell)) <= 0.5 &&
        Math.abs(Number(m[4]) - (air.y0 + (j + 0.5) * air.cell)) <= 0.5 && close(value, air.values[j * air.nx + i]);
    } else {
      ok = text === '' && want.kind === 'none';
      nothing += ok ? 1 : 0;
    }
    if (ok && id) named[want.kind].add(id);
    if (!ok) wrong.push({ x, y, text, expected: want });
  }
  await page.mouse.move(r.x + r.width + 50, r.y + r.height / 2);   // off the map: the box goes
  const hiddenAfterLeaving = await page.$eval('#hover', (e) => e.hidden);
  return { targets: targets.length, buses: named.bus.size, busesInNetwork: net.buses ? net.buses.ids.length : 0,
    links: named.link.size, linksInNetwork: net.links, cells: named.cell.size, nothing, covered, unsure, wrong: wrong.slice(0, 20),
    wrongCount: wrong.length, hiddenAfterLeaving };
}

async function compare() {
  const page = await open('#links=&air=&buses=&vehicles=true&side=run&t=300');
  const out = { run: await snapshot(page) };
  const choose = async (side) => {
    const n = await drawn(page);
    await page.select('#side', side);
    await settled(page, n);
    return snapshot(page);
  };
  out.base = await choose('base');
  out.split = await choose('split');
  out.swipe = await choose('swipe');
  out.swipeHeld = await drag(page, '#swipe', 0.5, 0.25);
  await page.waitForNetworkIdle({ idleTime: 200, timeout: 20000 });
  out.swiped = await snapshot(page);
  await page.select('#links-layer', 'density');
  out.diff = await choose('diff');
  // Where the coloured pixels of the side-by-side view lie: left half base, right half variant.
  const half = out.split.width / 2;
  out.split.left = out.split.pixels.filter((i) => i % out.split.width < half).length;
  out.split.right = out.split.coloured - out.split.left;
  out.runVersusBase = moved(out.run, out.base);
  for (const k of ['run', 'base', 'split', 'swipe', 'swiped', 'diff']) out[k] = brief(out[k]);
  return out;
}

let result, status = 0;
try {
  result = await { time, hover, compare }[what]();
} catch (e) {
  result = { error: String(e.stack || e) };
  status = 1;
}
result.problems = problems;
await browser.close();
console.log(JSON.stringify(result));
process.exit(status);
