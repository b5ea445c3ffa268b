/* SPDX-License-Identifier: MIT */
/* The what-if page: a control per input, the key figures, the cash flows, the tornado and the
 * Monte Carlo histogram, every figure asked of the engine (whatif-engine.js) with the changed
 * inputs as --set overrides. The page's address keeps the changes (#set=PATH=VALUE&...), so a
 * view can be shared as a link. */
(function () {
  'use strict';
  var MC_SAMPLES = 100000;
  /* The variance decomposition's base samples: (inputs + 2) x this many evaluations. */
  var DRIVER_SAMPLES = 20000;
  var SVGNS = 'http://www.w3.org/2000/svg';
  /* In the charts' place when there is no NPV: a chart's empty box holds its room. */
  var NO_CASE = 'Without a business case there is no NPV to show here.';
  var $ = function (id) { return document.getElementById(id); };
  var page = window.mlroiPage = {
    timings: { script: performance.now() },
    ready: false,
    mcDone: 0,
    errors: []
  };
  /* The module compiles off this thread while the page reads its data. */
  var compiled;
  try {
    compiled = MlroiEngine.compile($('mlroi-engine').textContent);
  } catch (err) {
    compiled = Promise.reject(err);
  }
  page.timings.decoded = performance.now();
  var data = JSON.parse($('mlroi-data').textContent);
  var bytes = MlroiEngine.decodeBase64(data.scenario);
  var scenarioText = null;   /* decoded when the scenario is first written out */
  var engine = null, inputs = [], choices = [], byPath = {}, controls = {}, over = [], currency = '', symbol = '';
  /* Symbols of the common currencies; any other is written by its code. (Intl's formatter
   * would do, but building one costs the first figures about 0.1 s.) */
  var SYMBOLS = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CHF: 'CHF ', CAD: 'CA$', AUD: 'A$', INR: '₹' };
  var mcTimer = 0, driversTimer = 0, lastHash = '', addressTimer = 0, drawn = false;
  /* `roi` shows the case; a scenario without the quick estimate's inputs needs `evaluate`. */
  var command = 'roi';

  /* ---------- formatting ---------- */

  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function withCurrency(sign, digits) {
    return sign + (symbol ? symbol + digits : digits + ' ' + currency);
  }
  function fmtMoney(v) {
    if (v === null || v === undefined || !isFinite(v)) return 'n/a';
    var r = Math.round(v);
    return withCurrency(r < 0 ? '−' : '', grouped(Math.abs(r)));
  }
  function fmtCompact(v) {
    if (!isFinite(v)) return '';
    var a = Math.abs(v), s = v < 0 ? '−' : '', sym = symbol;
    if (a >= 1e9) return s + sym + trim(a / 1e9) + 'B';
    if (a >= 1e6) return s + sym + trim(a / 1e6) + 'M';
    if (a >= 1e3) return s + sym + trim(a / 1e3) + 'k';
    return s + sym + Math.round(a);
  }
  function trim(x) {
    var s = x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
    return s.indexOf('.') < 0 ? s : s.replace(/0+$/, '').replace(/\.$/, '');
  }
  function fmtPct(v, digits) {
    return v === null || !isFinite(v) ? 'n/a' : v.toFixed(digits === undefined ? 1 : digits) + ' %';
  }
  function fmtMonths(m) {
    if (m === null || !isFinite(m)) return 'not within the horizon';
    if (m < 1) return 'within the first month';
    return m.toFixed(1) + ' months';
  }
  function fmtValue(v) { return String(Number(v.toPrecision(12))); }

  /* ---------- overrides, the address and the command line ---------- */

  function overIndex(path) {
    for (var i = 0; i < over.length; i++) if (over[i][0] === path) return i;
    return -1;
  }
  function setOver(path, value) {
    var i = overIndex(path), inp = byPath[path];
    if (inp && value === (inp.options ? inp.value : fmtValue(inp.value)) && !baseHas(path)) {
      if (i >= 0) over.splice(i, 1);
      return;
    }
    if (i >= 0) over[i][1] = value;
    else over.push([path, value]);
  }
  function baseHas(path) {
    return data.set.some(function (s) { return s[0] === path; });
  }
  function encodePart(s) {
    return encodeURIComponent(s).replace(/%5B/g, '[').replace(/%5D/g, ']');
  }
  function hashOf(list) {
    return list.length ? '#set=' + list.map(function (o) {
      return encodePart(o[0]) + '=' + encodePart(o[1]);
    }).join('&') : '';
  }
  function parseHash(hash) {
    var m = /^#set=(.*)$/.exec(hash || '');
    if (!m) return null;
    var list = [];
    m[1].split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq <= 0) return;
      try {
        list.push([decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))]);
      } catch (e) { /* a broken escape: that pair is left out */ }
    });
    return list;
  }
  function shellQuote(s) {
    return /^[A-Za-z0-9_.,:\/=+-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'";
  }
  function commandLine() {
    return ['mlroi', command, shellQuote(data.name)].concat(over.map(function (o) {
      return '--set ' + shellQuote(o[0] + '=' + o[1]);
    })).join(' ');
  }

  /* The scenario with the changes written in, as --set applies them: [NAME] picks the entry of
   * that name, [N] the Nth, and a dotted run of words may name one key ("gpu.a100.training"). */
  function applyPath(root, path, value) {
    var parts = [], re = /([^.\[\]]+)|\[([^\]]*)\]/g, m;
    while ((m = re.exec(path)) !== null) parts.push(m[1] !== undefined ? { key: m[1] } : { sel: m[2] });
    var cur = root;
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i], last = i === parts.length - 1;
      if (p.sel !== undefined) {
        if (!Array.isArray(cur)) return false;
        var k = /^\d+$/.test(p.sel) ? Number(p.sel) : cur.findIndex(function (e) { return e && e.name === p.sel; });
        if (k < 0 || k >= cur.length) return false;
        if (last) { cur[k] = value; return true; }
        cur = cur[k];
        continue;
      }
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return false;
      var key = p.key, j = i;
      for (var run = p.key, n = i + 1; n < parts.length && parts[n].key !== undefined; n++) {
        run += '.' + parts[n].key;
        if (Object.prototype.hasOwnProperty.call(cur, run)) { key = run; j = n; }
      }
      i = j;
      if (i === parts.length - 1) {
        if (value === null) delete cur[key];
        else cur[key] = value;
        return true;
      }
      if (!Object.prototype.hasOwnProperty.call(cur, key)) cur[key] = {};
      cur = cur[key];
    }
    return false;
  }
  function changedScenario() {
    if (scenarioText === null) scenarioText = new TextDecoder().decode(bytes);
    var root = JSON.parse(scenarioText);
    over.forEach(function (o) {
      var v;
      try { v = JSON.parse(o[1]); } catch (e) { v = o[1]; }
      applyPath(root, o[0], v);
    });
    return JSON.stringify(root, null, 2) + '\n';
  }
  page.scenarioText = changedScenario;
  page.commandLine = commandLine;

  /* ---------- SVG ---------- */

  function el(tag, attrs, parent, text) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  /* An HTML element (el makes SVG ones). */
  function hel(tag, attrs, parent, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function chart(box, w, h, label) {
    box.textContent = '';
    var s = el('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': label,
                        preserveAspectRatio: 'xMidYMid meet' }, box);
    el('title', {}, s, label);
    return s;
  }
  /* Charts are drawn at their box's width, so that their text keeps its size. */
  var widths = {};
  function measure() {
    ['cashflow', 'tornado', 'mc'].forEach(function (id) { widths[id] = $(id).clientWidth; });
  }
  function width(box) { return Math.max(300, Math.round(widths[box.id] || box.clientWidth || 640)); }
  function niceStep(span, count) {
    var raw = span / Math.max(count, 1), p = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / p;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
  }
  function ticks(lo, hi, count) {
    if (!(hi > lo)) { hi = lo + 1; }
    var step = niceStep(hi - lo, count), out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }

  function drawCashflow(bc) {
    var box = $('cashflow'), W = width(box), H = 260, L = 64, R = 16, T = 34, B = 30;
    var ys = bc.years, lo = 0, hi = 0;
    ys.forEach(function (y) {
      lo = Math.min(lo, -y.costs, y.cumulative_net);
      hi = Math.max(hi, y.benefits, y.cumulative_net);
    });
    var st = niceStep(hi - lo || 1, 5);
    lo = Math.floor(lo / st) * st; hi = Math.ceil(hi / st) * st;
    var tk = ticks(lo, hi, 5);
    var s = chart(box, W, H, 'Cash flows by year: benefits, costs and cumulative net');
    var y = function (v) { return T + (hi - v) / (hi - lo) * (H - T - B); };
    var slot = (W - L - R) / ys.length, bw = Math.min(28, slot * 0.3);
    tk.forEach(function (v) {
      el('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }, s);
      el('text', { x: L - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, s, fmtCompact(v));
    });
    var pts = [];
    ys.forEach(function (yr, i) {
      var cx = L + slot * (i + 0.5);
      el('rect', { x: cx - bw - 1, y: y(yr.benefits), width: bw, height: Math.max(0, y(0) - y(yr.benefits)), class: 'benefit' }, s)
        .appendChild(el('title', {}, null, 'Year ' + yr.year + ' benefits ' + fmtMoney(yr.benefits)));
      el('rect', { x: cx + 1, y: y(0), width: bw, height: Math.max(0, y(-yr.costs) - y(0)), class: 'cost' }, s)
        .appendChild(el('title', {}, null, 'Year ' + yr.year + ' costs ' + fmtMoney(yr.costs)));
      el('text', { x: cx, y: H - 12, class: 'tick', 'text-anchor': 'middle' }, s, 'Year ' + yr.year);
      pts.push(cx + ',' + y(yr.cumulative_net));
    });
    el('polyline', { points: pts.join(' '), class: 'cumulative' }, s);
    ys.forEach(function (yr, i) {
      el('circle', { cx: L + slot * (i + 0.5), cy: y(yr.cumulative_net), r: 3.5, class: 'cumulative-dot' }, s)
        .appendChild(el('title', {}, null, 'Cumulative net after year ' + yr.year + ': ' + fmtMoney(yr.cumulative_net)));
    });
    var x0 = W < 500 ? 8 : L + 8, lg = el('g', { class: 'legend' }, s), gap = Math.min(120, (W - x0 - 8) / 3);
    [['benefit', 'Benefits'], ['cost', 'Costs'], ['cumulative-dot', 'Cumulative net']].forEach(function (l, i) {
      el('rect', { x: x0 + i * gap, y: 4, width: 10, height: 10, class: l[0] }, lg);
      el('text', { x: x0 + 14 + i * gap, y: 13, class: 'tick' }, lg, l[1]);
    });
  }

  function drawTornado(t) {
    var box = $('tornado');
    var bars = t.bars.filter(function (b) { return b.swing !== null; }).slice(0, 10);
    if (!bars.length) { box.textContent = 'No input moves the NPV.'; return; }
    var W = width(box), rowH = 24, T = 8, B = 24, L = Math.min(230, W * 0.34), R = Math.min(150, W * 0.3), H = T + B + rowH * bars.length;
    var lo = t.base, hi = t.base;
    bars.forEach(function (b) { lo = Math.min(lo, b.low, b.high); hi = Math.max(hi, b.low, b.high); });
    var pad = (hi - lo) * 0.02 || 1; lo -= pad; hi += pad;
    var s = chart(box, W, H, 'Tornado: the NPV with each input at its low and its high value');
    var x = function (v) { return L + (v - lo) / (hi - lo) * (W - L - R); };
    ticks(lo, hi, 4).forEach(function (v) {
      el('line', { x1: x(v), x2: x(v), y1: T, y2: H - B, class: 'grid' }, s);
      el('text', { x: x(v), y: H - 8, class: 'tick', 'text-anchor': 'middle' }, s, fmtCompact(v));
    });
    bars.forEach(function (b, i) {
      var yy = T + i * rowH, a = Math.min(b.low, b.high), z = Math.max(b.low, b.high);
      var c = controls[b.param], name = c ? c.input.label : b.label;
      name = name.charAt(0).toUpperCase() + name.slice(1);
      var room = Math.floor(L / 6.2), label = name.length > room ? name.slice(0, room - 1) + '…' : name;
      el('text', { x: L - 8, y: yy + rowH / 2 + 4, class: 'label', 'text-anchor': 'end' }, s, label)
        .appendChild(el('title', {}, null, b.param));
      var g = el('g', {}, s);
      el('title', {}, g, name + ': ' + fmtValue(b.low_value) + ' gives ' + fmtMoney(b.low) + ', ' +
         fmtValue(b.high_value) + ' gives ' + fmtMoney(b.high));
      el('rect', { x: x(Math.min(a, t.base)), y: yy + 4, width: Math.max(0, x(t.base) - x(a)), height: rowH - 8, class: 'down' }, g);
      el('rect', { x: x(t.base), y: yy + 4, width: Math.max(0, x(z) - x(Math.max(t.base, a))), height: rowH - 8, class: 'up' }, g);
      el('text', { x: W - R + 8, y: yy + rowH / 2 + 4, class: 'tick' }, s, fmtCompact(a) + ' to ' + fmtCompact(z));
    });
    el('line', { x1: x(t.base), x2: x(t.base), y1: T - 4, y2: H - B, class: 'axis' }, s);
  }

  function drawHistogram(mc) {
    var box = $('mc'), W = width(box), H = 230, L = 16, R = 16, T = 14, B = 40;
    var h = mc.core_histogram, n = h.counts.length;
    var bins = h.counts.map(function (c, i) { return { a: h.edges[i], b: h.edges[i + 1], c: c }; });
    var tails = (h.tail_low ? 1 : 0) + (h.tail_high ? 1 : 0);
    var slots = n + tails * 1.5, slot = (W - L - R) / slots, max = 1;
    bins.forEach(function (b) { max = Math.max(max, b.c); });
    max = Math.max(max, h.tail_low, h.tail_high);
    var s = chart(box, W, H, 'Monte Carlo histogram of the NPV');
    var y = function (c) { return T + (1 - c / max) * (H - T - B); };
    var x0 = L + (h.tail_low ? slot * 1.5 : 0);
    function bar(x, w, c, cls, tip) {
      el('rect', { x: x + 0.5, y: y(c), width: Math.max(0, w - 1), height: H - B - y(c), class: cls }, s)
        .appendChild(el('title', {}, null, tip));
    }
    if (h.tail_low) {
      bar(L, slot, h.tail_low, h.edges[0] <= 0 ? 'neg' : 'pos', h.tail_low + ' samples below ' + fmtMoney(h.edges[0]));
      el('text', { x: L + slot / 2, y: H - B + 14, class: 'tick', 'text-anchor': 'middle' }, s, '<');
    }
    bins.forEach(function (b, i) {
      bar(x0 + i * slot, slot, b.c, (b.a + b.b) / 2 < 0 ? 'neg' : 'pos',
          b.c + ' samples from ' + fmtMoney(b.a) + ' to ' + fmtMoney(b.b));
    });
    if (h.tail_high) {
      var xt = x0 + n * slot + slot * 0.5;
      bar(xt, slot, h.tail_high, h.edges[n] < 0 ? 'neg' : 'pos', h.tail_high + ' samples above ' + fmtMoney(h.edges[n]));
      el('text', { x: xt + slot / 2, y: H - B + 14, class: 'tick', 'text-anchor': 'middle' }, s, '>');
    }
    var xv = function (v) { return x0 + (v - h.edges[0]) / (h.edges[n] - h.edges[0]) * n * slot; };
    ticks(h.edges[0], h.edges[n], 5).forEach(function (v) {
      if (v < h.edges[0] || v > h.edges[n]) return;
      el('text', { x: xv(v), y: H - B + 14, class: 'tick', 'text-anchor': 'middle' }, s, fmtCompact(v));
    });
    if (h.edges[0] < 0 && h.edges[n] > 0) {
      el('line', { x1: xv(0), x2: xv(0), y1: T - 6, y2: H - B, class: 'axis' }, s);
    }
    el('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }, s);
    var m = mc.metrics.npv;
    el('text', { x: W / 2, y: H - 6, class: 'tick', 'text-anchor': 'middle' }, s,
       'NPV: 5th percentile ' + fmtCompact(m.p5) + ', median ' + fmtCompact(m.p50) + ', 95th percentile ' + fmtCompact(m.p95));
  }

  /* ---------- key figures ---------- */

  function tile(label, value, beside, cls) {
    return '<div class="kpi ' + (cls || '') + '"><p class="kpi-label">' + label + '</p><p class="kpi-value">' +
      value + '</p><p class="kpi-beside">' + beside + '</p></div>';
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }
  function ask(f) { return f.years[0].costs + (f.years.length > 1 ? f.years[1].costs : 0); }
  function irrText(f) { return f.irr === null ? 'not defined' : fmtPct(f.irr * 100); }

  function drawKpis(ev) {
    var bc = ev.business_case, html;
    if (!bc) {
      var q = ev.roi;
      html = tile('Business case', 'n/a', 'the scenario has no business case') +
        (q ? tile('Quick estimate ROI', esc(fmtPct(q.roi_percent)), 'net benefit ' + esc(fmtMoney(q.net_benefit))) : '');
    } else {
      var u = bc.unadjusted;
      html = tile('NPV (risk-adjusted)', esc(fmtMoney(bc.npv)), 'unadjusted: ' + esc(fmtMoney(u.npv)), bc.npv < 0 ? 'negative' : '') +
        tile('Return (PV ROI)', esc(fmtPct(bc.roi_percent)), 'unadjusted: ' + esc(fmtPct(u.roi_percent))) +
        tile('Payback', esc(fmtMonths(bc.payback_months)), 'unadjusted: ' + esc(fmtMonths(u.payback_months))) +
        tile('IRR', esc(irrText(bc)), 'unadjusted: ' + esc(irrText(u))) +
        tile('The ask: first year', esc(fmtMoney(ask(bc))), 'unadjusted: ' + esc(fmtMoney(ask(u))));
    }
    $('kpis').innerHTML = html;
    $('kpis').setAttribute('data-npv', bc ? String(bc.npv) : '');
  }

  /* ---------- controls ---------- */

  /* The form as one piece of HTML, parsed at once, then wired. */
  function buildControls() {
    var form = $('controls'), groups = {}, order = [];
    inputs.forEach(function (inp, i) {
      if (!groups[inp.group]) {
        groups[inp.group] = ['<fieldset><legend>' + esc(inp.group) + '</legend>'];
        order.push(inp.group);
      }
      var lo = inp.lo, hi = inp.hi, step;
      if (inp.whole) { lo = Math.floor(lo); hi = Math.ceil(hi); step = 1; }
      else step = niceStep(hi - lo, 100);
      var id = 'in' + i;
      groups[inp.group].push('<div class="ctl" id="' + id + '-c" data-path="' + esc(inp.path) + '">' +
        '<label for="' + id + '">' + esc(inp.label.charAt(0).toUpperCase() + inp.label.slice(1)) +
        (inp.unit ? ' <span class="unit">' + esc(inp.unit) + '</span>' : '') + '</label>' +
        '<div class="pair"><input type="range" id="' + id + '-r" aria-label="' + esc(inp.label) + ' (slider)"' +
        ' aria-describedby="' + id + '-e" min="' + lo + '" max="' + hi + '" step="' + step + '">' +
        '<input type="number" id="' + id + '" step="any" inputmode="decimal" aria-describedby="' + id + '-e"></div>' +
        '<p class="err" id="' + id + '-e" role="alert"></p></div>');
    });
    choices.forEach(function (ch, i) {
      if (!groups[ch.group]) {
        groups[ch.group] = ['<fieldset><legend>' + esc(ch.group) + '</legend>'];
        order.push(ch.group);
      }
      var id = 'ch' + i;
      groups[ch.group].push('<div class="ctl" id="' + id + '-c" data-path="' + esc(ch.path) + '">' +
        '<label for="' + id + '">' + esc(ch.label.charAt(0).toUpperCase() + ch.label.slice(1)) + '</label>' +
        '<select id="' + id + '" aria-describedby="' + id + '-e">' + ch.options.map(function (o) {
          return '<option value="' + esc(o) + '">' + esc(o) + '</option>';
        }).join('') + '</select><p class="err" id="' + id + '-e" role="alert"></p></div>');
    });
    form.innerHTML = order.map(function (g) { return groups[g].join('') + '</fieldset>'; }).join('');
    choices.forEach(function (ch, i) {
      var id = 'ch' + i;
      var c = { input: ch, div: $(id + '-c'), select: $(id), err: $(id + '-e') };
      controls[ch.path] = c;
      c.select.addEventListener('change', function () {
        setOver(ch.path, c.select.value);
        c.div.classList.toggle('changed', overIndex(ch.path) >= 0);
        update();
      });
    });
    inputs.forEach(function (inp, i) {
      var id = 'in' + i;
      var c = { input: inp, div: $(id + '-c'), range: $(id + '-r'), number: $(id), err: $(id + '-e') };
      controls[inp.path] = c;
      c.range.addEventListener('input', function () {
        var v = fmtValue(Number(c.range.value));
        c.number.value = v;
        setOver(inp.path, v);
        c.div.classList.toggle('changed', overIndex(inp.path) >= 0);
        update();
      });
      c.number.addEventListener('input', function () {
        var text = c.number.value.trim();
        if (text === '') return;   /* half-typed: wait */
        if (isFinite(Number(text))) c.range.value = text;
        setOver(inp.path, text);
        c.div.classList.toggle('changed', overIndex(inp.path) >= 0);
        update();
      });
    });
  }

  function syncControls() {
    Object.keys(controls).forEach(function (p) {
      var c = controls[p], i = overIndex(p);
      if (c.select) {
        c.select.value = i >= 0 ? over[i][1] : c.input.value;
        c.div.classList.toggle('changed', i >= 0);
        return;
      }
      var v = i >= 0 ? over[i][1] : fmtValue(c.input.value);
      if (document.activeElement !== c.number) c.number.value = v;
      if (isFinite(Number(v))) c.range.value = v;
      c.div.classList.toggle('changed', i >= 0);
    });
  }

  function controlFor(path) {
    if (controls[path]) return controls[path];
    for (var p in controls) if (controls[p].input.alias === path) return controls[p];
    return null;
  }

  /* ---------- evaluation ---------- */

  function setCurrency(code) {
    if (code === currency) return;
    currency = code || 'USD';
    symbol = Object.prototype.hasOwnProperty.call(SYMBOLS, currency) ? SYMBOLS[currency] : '';
  }

  function showErrors(list) {
    var loose = [];
    Object.keys(controls).forEach(function (p) { controls[p].err.textContent = ''; controls[p].div.classList.remove('bad'); });
    list.forEach(function (e) {
      var c = controlFor(e.path);
      if (c) { c.err.textContent = e.message; c.div.classList.add('bad'); }
      else loose.push(e.text);
    });
    page.errors = list.map(function (e) { return e.text; });
    return loose;
  }

  function status(text, bad) {
    var s = $('status');
    s.textContent = text;
    s.classList.toggle('bad', !!bad);
  }

  /* Ask the engine with the overrides in force and redraw. FIRST: the page's first figures,
   * the key figures and the cash flows only, drawn before the controls exist; the tornado
   * and Monte Carlo come with the next update. SYNC: set every control from the overrides
   * (a control being moved has already set itself). */
  function update(first, sync) {
    var t0 = performance.now();
    if (!widths.cashflow) measure();
    engine.set(over);
    var ev = engine.evaluate();
    var engineTime = performance.now() - t0;
    if (sync) syncControls();
    if (!first) {
      writeAddress();
      $('command').textContent = commandLine();
    }
    if (ev.rc !== 0) {
      var loose = showErrors(JSON.parse(ev.text).errors);
      document.body.classList.add('refused');
      $('kpis').innerHTML = tile('The engine refused a value', '—', 'no figure is shown until it accepts every value', 'negative');
      $('kpis').setAttribute('data-npv', '');
      status((loose.length ? loose.join(' ') : 'The engine refused a value: its message is beside the input.') +
        (drawn ? ' The charts below are for the last values it accepted.' : ''), true);
      page.lastUpdate = performance.now() - t0;
      return;
    }
    showErrors([]);
    document.body.classList.remove('refused');
    var res = JSON.parse(ev.text);
    setCurrency(res.scenario.currency);
    if (!res.roi && command === 'roi') {
      command = 'evaluate';
      if (!first) $('command').textContent = commandLine();
    }
    drawKpis(res);
    drawn = true;
    if (res.business_case) {
      drawCashflow(res.business_case);
      if (!first) engineTime += tornado();
    } else {
      $('cashflow').textContent = 'The scenario has no business case.';
      $('tornado').textContent = NO_CASE;
      $('mc').textContent = NO_CASE;
    }
    status(over.length ? over.length + ' input' + (over.length === 1 ? '' : 's') + ' changed from the scenario file.'
      : 'The scenario as written. Move a control to see what changes.');
    page.lastUpdate = performance.now() - t0;
    page.lastEngine = engineTime;
    if (!first) scheduleMonteCarlo(res.business_case ? 250 : -1);
  }

  function tornado() {
    var t1 = performance.now(), tor = engine.tornado(), spent = performance.now() - t1;
    if (tor.rc === 0) drawTornado(JSON.parse(tor.text));
    else $('tornado').textContent = JSON.parse(tor.text).errors.map(function (e) { return e.text; }).join(' ');
    return spent;
  }

  function scheduleMonteCarlo(delay) {
    clearTimeout(mcTimer);
    clearTimeout(driversTimer);
    if (delay < 0) { $('mc').textContent = NO_CASE; $('drivers').textContent = ''; return; }
    $('drivers-fig').classList.add('pending');
    $('mc-fig').classList.add('pending');
    mcTimer = setTimeout(runMonteCarlo, delay);
  }

  function runMonteCarlo() {
    var t0 = performance.now(), r = engine.montecarlo(MC_SAMPLES);
    page.timings.mc = performance.now() - t0;
    $('mc-fig').classList.remove('pending');
    if (r.rc !== 0) {
      $('mc-caption').textContent = 'Monte Carlo';
      $('mc').textContent = JSON.parse(r.text).errors.map(function (e) {
        return e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.';
      }).join(' ');
    } else {
      var mc = JSON.parse(r.text);
      $('mc-caption').innerHTML = 'Monte Carlo, ' + mc.samples.toLocaleString('en-US') + ' samples (seed ' + mc.seed +
        '): <strong id="p-positive">P(NPV &gt; 0) = ' + (mc.p_npv_positive * 100).toFixed(1) + ' %</strong>';
      drawHistogram(mc);
      page.mc = { p_npv_positive: mc.p_npv_positive, samples: mc.samples };
    }
    page.mcDone++;
    driversTimer = setTimeout(runDrivers, 600);   /* after a pause: it takes a moment */
  }

  /* Each uncertain input's share of the NPV's variance (its Sobol total index, with the
   * first-order index beside it) and what knowing it exactly would be worth (EVPPI), with
   * the board's sentence: montecarlo --sensitivity at DRIVER_SAMPLES. */
  function runDrivers() {
    var t0 = performance.now(), r = engine.drivers(DRIVER_SAMPLES), box = $('drivers');
    page.timings.drivers = performance.now() - t0;
    $('drivers-fig').classList.remove('pending');
    box.textContent = '';
    if (r.rc !== 0) {
      box.textContent = JSON.parse(r.text).errors.map(function (e) {
        return e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.';
      }).join(' ');
      page.drivers = null;
      return;
    }
    var d = JSON.parse(r.text), sens = d.sensitivity, voi = d.value_of_information;
    var worth = {};
    if (voi) voi.inputs.forEach(function (v) { worth[v.path] = v.evppi; });
    var table = hel('table', { class: 'drivers' }, box);
    var head = hel('tr', {}, hel('thead', {}, table));
    ['Input', 'Share of the variance', 'Sobol first order', 'Sobol total', 'Worth knowing exactly'].forEach(function (h) {
      hel('th', { scope: 'col' }, head, h);
    });
    var body = hel('tbody', {}, table);
    sens.inputs.slice().sort(function (a, b) { return b.contribution_to_variance - a.contribution_to_variance; })
      .forEach(function (inp) {
        var tr = hel('tr', {}, body), c = controlFor(inp.path);
        var name = c ? c.input.label : inp.path;
        hel('th', { scope: 'row', title: inp.path }, tr, name.charAt(0).toUpperCase() + name.slice(1));
        var share = hel('td', { class: 'share' }, tr);
        hel('span', { class: 'bar' }, share).style.width = Math.round(inp.contribution_to_variance * 100) + '%';
        hel('span', { class: 'num' }, share, fmtPct(inp.contribution_to_variance * 100, 1));
        hel('td', { class: 'num', title: '95 % interval ' + inp.first_order_ci.map(function (v) { return v.toFixed(3); }).join(' to ') },
           tr, inp.first_order === null ? 'n/a' : inp.first_order.toFixed(3));
        hel('td', { class: 'num', title: '95 % interval ' + inp.total_ci.map(function (v) { return v.toFixed(3); }).join(' to ') },
           tr, inp.total === null ? 'n/a' : inp.total.toFixed(3));
        hel('td', { class: 'num' }, tr, worth[inp.path] === undefined || worth[inp.path] === null ? 'n/a' : fmtMoney(worth[inp.path]));
      });
    var p = hel('p', { class: 'note', id: 'voi-sentence' }, box);
    p.textContent = voi ? voi.sentence + ' Knowing every input exactly: ' + fmtMoney(voi.evpi) + ' (EVPI).'
      : 'The NPV is undefined in some samples, so what knowing an input is worth is left out.';
    hel('p', { class: 'note' }, box, 'Variance decomposition over ' + sens.base_samples.toLocaleString('en-US') +
       ' base samples (' + sens.evaluations.toLocaleString('en-US') + ' evaluations)' +
       (sens.correlations_ignored ? '; the Sobol indices take the inputs as independent' : '') + '.');
    page.drivers = d;
  }

  page.runMonteCarlo = runMonteCarlo;

  function writeAddress() {
    var h = hashOf(over);
    if (h === lastHash) return;
    lastHash = h;
    /* Browsers throttle address changes: a dragged slider writes its last value only. */
    clearTimeout(addressTimer);
    addressTimer = setTimeout(function () {
      history.replaceState(null, '', lastHash || location.pathname + location.search);
    }, 120);
  }

  function applyList(list) {
    over = [];
    list.forEach(function (o) { setOver(o[0], o[1]); });
  }

  /* ---------- start ---------- */

  function failed(err) {
    status('The page engine could not start: ' + (err && err.message || err), true);
    page.failed = String(err && err.message || err);
  }

  /* FN once the browser has shown what is drawn so far: after the next frame (or soon, in a
   * tab that is not drawing frames). */
  function afterPaint(fn) {
    var done = false, go = function () { if (!done) { done = true; fn(); } };
    requestAnimationFrame(function () { setTimeout(go, 0); });
    setTimeout(go, 100);
  }

  /* The key figures and the cash flows first; the controls, the tornado and Monte Carlo once
   * those are on screen. */
  function start() {
    var t = page.timings;
    MlroiEngine.start(compiled).then(function (e) {
      engine = e;
      t.engine = performance.now();
      var ld = engine.load(data.name, bytes);
      if (ld.rc !== 0) throw new Error(ld.text);
      /* The module compiles each function on its first call: the first figures call only
       * what they need, the list of inputs comes after them. */
      var fromHash = parseHash(location.hash);
      applyList(fromHash || data.set);
      lastHash = location.hash;
      update(true, false);
      t.firstFigures = performance.now();
      afterPaint(function () {
        try {
          t.painted = performance.now();
          var res = engine.inputs();
          if (res.rc !== 0) {
            status(JSON.parse(res.text).errors.map(function (x) { return x.text; }).join(' '), true);
            return;
          }
          var listed = JSON.parse(res.text);
          inputs = listed.inputs;
          choices = listed.choices || [];
          inputs.concat(choices).forEach(function (inp) { byPath[inp.path] = inp; });
          t.inputs = performance.now();
          applyList(fromHash || data.set);   /* now without the values the scenario has */
          buildControls();
          t.controls = performance.now();
          measure();   /* the page's final width, with its scroll bar */
          update(false, true);
          t.ready = performance.now();
          page.ready = true;
        } catch (err) {
          failed(err);
        }
      });
    }).catch(failed);

    $('reset').addEventListener('click', function () {
      applyList(data.set);
      update(false, true);
    });
    $('copy').addEventListener('click', function () {
      var text = commandLine();
      var done = function () { status('Copied: ' + text); };
      var fallback = function () {
        var r = document.createRange();
        r.selectNodeContents($('command'));
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(r);
        status('Selected below: copy it with Ctrl+C.');
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    });
    $('download').addEventListener('click', function () {
      var blob = new Blob([changedScenario()], { type: 'application/json' });
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = data.name.replace(/\.json$/i, '') + '-what-if.json';
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
    var resizeTimer = 0;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () { if (engine) { measure(); update(); } }, 150);
    });
    window.addEventListener('hashchange', function () {
      if (!engine || location.hash === lastHash) return;
      applyList(parseHash(location.hash) || data.set);
      lastHash = location.hash;
      update(false, true);
    });
  }

  start();
})();
