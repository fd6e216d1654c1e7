// citytwin view: the page's side of the API. JSON for what is read once (meta, network,
// series); frames in the binary layout of viz/view_frame_binary.hpp, viewed as typed arrays
// straight over the answer's bytes.
const MAGIC = 0x46565443;   // "CTVF", read little-endian
const HEADER = 32;

export async function getJson(path) {
  const r = await fetch(path);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

export function decodeFrame(buf) {
  const v = new DataView(buf);
  if (buf.byteLength < HEADER || v.getUint32(0, true) !== MAGIC) throw new Error('not a citytwin frame answer');
  const version = v.getUint32(4, true), kind = v.getUint32(8, true), n = v.getUint32(12, true);
  if (version !== 1) throw new Error(`frame layout version ${version}; this page reads version 1`);
  const f = { kind, count: n, time: v.getFloat64(16, true), frame: v.getUint32(24, true), difference: (v.getUint32(28, true) & 1) === 1 };
  const columns = kind === 1 ? 1 : kind === 2 ? 5 : 0;
  if (!columns || buf.byteLength !== HEADER + columns * 4 * n) throw new Error(`frame answer of ${buf.byteLength} bytes: not kind 1 or 2 with ${n} rows`);
  const at = (c) => HEADER + c * 4 * n;
  if (kind === 1) {
    f.values = new Float32Array(buf, at(0), n);
  } else {
    f.x = new Float32Array(buf, at(0), n); f.y = new Float32Array(buf, at(1), n); f.speed = new Float32Array(buf, at(2), n);
    f.id = new Int32Array(buf, at(3), n); f.type = new Int32Array(buf, at(4), n);
  }
  return f;
}

// Recent answers by URL, oldest dropped first: vehicle frames are large (20 bytes a vehicle),
// so fewer of them are kept.
const caches = { values: new Map(), vehicles: new Map() };
const LIMITS = { values: 48, vehicles: 6 };

export function getFrame(path, which) {
  const cache = caches[which];
  if (cache.has(path)) {
    const hit = cache.get(path);
    cache.delete(path); cache.set(path, hit);
    return hit;
  }
  const answer = fetch(path).then(async (r) => {
    if (!r.ok) {
      const body = await r.json().catch(() => ({}));
      throw new Error(body.error || r.statusText);
    }
    return decodeFrame(await r.arrayBuffer());
  });
  answer.catch(() => cache.delete(path));
  cache.set(path, answer);
  while (cache.size > LIMITS[which]) cache.delete(cache.keys().next().value);
  return answer;
}
