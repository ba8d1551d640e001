/* The crossings atlas area panel, for figures tables (--figures-table): the chosen area's
 * series in every table that has it, never added together, each with its metric (in Arabic too
 * for the contract's metrics), the value of the period holding the chosen date exactly as
 * published, a bar chart (zero on the axis, no data marked under it, the chosen period
 * outlined), the source, and the rows read and set aside. atlas.js registers `build` in its
 * panel registry as 'area' and titles the panel with `title`; ctx.state.area is a P-code. */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, Dom = window.AtlasDom,
    Parts = window.AtlasParts, A = window.AtlasAreaFigures, el = Dom.el, svg = Dom.svg,
    english = Dom.english, t = T.t;
  var periodLabel = A.periodLabel, valueText = A.valueText, slotIn = A.slotIn;

  /** A bar per period: the value (dashed when a sum misses parts), a tick for zero, a grey
   * mark under the axis for no data; the period holding the chosen date outlined. */
  function chart(ctx, tbl, pcode) {
    var series = tbl.series[pcode], W = 320, H = 120, top = 14, bottom = 22, left = 2;
    var max = Math.max.apply(null, series.filter(function (v) { return v !== null; })
      .concat([1]));
    var step = (W - left) / series.length, base = H - bottom;
    var known = series.filter(function (v) { return v !== null; }).length;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', class: 'area-chart',
      'aria-label': t('areaChartLabel', { n: T.formatNumber(known), m: T.formatNumber(
        series.length), a: periodLabel(tbl.periods[0], tbl.period),
      b: periodLabel(tbl.periods[tbl.periods.length - 1], tbl.period) }) });
    var chosen = slotIn(tbl, D.dayNumber(ctx.state.date));
    series.forEach(function (v, i) {
      var x = left + i * step, g = svg('g', { class: 'period' + (i === chosen ? ' chosen' : '') });
      var tip = periodLabel(tbl.periods[i], tbl.period) + ': ' + valueText(v, (tbl.partial[pcode]
        || []).indexOf(i) >= 0);
      g.appendChild(svg('title', {}, tip));
      if (v === null) {
        g.appendChild(svg('rect', { x: x.toFixed(2), y: base + 3, width: Math.max(step - 0.5,
          0.5).toFixed(2), height: 3, fill: A.NO_DATA, class: 'no-data' }));
      } else if (v <= 0) {
        g.appendChild(svg('rect', { x: x.toFixed(2), y: base - 1, width: Math.max(step - 0.5,
          0.5).toFixed(2), height: 1, fill: '#333333', class: 'zero' }));
      } else {
        var h = Math.max((base - top) * v / max, 1);
        g.appendChild(svg('rect', { x: x.toFixed(2), y: (base - h).toFixed(2),
          width: Math.max(step - 0.5, 0.5).toFixed(2), height: h.toFixed(2), fill: A.COLOUR,
          'fill-opacity': (tbl.partial[pcode] || []).indexOf(i) >= 0 ? 0.4 : 0.85,
          class: 'value' }));
      }
      if (i === chosen) {
        g.appendChild(svg('rect', { x: x.toFixed(2), y: top, width: Math.max(step, 1).toFixed(2),
          height: base - top, fill: 'none', stroke: '#000000', 'stroke-width': 1,
          class: 'chosen-period' }));
      }
      root.appendChild(g);
    });
    root.appendChild(svg('line', { x1: 0, x2: W, y1: base, y2: base, stroke: '#666666' }));
    root.appendChild(svg('text', { x: 2, y: 10, class: 'tick' }, T.formatNumber(max)));
    [[0, 'start'], [series.length - 1, 'end']].forEach(function (pair) {
      root.appendChild(svg('text', { x: pair[1] === 'start' ? 0 : W, y: H - 4,
        'text-anchor': pair[1], class: 'tick' }, periodLabel(tbl.periods[pair[0]], tbl.period)));
    });
    return root;
  }

  /** One table's section of the area panel: metric, chosen period's value, chart, source. */
  function section(ctx, tbl, pcode) {
    var box = el('section', 'area-table');
    box.appendChild(A.metricNode('h3', null, tbl));
    var slot = slotIn(tbl, D.dayNumber(ctx.state.date));
    var now = slot >= 0 ? t('areaValueIn', { period: periodLabel(tbl.periods[slot], tbl.period),
      value: valueText(tbl.series[pcode][slot], (tbl.partial[pcode] || []).indexOf(slot) >= 0) })
      : A.covers(tbl);
    box.appendChild(el('p', 'area-now', now));
    box.appendChild(chart(ctx, tbl, pcode));
    box.appendChild(el('p', 'chart-key', t('areaChartKey')));
    var src = el('p', 'source-line', t('source') + ' ');
    src.appendChild(english('span', 'area-source', tbl.source));
    box.appendChild(src);
    box.appendChild(Parts.mixed('p', 'area-rows', 'areaRows', {
      read: T.formatNumber(tbl.rows_read), aside: T.formatNumber(tbl.set_aside) }, 'table',
    tbl.table));
    return box;
  }

  /** The area panel: every table's series for the chosen area, never added together. */
  function build(ctx) {
    var box = el('div', 'area-panel');
    var pcode = ctx.state.area, a = A.data().areas[pcode];
    if (!a) { box.appendChild(el('p', 'empty', t('areaUnknown'))); return box; }
    box.appendChild(el('p', 'intro', t('areaIntro', { level: t('areaLevel_' + a.level) })));
    A.data().tables.forEach(function (tbl) {
      if (tbl.series[pcode]) box.appendChild(section(ctx, tbl, pcode));
    });
    var csv = el('p');
    var link = el('a', null, t('areaCsv'));
    link.href = 'data/area_figures.csv';
    csv.appendChild(link);
    box.appendChild(csv);
    return box;
  }

  function title(ctx) {
    return A.has(ctx.state.area) ? A.areaName(ctx.state.area) : '';
  }

  window.AtlasAreaPanel = { build: build, title: title };
})();
