// SPDX-License-Identifier: MIT
// The page's engine gives the command line's figures: it loads the module a page carries,
// through the page's own loader (templates/whatif-engine.js), and compares its answers with
// mlroi's on every shipped scenario and twenty --set variants (evaluate JSON, text for text),
// Monte Carlo at 100,000 samples against --threads 1, the tornado's bars, the messages of
// refused values, the controls' ranges and the choices listed. Needs node only (no npm).
// Usage: node tests/page/engine_test.js path/to/mlroi page.html
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { execFileSync, spawnSync } = require('child_process');

const [bin, page] = process.argv.slice(2);
const root = path.join(__dirname, '..', '..');
let pass = 0, fail = 0;
function ok() { pass++; }
function ko(msg) { fail++; console.error('FAIL: ' + msg); }

function cli(args) {
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { rc: r.status, out: r.stdout, err: r.stderr };
}

// The engine as the page starts it: the loader from the template, the module from the page.
function loadEngine() {
  const html = fs.readFileSync(page, 'utf8');
  const m = /<script type="application\/octet-stream" id="mlroi-engine">([^<]*)<\/script>/.exec(html);
  if (!m || !m[1]) throw new Error(page + ': no engine in the page');
  // The module is gzip-compressed in the page: node's DecompressionStream opens it as the
  // browser's does.
  const ctx = { atob: (s) => Buffer.from(s, 'base64').toString('latin1'), WebAssembly,
                TextEncoder, TextDecoder, BigInt, Date, Uint8Array, DataView, Error,
                Blob, Response, DecompressionStream };
  vm.createContext(ctx);
  vm.runInContext(fs.readFileSync(path.join(root, 'templates', 'whatif-engine.js'), 'utf8') +
                  '\nthis.MlroiEngine = MlroiEngine;', ctx);
  return ctx.MlroiEngine.start(m[1]);
}

const scenarios = fs.readdirSync(path.join(root, 'scenarios'))
  .filter((f) => f.endsWith('.json') && f !== 'benchmarks.json' && f !== 'mlroi.schema.json')
  .sort().map((f) => 'scenarios/' + f);

// Twenty what-ifs across the sections, each as --set would take it.
const mid = 'scenarios/midmarket-fraud.json', tei = 'scenarios/tei-study.json';
const variants = [
  [mid, [['roi.team_size', '9']]],
  [mid, [['roi.avg_salary', '120000']]],
  [mid, [['roi.incident_reduction', '0.5']]],
  [mid, [['roi.avg_incident_cost', '40000'], ['roi.model_incidents_per_year', '7']]],
  [mid, [['business_case.discount_rate', '0.08']]],
  [mid, [['business_case.horizon_years', '5']]],
  [mid, [['business_case.benefit_risk', '0.35'], ['business_case.cost_risk', '0.25']]],
  [mid, [['business_case.lines[Compliance work avoided].annual', '65000']]],
  [mid, [['business_case.lines[MLOps team].risk', '0.3']]],
  [mid, [['business_case.lines[Running costs].scale', '1.5']]],
  [mid, [['tco.workloads[0].hours_per_month', '120']]],
  [mid, [['tco.workloads[3].instances', '2']]],
  [mid, [['tco.one_time[0].amount', '90000']]],
  [mid, [['team.data_scientists', '12'], ['team.production_models', '25']]],
  [mid, [['roi.mlops_time_to_prod_weeks', '5.5'], ['roi.models_per_year', '2']]],
  [mid, [['business_case.discounting', 'mid']]],
  [tei, [['business_case.discount_rate', '0.12']]],
  [tei, [['business_case.horizon_years', '3']]],
  ['scenarios/startup.json', [['roi.team_size', '3']]],
  ['scenarios/seed-quick-estimate.json', [['roi.avg_salary', '100000'], ['roi.team_size', '5']]],
];

function setArgs(sets) {
  const a = [];
  for (const [p, v] of sets) a.push('--set', p + '=' + v);
  return a;
}

function pick(obj, keys) {
  const o = {};
  for (const k of keys) o[k] = obj[k];
  return o;
}

loadEngine().then((engine) => {
  const texts = {};
  for (const f of scenarios) texts[f] = new Uint8Array(fs.readFileSync(path.join(root, f)));

  // 1. Every shipped scenario, then the twenty variants: the same text, byte for byte.
  const cases = scenarios.map((f) => [f, []]).concat(variants);
  for (const [f, sets] of cases) {
    const name = f + (sets.length ? ' ' + setArgs(sets).join(' ') : '');
    // The file's bytes, as the command line reads them.
    const load = engine.load(f, texts[f]);
    const set = engine.set(sets);
    const got = engine.evaluate();
    const want = cli(['evaluate', f, '--format', 'json'].concat(setArgs(sets)));
    if (load.rc !== 0 || set.rc !== 0 || got.rc !== 0) {
      ko(name + ': the engine refused it: ' + got.text);
    } else if (want.rc !== 0) {
      ko(name + ': mlroi refused it: ' + want.err);
    } else if (got.text + '\n' !== want.out) {
      ko(name + ': evaluate differs from mlroi evaluate --format json');
    } else {
      ok();
    }
  }

  // 2. Monte Carlo at 100,000 samples, the scenario's seed: the same figures as one thread.
  const mcKeys = ['samples', 'seed', 'method', 'metrics', 'p_npv_positive',
                  'p_payback_within_horizon', 'histogram'];
  const mcCases = [[mid, []], [tei, []], [mid, [['roi.avg_salary', '110000']]]];
  for (const [f, sets] of mcCases) {
    engine.load(f, texts[f]);
    engine.set(sets);
    const got = engine.montecarlo(100000);
    const want = cli(['montecarlo', f, '--samples', '100000', '--threads', '1', '--format',
                      'json'].concat(setArgs(sets)));
    if (got.rc !== 0 || want.rc !== 0) {
      ko(f + ': montecarlo failed: ' + got.text + want.err);
      continue;
    }
    const g = JSON.parse(got.text), w = JSON.parse(want.out);
    if (JSON.stringify(pick(g, mcKeys)) !== JSON.stringify(pick(w, mcKeys)))
      ko(f + ' ' + setArgs(sets).join(' ') + ': Monte Carlo differs from --threads 1');
    else if (Object.keys(w).some((k) => !mcKeys.includes(k)))
      ko(f + ': montecarlo prints keys this test does not compare');
    else
      ok();
  }

  // 2b. What drives the risk: the variance decomposition and the value of information, as
  //     montecarlo --sensitivity gives them at the same samples (the page uses 20,000).
  for (const [f, sets] of mcCases) {
    engine.load(f, texts[f]);
    engine.set(sets);
    const got = engine.drivers(20000);
    const want = cli(['montecarlo', f, '--samples', '20000', '--threads', '1', '--sensitivity',
                      '--format', 'json'].concat(setArgs(sets)));
    const keys = ['sensitivity', 'value_of_information'];
    if (got.rc !== 0 || want.rc !== 0) {
      ko(f + ': drivers failed: ' + got.text + want.err);
      continue;
    }
    const g = JSON.parse(got.text), w = JSON.parse(want.out);
    if (JSON.stringify(pick(g, keys)) !== JSON.stringify(pick(w, keys)) || !g.sensitivity)
      ko(f + ' ' + setArgs(sets).join(' ') + ': what drives the risk differs from --sensitivity');
    else
      ok();
  }

  // 3. The tornado's bars: the same inputs, values and NPVs as mlroi tornado.
  for (const f of [mid, tei]) {
    engine.load(f, texts[f]);
    engine.set([]);
    const got = engine.tornado();
    const want = cli(['tornado', f, '--format', 'json']);
    const strip = (bars) => bars.map((b) => [b.param, b.low_value, b.high_value, b.low, b.high,
                                             b.swing]);
    if (got.rc !== 0 || want.rc !== 0) {
      ko(f + ': tornado failed');
    } else if (JSON.stringify(strip(JSON.parse(got.text).bars)) !==
               JSON.stringify(strip(JSON.parse(want.out).bars))) {
      ko(f + ': tornado bars differ from mlroi tornado');
    } else {
      ok();
    }
  }

  // 4. A refused value gives the command line's message, never a figure.
  const refused = [[mid, [['roi.team_size', '-1']]], [mid, [['business_case.discount_rate', '2']]],
                   [mid, [['tco.workloads[9].instances', '1']]]];
  for (const [f, sets] of refused) {
    engine.load(f, texts[f]);
    engine.set(sets);
    const got = engine.evaluate();
    const want = cli(['evaluate', f, '--format', 'json'].concat(setArgs(sets)));
    let errors;
    try { errors = JSON.parse(got.text).errors; } catch (e) { errors = null; }
    const lines = want.err.split('\n').filter((l) => l);
    if (got.rc === 0 || !errors || want.rc === 0) {
      ko(setArgs(sets).join(' ') + ': not refused by both');
    } else if (JSON.stringify(errors.map((e) => 'mlroi: ' + e.text)) !== JSON.stringify(lines)) {
      ko(setArgs(sets).join(' ') + ': messages differ: ' + JSON.stringify(errors) + ' vs ' +
         JSON.stringify(lines));
    } else if (!errors[0].path) {
      ko(setArgs(sets).join(' ') + ': the message names no input');
    } else {
      ok();
    }
  }

  // 5. The controls: one for every input the tornado moves, each inside its allowed range.
  engine.load(mid, texts[mid]);
  engine.set([]);
  const inputs = JSON.parse(engine.inputs().text).inputs;
  const bars = JSON.parse(cli(['tornado', mid, '--format', 'json']).out).bars.map((b) => b.param);
  const missing = bars.filter((p) => !inputs.some((i) => i.path === p));
  if (missing.length) ko('no control for ' + missing.join(', '));
  else ok();
  const bad = inputs.filter((i) => !(i.lo <= i.value && i.value <= i.hi && i.lo >= i.min &&
                                     i.hi <= i.max && i.lo < i.hi));
  if (bad.length) ko('controls with a bad range: ' + bad.map((i) => i.path).join(', '));
  else ok();

  // 6. The choices: each one the scenario file sets, with its value there and its spellings.
  const choices = JSON.parse(engine.inputs().text).choices;
  const file = JSON.parse(fs.readFileSync(path.join(root, mid), 'utf8'));
  const disc = choices.find((c) => c.path === 'business_case.discounting');
  const region = choices.find((c) => c.path === 'organization.region');
  if (!disc || disc.value !== file.business_case.discounting || disc.options.join() !== 'end,mid') {
    ko('the discounting choice: ' + JSON.stringify(disc));
  } else ok();
  if (!region || region.value !== file.organization.region || !region.options.includes('EU')) {
    ko('the region choice: ' + JSON.stringify(region));
  } else ok();

  console.log('page engine: ' + pass + ' passed, ' + fail + ' failed');
  process.exit(fail ? 1 : 0);
}).catch((e) => {
  console.error('FAIL: ' + (e && e.stack || e));
  process.exit(1);
});
