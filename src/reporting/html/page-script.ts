// The script of report.html, as text: reads the embedded chart data and draws the uPlot charts.
// Plain ES2017 for any current browser; it is inlined after uPlot, so the page works offline.

/** The page's script. It expects `uPlot` and a `<script type="application/json" id="report-data">`. */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];
  var tz = function (ts) { return uPlot.tzDate(new Date(ts * 1e3), data.zone); };
  var money = function (u, v) { return v == null ? '' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); };
  var moneyAxis = function (u, vals) { return vals.map(function (v) { return Math.abs(v) >= 1e6 ? (v / 1e6).toFixed(2) + 'M' : Math.abs(v) >= 1e3 ? (v / 1e3).toFixed(1) + 'k' : String(v); }); };
  var pct = function (d) { return function (u, v) { return v == null ? '' : v.toFixed(d) + '%'; }; };
  var pctAxis = function (u, vals) { return vals.map(function (v) { return v + '%'; }); };
  var num = function (u, v) { return v == null ? '' : v.toFixed(2); };

  function draw(id, opts, cols) {
    var el = document.getElementById(id);
    if (!cols[0].length) {
      el.textContent = el.getAttribute('data-empty');
      el.classList.add('empty');
      return;
    }
    opts.width = Math.max(300, el.clientWidth);
    opts.height = opts.height || 280;
    charts.push({ el: el, plot: new uPlot(opts, cols, el) });
  }

  var eq = data.equity;
  var noPoints = { show: false };
  var eqSeries = [{}, { label: 'Strategy', stroke: '#1f6feb', width: 1.6, value: money, points: noPoints }];
  var eqCols = [eq.x, eq.strategy];
  if (eq.benchmark) {
    eqSeries.push({ label: data.benchmarkLabel, stroke: '#868e96', width: 1.2, value: money, points: noPoints });
    eqCols.push(eq.benchmark);
  }
  draw('chart-equity', { tzDate: tz, height: 320, series: eqSeries, axes: [{}, { values: moneyAxis, size: 60 }] }, eqCols);

  draw('chart-drawdown', {
    tzDate: tz, height: 200,
    series: [{}, { label: 'Drawdown', stroke: '#c62828', width: 1, fill: 'rgba(198,40,40,0.22)', value: pct(2), points: noPoints }],
    axes: [{}, { values: pctAxis, size: 60 }],
  }, [data.drawdown.x, data.drawdown.pct]);

  draw('chart-rolling', {
    tzDate: tz, height: 240,
    series: [{}, { label: 'Sharpe (' + data.rolling.window + ' days)', stroke: '#6f42c1', width: 1.4, value: num, points: noPoints }],
    axes: [{}, { size: 50 }],
  }, [data.rolling.x, data.rolling.sharpe]);

  draw('chart-histogram', {
    height: 240,
    // bars are centred on their bin: widen the x range by half a bin on each side
    scales: { x: { time: false, range: function (u, lo, hi) { return [lo - data.histogram.binPct / 2, hi + data.histogram.binPct / 2]; } } },
    series: [
      { label: 'Trade return', value: pct(2) },
      { label: 'Trades', stroke: '#1f6feb', fill: 'rgba(31,111,235,0.45)', paths: uPlot.paths.bars({ size: [0.92, 80] }), points: { show: false } },
    ],
    axes: [{ values: pctAxis }, { size: 50 }],
  }, [data.histogram.x, data.histogram.count]);

  if (data.price) {
    var p = data.price;
    var marker = function (label, colour) {
      return { label: label, stroke: colour, fill: colour, paths: function () { return null; }, points: { show: true, size: 8, stroke: colour, fill: colour }, value: money };
    };
    draw('chart-price', {
      tzDate: tz, height: 320,
      series: [{}, { label: p.symbol, stroke: '#343a40', width: 1.2, spanGaps: true, value: money, points: noPoints }, marker('Entry', '#1a7f37'), marker('Exit', '#c62828')],
      axes: [{}, { size: 60 }],
    }, [p.x, p.close, p.entry, p.exit]);
  }

  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.plot.setSize({ width: Math.max(300, c.el.clientWidth), height: c.plot.height }); });
  });
  document.body.setAttribute('data-ready', 'true');
})();
`;
