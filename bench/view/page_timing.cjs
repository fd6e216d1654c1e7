// The page's side of `citytwin view` on a file of bench_view_file (vehicle frames 10 s apart),
// in the system's headless Chromium through puppeteer-core (tests/viz/browser/node_modules,
// installed by scripts/setup; bench/view-latency sets NODE_PATH to it).
//   node page_timing.cjs CHROMIUM URL FRAMES
// Prints two lines: the time from moving the slider into a new pair of frames until the map
// shows it (two binary answers fetched and decoded, their vehicles matched by trip id, drawn),
// and the time of one redraw within a pair (the animation's cost per frame: each vehicle placed
// between its two positions and written as pixels), ms, median and max.
const puppeteer = require('puppeteer-core');

const [chromium, url, framesArg] = process.argv.slice(2);
const frames = Number(framesArg);

const stats = (ms) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1).padStart(7)} ms  max ${s[s.length - 1].toFixed(1).padStart(7)} ms  (${s.length})`;
};

(async () => {
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'], defaultViewport: { width: 1400, height: 900 } });
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${url}#links=&vehicles=true&t=10`, { waitUntil: 'networkidle0', timeout: 120000 });
  await page.waitForFunction(() => Number(document.body.dataset.drawn || 0) > 0, { timeout: 120000 });
  // Into each next pair: from the slider's input event to the draw that has the pair.
  const pairs = [];
  for (let k = 1; k + 1 < frames; k++) {
    pairs.push(await page.evaluate((t) => new Promise((done) => {
      const slider = document.getElementById('time'), before = Number(document.body.dataset.drawn || 0);
      const t0 = performance.now();
      const watch = new MutationObserver(() => {
        if (Number(document.body.dataset.drawn || 0) > before) { watch.disconnect(); done(performance.now() - t0); }
      });
      watch.observe(document.body, { attributes: true, attributeFilter: ['data-drawn'] });
      slider.value = t;
      slider.dispatchEvent(new Event('input'));
    }), 10 * (k + 1) + 5));
  }
  // Redraws within the last pair, one a second of simulated time: paint runs inside the
  // input event once both frames are in.
  const redraws = await page.evaluate((t0) => {
    const slider = document.getElementById('time'), out = [];
    for (let s = 1; s < 10; s++) {
      slider.value = t0 + s;
      const a = performance.now();
      slider.dispatchEvent(new Event('input'));
      out.push(performance.now() - a);
    }
    return out;
  }, 10 * (frames - 1));
  const vehicles = await page.evaluate(() => Number(document.body.dataset.vehicles || 0));
  console.log(`  page: into a new pair of frames     ${stats(pairs)}`);
  console.log(`  page: a redraw within a pair        ${stats(redraws)}  ${vehicles} vehicles drawn`);
  if (problems.length) console.log(`  page errors: ${problems.join('; ')}`);
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
