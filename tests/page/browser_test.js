// SPDX-License-Identifier: MIT
// The what-if page in a real browser: Debian's chromium driven by puppeteer-core (which
// downloads no browser). The page opens from file:// with no network request and no console
// error; a slider moved from the keyboard, a number typed, a #set= link and a refused value
// give what `mlroi roi --set ...` gives; its command line, its downloaded scenario and its
// Monte Carlo agree with mlroi; screenshots at 1280 and 375 px go to OUTDIR.
// With --bench it prints the page's size and timings instead of checking them.
// Usage: node tests/page/browser_test.js path/to/mlroi OUTDIR [--bench]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const puppeteer = require(path.join(__dirname, '..', 'node_modules', 'puppeteer-core'));

const [bin, outdir, mode] = process.argv.slice(2);
const bench = mode === '--bench';
const root = path.join(__dirname, '..', '..');
const scenario = 'scenarios/midmarket-fraud.json';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlroi-page-'));
const file = path.join(tmp, 'plan.html');
const url = 'file://' + file;
let pass = 0, fail = 0;
function ok() { pass++; }
function ko(msg) { fail++; console.error('FAIL: ' + msg); }
function check(cond, msg) { if (cond) ok(); else ko(msg); }

function cli(args) {
  const r = spawnSync(path.resolve(bin), args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { rc: r.status, out: r.stdout, err: r.stderr };
}
function setArgs(sets) {
  const a = [];
  for (const [p, v] of sets) a.push('--set', p + '=' + v);
  return a;
}
// The risk-adjusted NPV mlroi gives with these overrides.
function cliNpv(sets, file_) {
  const r = cli(['roi', file_ || scenario, '--format', 'json'].concat(setArgs(sets)));
  if (r.rc !== 0) throw new Error('mlroi roi failed: ' + r.err);
  return JSON.parse(r.out).business_case.npv;
}

async function settle(page) {
  await page.waitForFunction(() => window.mlroiPage && (window.mlroiPage.ready || window.mlroiPage.failed),
                             { timeout: 20000 });
}
async function pageNpv(page) {
  const v = await page.$eval('#kpis', (e) => e.getAttribute('data-npv'));
  return v === '' ? null : Number(v);
}
async function controlId(page, p) {
  return page.$eval('.ctl[data-path="' + p + '"] input[type=number]', (e) => e.id);
}

(async () => {
  let r = cli(['report', scenario, '--html', file]);
  if (r.rc !== 0) throw new Error('mlroi report --html failed: ' + r.err);
  const size = fs.statSync(file).size;

  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const requests = [], consoleErrors = [];
  async function open(address, width, height) {
    const page = await browser.newPage();
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    page.on('request', (q) => { if (q.url().split('#')[0] !== url) requests.push(q.url()); });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    // Every layout shift (what moves on screen without the reader asking), from the start.
    await page.evaluateOnNewDocument(() => {
      window.layoutShifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.layoutShifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(address, { waitUntil: 'load' });
    await settle(page);
    return page;
  }

  try {
    const page = await open(url, 1280, 800);
    check(!(await page.evaluate(() => window.mlroiPage.failed)), 'the page engine did not start');
    await page.waitForFunction(() => window.mlroiPage.mcDone >= 1, { timeout: 20000 });

    if (bench) {
      // Each measure over fresh loads, best and median: the machine's load makes single
      // timings noisy. "After navigation" counts from the start of the navigation, which
      // includes what the browser does before any script runs; an empty page, loaded the
      // same way, shows that part alone.
      const LOADS = 9;
      const stats = (xs) => {
        const v = xs.slice().sort((a, b) => a - b);
        return { best: v[0], median: v[v.length >> 1] };
      };
      const fmt = (xs) => { const q = stats(xs); return 'best ' + q.best.toFixed(0) + ' ms, median ' + q.median.toFixed(0) + ' ms'; };
      const empty = path.join(tmp, 'empty.html');
      fs.writeFileSync(empty, '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>empty</title>' +
                       '</head><body><p>empty</p><script>window.scriptAt = performance.now();</script></body></html>');
      const emptyAt = [];
      for (let i = 0; i < LOADS; i++) {
        const e = await browser.newPage();
        await e.setViewport({ width: 1280, height: 800, deviceScaleFactor: 1 });
        await e.goto('file://' + empty, { waitUntil: 'load' });
        emptyAt.push(await e.evaluate(() => window.scriptAt));
        await e.close();
      }
      const loads = [];
      for (let i = 0; i < LOADS; i++) {
        const p1 = await open(url, 1280, 800);
        loads.push(await p1.evaluate(() => window.mlroiPage.timings));
        await p1.close();
      }
      const col = (f) => loads.map(f);
      // A slider move: the engine's answers and every chart redrawn, then the layout.
      const slider = await page.evaluate(() => {
        const c = document.querySelector('.ctl[data-path="roi.avg_incident_cost"] input[type=range]');
        const times = [], engine = [];
        for (let i = 0; i < 41; i++) {
          c.value = String(60000 + 1000 * (i % 10));
          const t0 = performance.now();
          c.dispatchEvent(new Event('input', { bubbles: true }));
          void document.body.offsetHeight;
          times.push(performance.now() - t0);
          engine.push(window.mlroiPage.lastEngine);
        }
        times.sort((a, b) => a - b);
        engine.sort((a, b) => a - b);
        return [times[20], engine[20]];
      });
      const mc = await page.evaluate(() => {
        const times = [];
        for (let i = 0; i < 5; i++) {
          window.mlroiPage.runMonteCarlo();
          times.push(window.mlroiPage.timings.mc);
        }
        times.sort((a, b) => a - b);
        return times[2];
      });
      console.log('page: ' + (size / 1024).toFixed(0) + ' KB (target < 500 KB)');
      console.log('page: ' + LOADS + ' loads at 1280 x 800 each; an empty page\'s script runs ' + fmt(emptyAt) +
                  ' after navigation (the browser\'s own part)');
      console.log('page: first figures (key figures and cash flows drawn) ' + fmt(col((x) => x.firstFigures)) +
                  ' after navigation');
      console.log('page: first figures ' + fmt(col((x) => x.firstFigures - x.script)) +
                  ' after the page\'s script started (target < 300 ms)');
      console.log('page: the frame after them ' + fmt(col((x) => x.painted - x.script)) +
                  ' after the script started; every control and the tornado ' + fmt(col((x) => x.ready - x.script)));
      console.log('page: script started ' + fmt(col((x) => x.script)) + ' after navigation; then, medians from the' +
                  ' script\'s start: module decoded ' + stats(col((x) => x.decoded - x.script)).median.toFixed(0) +
                  ' ms, engine started ' + stats(col((x) => x.engine - x.script)).median.toFixed(0) +
                  ' ms, inputs listed ' + stats(col((x) => x.inputs - x.script)).median.toFixed(0) +
                  ' ms, controls built ' + stats(col((x) => x.controls - x.script)).median.toFixed(0) + ' ms');
      console.log('page: slider move, every figure and chart updated: median ' + slider[0].toFixed(1) +
                  ' ms of 41, of which the engine ' + slider[1].toFixed(1) + ' ms (target < 16 ms)');
      console.log('page: Monte Carlo of 100,000 samples: median ' + mc.toFixed(0) + ' ms of 5 (target < 250 ms)');
      return;
    }

    // 0. The key figures and the cash flows come first, the controls and the tornado after.
    const tm = await page.evaluate(() => window.mlroiPage.timings);
    check(tm.script <= tm.decoded && tm.decoded <= tm.engine && tm.engine <= tm.firstFigures &&
          tm.firstFigures <= tm.controls && tm.controls <= tm.ready,
          'the page\'s steps are out of order: ' + JSON.stringify(tm));

    // 1. The scenario as written: mlroi's NPV.
    check(await pageNpv(page) === cliNpv([]), 'the page\'s NPV is not mlroi roi\'s');

    // 2. Every control is labelled and reachable from the keyboard.
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select')).filter(
      (i) => !(i.labels && i.labels.length) && !i.getAttribute('aria-label') || i.tabIndex < 0).length);
    check(unlabelled === 0, unlabelled + ' inputs without a label or out of the tab order');

    // 3. A slider moved from the keyboard: one step right, the NPV of --set.
    await page.focus('.ctl[data-path="roi.team_size"] input[type=range]');
    await page.keyboard.press('ArrowRight');
    const moved = await page.$eval('.ctl[data-path="roi.team_size"] input[type=number]', (e) => e.value);
    check(moved !== '6', 'the arrow key did not move the team size slider');
    check(await pageNpv(page) === cliNpv([['roi.team_size', moved]]),
          'after the slider: the NPV is not that of --set roi.team_size=' + moved);
    await page.waitForFunction((h) => location.hash === h, { timeout: 5000 },
                               '#set=roi.team_size=' + moved).then(ok, () => ko('the address does not follow the slider'));

    // 4. A number typed into a field.
    const rate = await controlId(page, 'business_case.discount_rate');
    await page.click('#' + rate, { clickCount: 3 });
    await page.keyboard.type('0.08');
    const sets = [['roi.team_size', moved], ['business_case.discount_rate', '0.08']];
    check(await pageNpv(page) === cliNpv(sets), 'after typing 0.08: the NPV is not that of --set');

    // 5. The command line and the downloaded scenario give the same NPV.
    const cmd = await page.$eval('#command', (e) => e.textContent);
    check(cmd === 'mlroi roi midmarket-fraud.json --set roi.team_size=' + moved +
          ' --set business_case.discount_rate=0.08', 'command line: ' + cmd);
    const changed = path.join(tmp, 'changed.json');
    fs.writeFileSync(changed, await page.evaluate(() => window.mlroiPage.scenarioText()));
    r = cli(['validate', changed]);
    check(r.rc === 0, 'the downloaded scenario does not validate: ' + r.err);
    check(r.rc === 0 && cliNpv([], changed) === await pageNpv(page),
          'the downloaded scenario gives another NPV');

    // The buttons themselves: no request, no error (what they give is checked just above).
    const cdp = await page.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: tmp });
    await page.click('#download');
    await page.click('#copy');
    const saved = path.join(tmp, 'midmarket-fraud-what-if.json');
    for (let i = 0; i < 40 && !fs.existsSync(saved); i++) await new Promise((res) => setTimeout(res, 100));
    check(fs.existsSync(saved) && fs.readFileSync(saved, 'utf8') === fs.readFileSync(changed, 'utf8'),
          'Download scenario saved no file, or not the changed scenario');

    // 6. Monte Carlo: P(NPV > 0) as mlroi montecarlo --threads 1 gives it for these inputs.
    await page.waitForFunction(() => !document.getElementById('mc-fig').classList.contains('pending'),
                               { timeout: 20000 });
    const p = await page.evaluate(() => window.mlroiPage.mc.p_npv_positive);
    r = cli(['montecarlo', scenario, '--samples', '100000', '--threads', '1', '--format', 'json']
            .concat(setArgs(sets)));
    check(r.rc === 0 && JSON.parse(r.out).p_npv_positive === p, 'P(NPV > 0) differs from montecarlo');

    // 6b. What drives the risk: the board's sentence as montecarlo --sensitivity words it.
    await page.waitForFunction(() => window.mlroiPage.drivers !== undefined &&
                               !document.getElementById('drivers-fig').classList.contains('pending'),
                               { timeout: 30000 });
    const sentence = await page.$eval('#voi-sentence', (e) => e.textContent);
    r = cli(['montecarlo', scenario, '--samples', '20000', '--threads', '1', '--sensitivity',
             '--format', 'json'].concat(setArgs(sets)));
    check(r.rc === 0 && sentence.startsWith(JSON.parse(r.out).value_of_information.sentence),
          'the value-of-information sentence differs from montecarlo --sensitivity: ' + sentence);

    // 7. A refused value: the engine's message beside the control, no figure, never NaN.
    const team = await controlId(page, 'roi.team_size');
    await page.click('#' + team, { clickCount: 3 });
    await page.keyboard.type('-1');
    const msg = await page.$eval('#' + team + '-e', (e) => e.textContent);
    check(msg === 'expected a number from 0 to 10000000, got -1', 'message beside the team size: ' + msg);
    check(await pageNpv(page) === null, 'an NPV is shown for a refused value');
    const text = await page.evaluate(() => document.body.innerText);
    check(!/NaN|undefined|Infinity/.test(text), 'the page shows NaN, undefined or Infinity');

    // 8. Reset: the scenario as written, an empty address.
    await page.click('#reset');
    check(await pageNpv(page) === cliNpv([]), 'reset does not give the scenario\'s NPV');
    await page.waitForFunction(() => location.hash === '', { timeout: 5000 })
      .then(ok, () => ko('reset leaves the address with changes'));

    // 8b. A choice (discounting mid-year) from its select: the NPV, the command line, the
    // address and the downloaded scenario of --set business_case.discounting=mid.
    const disc = '.ctl[data-path="business_case.discounting"] select';
    check(await page.$eval(disc, (e) => e.value) === 'end', 'the discounting select does not show "end"');
    await page.select(disc, 'mid');
    const midSet = [['business_case.discounting', 'mid']];
    check(cliNpv(midSet) !== cliNpv([]), 'discounting mid-year gives the same NPV (the check would prove nothing)');
    check(await pageNpv(page) === cliNpv(midSet), 'after the discounting select: the NPV is not that of --set');
    check(await page.$eval('#command', (e) => e.textContent) ===
          'mlroi roi midmarket-fraud.json --set business_case.discounting=mid', 'command line after the select');
    await page.waitForFunction(() => location.hash === '#set=business_case.discounting=mid', { timeout: 5000 })
      .then(ok, () => ko('the address does not follow the discounting select'));
    fs.writeFileSync(changed, await page.evaluate(() => window.mlroiPage.scenarioText()));
    r = cli(['validate', changed]);
    check(r.rc === 0 && cliNpv([], changed) === cliNpv(midSet),
          'the downloaded scenario with mid-year discounting does not validate or gives another NPV');
    await page.click('#reset');
    check(await page.$eval(disc, (e) => e.value) === 'end' && await pageNpv(page) === cliNpv([]),
          'reset does not bring the discounting select back');

    // 9. Print: the controls and buttons stay off paper.
    await page.emulateMediaType('print');
    check(await page.$eval('#controls', (e) => getComputedStyle(e).display) === 'none',
          'the print stylesheet shows the controls');
    await page.emulateMediaType('screen');
    await page.close();

    // 10. A what-if link opens with its changes applied.
    const link = [['roi.team_size', '9'], ['business_case.lines[Compliance work avoided].annual', '65000']];
    const hash = '#set=' + link.map(([k, v]) => encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']') +
                                    '=' + v).join('&');
    const linked = await open(url + hash, 1280, 800);
    check(await pageNpv(linked) === cliNpv(link), 'the #set= link does not give the NPV of --set');
    check(await linked.$eval('.ctl[data-path="roi.team_size"] input[type=number]', (e) => e.value) === '9',
          'the #set= link does not show its value in the control');
    await linked.close();

    // 10a. A link with a value the engine refuses: its message beside the control once the
    // controls are built, no figure.
    const refusedLink = await open(url + '#set=roi.team_size=-1', 1280, 800);
    check(await refusedLink.$eval('.ctl[data-path="roi.team_size"] .err', (e) => e.textContent) ===
          'expected a number from 0 to 10000000, got -1', 'the refused value of a link is not beside its control');
    check(await pageNpv(refusedLink) === null, 'an NPV is shown for a link\'s refused value');
    await refusedLink.close();

    // 10b. A link that changes a choice: the select shows it, the NPV is that of --set.
    const region = [['organization.region', 'EU'], ['business_case.discounting', 'mid']];
    const linked2 = await open(url + '#set=' + region.map(([k, v]) => k + '=' + v).join('&'), 1280, 800);
    check(await pageNpv(linked2) === cliNpv(region), 'the #set= link with choices does not give the NPV of --set');
    check(await linked2.$eval('.ctl[data-path="organization.region"] select', (e) => e.value) === 'EU',
          'the #set= link does not show its region in the select');
    await linked2.close();

    // 11. Every shipped scenario's page opens with mlroi's figures (or says it has no case).
    for (const f of fs.readdirSync(path.join(root, 'scenarios')).sort()) {
      if (!f.endsWith('.json') || f === 'benchmarks.json' || f === 'mlroi.schema.json') continue;
      const one = path.join(tmp, f.replace(/\.json$/, '.html'));
      r = cli(['report', 'scenarios/' + f, '--html', one]);
      if (r.rc !== 0) { ko(f + ': report --html failed: ' + r.err); continue; }
      const p2 = await browser.newPage();
      p2.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(f + ': ' + m.text()); });
      p2.on('pageerror', (e) => consoleErrors.push(f + ': ' + String(e)));
      p2.on('request', (q) => { if (q.url().split('#')[0] !== 'file://' + one) requests.push(q.url()); });
      await p2.goto('file://' + one, { waitUntil: 'load' });
      await settle(p2);
      const want = JSON.parse(cli(['evaluate', 'scenarios/' + f, '--format', 'json']).out);
      const npv = await pageNpv(p2);
      if (want.business_case) check(npv === want.business_case.npv, f + ': the page\'s NPV is not mlroi\'s');
      else check(npv === null, f + ': an NPV without a business case');
      const body = await p2.evaluate(() => document.body.innerText);
      check(!/NaN|undefined|Infinity/.test(body), f + ': the page shows NaN, undefined or Infinity');
      // Its command line runs and gives the page's NPV.
      const words = (await p2.$eval('#command', (e) => e.textContent)).split(' ');
      const run = cli([words[1], 'scenarios/' + f, '--format', 'json']);
      check(run.rc === 0 && (JSON.parse(run.out).business_case || {}).npv === (npv === null ? undefined : npv),
            f + ': its command line (' + words.slice(0, 3).join(' ') + ') does not give its NPV');
      await p2.close();
    }

    // 12. Screenshots at a laptop's 1280 x 800 and a phone's 375 px.
    fs.mkdirSync(outdir, { recursive: true });
    for (const [w, h, name] of [[1280, 800, 'whatif-1280.png'], [375, 812, 'whatif-375.png']]) {
      const shot = await open(url, w, h);
      await shot.waitForFunction(() => window.mlroiPage.mcDone >= 1, { timeout: 20000 });
      const wide = await shot.evaluate(() => document.documentElement.scrollWidth);
      check(wide <= w, 'at ' + w + ' px the page is ' + wide + ' px wide');
      await shot.screenshot({ path: path.join(outdir, name) });
      // Nothing jumps while the figures, the controls and the charts come in: the layout
      // shifts add up to less than 0.1, what web performance guides call good.
      await shot.waitForFunction(() => window.mlroiPage.drivers !== undefined, { timeout: 30000 });
      const shift = await shot.evaluate(() => window.layoutShifts.reduce((a, b) => a + b, 0));
      check(shift < 0.1, 'at ' + w + ' px the layout shifts add up to ' + shift.toFixed(3));
      await shot.close();
    }

    check(requests.length === 0, 'network requests: ' + requests.join(' '));
    check(consoleErrors.length === 0, 'console errors: ' + consoleErrors.join(' | '));
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!bench) console.log('page in chromium: ' + pass + ' passed, ' + fail + ' failed');
  process.exit(fail ? 1 : 0);
})().catch((e) => {
  console.error('FAIL: ' + (e && e.stack || e));
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
});
