// citytwin view: drawing on a 2-D canvas. The static part of a panel (air field, links, buses)
// is drawn once per frame of those layers into an offscreen canvas; the vehicles, which move
// every animation frame, are written as pixels into an ImageData, so 100,000 of them cost a
// loop over typed arrays rather than 100,000 path calls.

// viridis, sampled (van der Walt and Smith 2015), and ColorBrewer RdBu for differences.
export const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];
export const RDBU = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'];
export const NO_VALUE = '#bbbbbb';

export function colour(v, lo, hi, diverging) {
  if (v === null || Number.isNaN(v)) return NO_VALUE;
  const map = diverging ? RDBU : VIRIDIS;
  const f = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
  return map[Math.round(f * (map.length - 1))];
}

export function range(values, diverging) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (v !== null && !Number.isNaN(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (!Number.isFinite(lo)) return [0, 1];
  if (diverging) { const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1; return [-m, m]; }
  return [lo, hi > lo ? hi : lo + 1];
}

// The network's extent.
export function bounds(net) {
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (let i = 0; i < net.x.length; i++) {
    box.x0 = Math.min(box.x0, net.x[i]); box.x1 = Math.max(box.x1, net.x[i]);
    box.y0 = Math.min(box.y0, net.y[i]); box.y1 = Math.max(box.y1, net.y[i]);
  }
  return box;
}

// World metres -> pixels of a panel {x, w, h}.
export function projector(panel, box) {
  const pad = 20, w = panel.w - 2 * pad, h = panel.h - 2 * pad;
  const s = Math.min(w / (box.x1 - box.x0 || 1), h / (box.y1 - box.y0 || 1));
  const ox = panel.x + pad + (w - s * (box.x1 - box.x0)) / 2, oy = pad + (h - s * (box.y1 - box.y0)) / 2;
  return { s, x: (x) => ox + (x - box.x0) * s, y: (y) => oy + (box.y1 - y) * s,
    wx: (px) => box.x0 + (px - ox) / s, wy: (py) => box.y1 - (py - oy) / s };
}

// Link k's polyline as drawn, in pixels: shifted 2.5 px right of its direction, so a street's
// two directions lie side by side. `point(X, Y, first)` gets each vertex.
function drawnLine(p, net, k, point) {
  const a = net.shape_offset[k], b = net.shape_offset[k + 1];
  for (let q = a; q < b; q++) {
    const q0 = q + 1 < b ? q : q - 1, q1 = q0 + 1;
    const dx = p.x(net.x[q1]) - p.x(net.x[q0]), dy = p.y(net.y[q1]) - p.y(net.y[q0]);
    const len = Math.hypot(dx, dy) || 1;
    point(p.x(net.x[q]) - (dy / len) * 2.5, p.y(net.y[q]) + (dx / len) * 2.5, q === a);
  }
}

// Air field, links (shifted right of their direction, as render draws them, so both
// directions show) and buses of one side, `f` holding the decoded frames.
export function drawStatic(ctx, p, net, f) {
  if (f.air && net.air) {
    // One pixel a cell, scaled up unsmoothed: no seams between cells, one draw call.
    const a = f.air, g = net.air, [lo, hi] = range(a.values, a.difference);
    const cells = new OffscreenCanvas(g.nx, g.ny), cctx = cells.getContext('2d');
    for (let j = 0; j < g.ny; j++) for (let i = 0; i < g.nx; i++) {
      cctx.fillStyle = colour(a.values[j * g.nx + i], lo, hi, a.difference);
      cctx.fillRect(i, g.ny - 1 - j, 1, 1);
    }
    ctx.globalAlpha = 0.55;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(cells, p.x(g.x0), p.y(g.y0 + g.ny * g.cell), g.nx * g.cell * p.s, g.ny * g.cell * p.s);
    ctx.globalAlpha = 1;
  }
  const lv = f.links ? f.links.values : null;
  const [lo, hi] = lv ? range(lv, f.links.difference) : [0, 1];
  ctx.lineWidth = 3;
  for (let k = 0; k < net.links; k++) {
    ctx.strokeStyle = lv ? colour(lv[k], lo, hi, f.links.difference) : '#999';
    ctx.beginPath();
    drawnLine(p, net, k, (X, Y, first) => { if (first) ctx.moveTo(X, Y); else ctx.lineTo(X, Y); });
    ctx.stroke();
  }
  if (f.buses && net.buses) {
    const b = f.buses, B = net.buses, [blo, bhi] = range(b.values, b.difference);
    ctx.lineWidth = 1; ctx.strokeStyle = '#000';
    for (let i = 0; i < B.ids.length; i++) {
      if (B.x[i] === null || B.y[i] === null) continue;
      ctx.fillStyle = colour(b.values[i], blo, bhi, b.difference);
      ctx.fillRect(p.x(B.x[i]) - 5, p.y(B.y[i]) - 5, 10, 10);
      ctx.strokeRect(p.x(B.x[i]) - 5, p.y(B.y[i]) - 5, 10, 10);
    }
  }
}

// viridis as 256 packed RGBA words (little-endian ImageData order).
const LUT = (() => {
  const lut = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const hex = VIRIDIS[Math.round((i / 255) * (VIRIDIS.length - 1))];
    const r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
    lut[i] = (255 << 24) | (b << 16) | (g << 8) | r;
  }
  return lut;
})();

let layer = null;   // offscreen canvas and its pixels, reused while the panel size holds
// Vehicles as squares coloured by speed over [0, hi] km/h; smaller squares when there are many.
export function drawVehicles(ctx, p, panel, pos, hi) {
  const w = Math.max(1, Math.floor(panel.w)), h = Math.max(1, Math.floor(panel.h));
  if (!layer || layer.canvas.width !== w || layer.canvas.height !== h) {
    const canvas = new OffscreenCanvas(w, h);
    const image = new ImageData(w, h);
    layer = { canvas, ctx: canvas.getContext('2d'), image, pixels: new Uint32Array(image.data.buffer) };
  }
  const px = layer.pixels;
  px.fill(0);
  const r = pos.count < 5000 ? 2 : pos.count < 200000 ? 1 : 0;
  for (let i = 0; i < pos.count; i++) {
    const cx = Math.round(p.x(pos.x[i]) - panel.x), cy = Math.round(p.y(pos.y[i]));
    if (cx < r || cy < r || cx >= w - r || cy >= h - r) continue;
    const c = LUT[Math.max(0, Math.min(255, Math.round((pos.speed[i] / hi) * 255))) | 0];
    for (let dy = -r; dy <= r; dy++) { const row = (cy + dy) * w + cx; for (let dx = -r; dx <= r; dx++) px[row + dx] = c; }
  }
  layer.ctx.putImageData(layer.image, 0, 0);
  ctx.drawImage(layer.canvas, panel.x, 0);
}

// What is under pixel (mx, my): a bus, else a link, else an air cell, else null.
export function hitTest(p, net, f, mx, my) {
  if (f.buses && net.buses) {
    const B = net.buses;
    for (let i = 0; i < B.ids.length; i++)
      if (B.x[i] !== null && Math.abs(p.x(B.x[i]) - mx) <= 6 && Math.abs(p.y(B.y[i]) - my) <= 6) return { kind: 'bus', index: i };
  }
  // The nearest link as drawn (a street's two directions are 5 px apart), within 6 px.
  let best = -1, bestD = 6;
  for (let k = 0; k < net.links; k++) {
    let ax = 0, ay = 0;
    drawnLine(p, net, k, (bx, by, first) => {
      if (!first) {
        const L = (bx - ax) ** 2 + (by - ay) ** 2;
        const u = L ? Math.max(0, Math.min(1, ((mx - ax) * (bx - ax) + (my - ay) * (by - ay)) / L)) : 0;
        const d = Math.hypot(mx - (ax + u * (bx - ax)), my - (ay + u * (by - ay)));
        if (d < bestD) { bestD = d; best = k; }
      }
      ax = bx; ay = by;
    });
  }
  if (best >= 0) return { kind: 'link', index: best };
  if (f.air && net.air) {
    const g = net.air, i = Math.floor((p.wx(mx) - g.x0) / g.cell), j = Math.floor((p.wy(my) - g.y0) / g.cell);
    if (i >= 0 && j >= 0 && i < g.nx && j < g.ny) return { kind: 'cell', i, j, index: j * g.nx + i };
  }
  return null;
}
