// Vehicles between two frames: matched by trip id, each moved along the straight line from
// its position in the first frame to that in the second, at the fraction of the interval the
// clock has reached. A vehicle in one frame only shows in the half of the interval nearer it.

// Which row of `b` each row of `a` is (-1: not in b), and which rows of `b` are in `a`.
export function pairFrames(a, b) {
  const toB = new Int32Array(a.count).fill(-1), inA = new Uint8Array(b.count);
  let maxId = -1;
  for (let j = 0; j < b.count; j++) if (b.id[j] > maxId) maxId = b.id[j];
  const lookup = maxId <= 4 * (a.count + b.count) + 1000000 ? new Int32Array(maxId + 1).fill(-1) : new Map();
  for (let j = 0; j < b.count; j++) {
    const id = b.id[j];
    if (id < 0) continue;
    if (lookup instanceof Map) lookup.set(id, j); else lookup[id] = j;
  }
  for (let i = 0; i < a.count; i++) {
    const id = a.id[i];
    const j = lookup instanceof Map ? (lookup.get(id) ?? -1) : id >= 0 && id <= maxId ? lookup[id] : -1;
    toB[i] = j;
    if (j >= 0) inA[j] = 1;
  }
  return { a, b, toB, inA };
}

// Arrays for up to `n` positions, reused while they are large enough.
let scratch = null;
function buffers(n) {
  if (!scratch || scratch.x.length < n) scratch = { x: new Float32Array(n), y: new Float32Array(n), speed: new Float32Array(n), index: new Int32Array(n), fromB: new Uint8Array(n) };
  return scratch;
}

// Positions at fraction f (0: frame a, 1: frame b). `index`/`fromB` say which row of which
// frame each position is (for hover).
export function positionsAt(pair, f) {
  const { a, b, toB, inA } = pair;
  const out = buffers(a.count + b.count);
  let n = 0;
  for (let i = 0; i < a.count; i++) {
    const j = toB[i];
    if (j < 0 && f >= 0.5) continue;
    const g = j < 0 ? 0 : f;
    const bx = j < 0 ? a.x[i] : b.x[j], by = j < 0 ? a.y[i] : b.y[j], bs = j < 0 ? a.speed[i] : b.speed[j];
    out.x[n] = a.x[i] + (bx - a.x[i]) * g; out.y[n] = a.y[i] + (by - a.y[i]) * g; out.speed[n] = a.speed[i] + (bs - a.speed[i]) * g;
    out.index[n] = i; out.fromB[n] = 0; n++;
  }
  if (f >= 0.5) {
    for (let j = 0; j < b.count; j++) {
      if (inA[j]) continue;
      out.x[n] = b.x[j]; out.y[n] = b.y[j]; out.speed[n] = b.speed[j]; out.index[n] = j; out.fromB[n] = 1; n++;
    }
  }
  return { ...out, count: n };
}

// The frames around time t on the axis `times`: [k, k + 1, fraction], clamped at the ends.
export function bracket(times, t) {
  if (!times.length) return null;
  if (t <= times[0]) return [0, 0, 0];
  const last = times.length - 1;
  if (t >= times[last]) return [last, last, 0];
  let lo = 0, hi = last;
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (times[mid] <= t) lo = mid; else hi = mid; }
  return [lo, hi, (t - times[lo]) / (times[hi] - times[lo])];
}
