// citytwin view: the time-series charts beside the map (/api/series), one small canvas each,
// over the same time range as the slider, with a cursor at the clock's time. The base run's
// series, with --compare, is the dashed line. A click on a chart sets the time.

function extent(values, more) {
  let lo = Infinity, hi = -Infinity;
  for (const list of [values, more || []]) for (const v of list) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!Number.isFinite(lo)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}

function line(ctx, times, values, x, y) {
  ctx.beginPath();
  let open = false;
  for (let i = 0; i < times.length; i++) {
    if (values[i] === null) { open = false; continue; }
    if (open) ctx.lineTo(x(times[i]), y(values[i])); else ctx.moveTo(x(times[i]), y(values[i]));
    open = true;
  }
  ctx.stroke();
}

function nearestValue(times, values, t) {
  let best = -1;
  for (let i = 0; i < times.length; i++) if (best < 0 || Math.abs(times[i] - t) < Math.abs(times[best] - t)) best = i;
  return best < 0 ? null : values[best];
}

export class KpiCharts {
  // `onPick(t)` is called with the time clicked.
  constructor(box, series, t0, t1, onPick) {
    this.t0 = t0; this.t1 = t1 > t0 ? t1 : t0 + 1;
    this.charts = series.map((s) => {
      const canvas = document.createElement('canvas');
      canvas.dataset.series = s.name;
      canvas.title = `${s.label} (${s.units})`;
      box.appendChild(canvas);
      canvas.addEventListener('click', (ev) => onPick(this.t0 + (ev.offsetX / canvas.clientWidth) * (this.t1 - this.t0)));
      return { s, canvas };
    });
  }

  draw(t) {
    for (const { s, canvas } of this.charts) {
      const w = canvas.clientWidth, h = canvas.clientHeight;
      if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
      const ctx = canvas.getContext('2d');
      ctx.clearRect(0, 0, w, h);
      const top = 18, bottom = h - 4, [lo, hi] = extent(s.values, s.base_values);
      const x = (tt) => ((tt - this.t0) / (this.t1 - this.t0)) * w;
      const y = (v) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
      ctx.strokeStyle = '#ccc'; ctx.lineWidth = 1; ctx.strokeRect(0.5, top - 0.5, w - 1, bottom - top + 1);
      if (s.base_values) { ctx.strokeStyle = '#888'; ctx.setLineDash([4, 3]); line(ctx, s.base_times, s.base_values, x, y); ctx.setLineDash([]); }
      ctx.strokeStyle = '#31688e'; ctx.lineWidth = 1.5; line(ctx, s.times, s.values, x, y);
      ctx.strokeStyle = '#d6604d'; ctx.lineWidth = 1; ctx.beginPath(); ctx.moveTo(x(t) + 0.5, top); ctx.lineTo(x(t) + 0.5, bottom); ctx.stroke();
      const v = nearestValue(s.times, s.values, t);
      ctx.fillStyle = '#000'; ctx.font = '11px system-ui';
      ctx.fillText(`${s.label}: ${v === null ? '–' : Number(v.toPrecision(4))} ${s.units}`, 2, 12);
      ctx.fillStyle = '#666'; ctx.font = '10px system-ui'; ctx.textAlign = 'right';
      ctx.fillText(Number(hi.toPrecision(3)), w - 3, top + 10);
      ctx.fillText(Number(lo.toPrecision(3)), w - 3, bottom - 2);
      ctx.textAlign = 'left';
    }
  }
}
