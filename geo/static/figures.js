/* The crossings atlas displacement panel: every figure with its date or period, qualifier,
 * area and source, as a chart over time (inline SVG drawn here) and as a list. Figures that
 * overlap are shown side by side and never added together. */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, Dom = window.AtlasDom, P = window.AtlasParts,
    el = Dom.el, svg = Dom.svg, t = T.t;

  /** Figures over time on a log scale: a mark at the date stated, a line over the period. */
  function chart(ctx, figures) {
    var y0 = 3, y1 = 7; // 1,000 to 10 million
    var ticks = [];
    for (var p = y0; p <= y1; p++) ticks.push([p, T.formatNumber(Math.pow(10, p))]);
    // The y-axis labels end just left of the gridlines, however wide they are written.
    var left = Math.ceil(textWidth(ticks.map(function (k) { return k[1]; }))) + 8;
    var W = 340, H = 190, right = 44, top = 18, bottom = 28;
    var days = [];
    figures.forEach(function (f) {
      days.push(D.dayNumber(f.as_of), D.dayNumber(f.as_of, true));
      if (f.period_start) days.push(D.dayNumber(f.period_start));
    });
    var x0 = Math.min.apply(null, days) - 30, x1 = Math.max.apply(null, days) + 30;
    function x(d) {
      return left + (d - x0) / (x1 - x0) * (W - left - right);
    }
    function y(n) { return top + (y1 - Math.log10(Math.max(n, 1000))) / (y1 - y0) * (H - top - bottom); }
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', class: 'figure-chart',
      'aria-label': t('chartLabel', { n: figures.length }) });
    ticks.forEach(function (k) {
      var at = y(Math.pow(10, k[0]));
      root.appendChild(svg('line', { x1: left, x2: W - right, y1: at, y2: at, class: 'grid' }));
      root.appendChild(svg('text', { x: left - 4, y: at + 4, class: 'tick y-tick',
        'text-anchor': 'end' }, k[1]));
    });
    var firstYear = D.utcDate(x0).getUTCFullYear(), lastYear = D.utcDate(x1).getUTCFullYear();
    for (var yr = firstYear; yr <= lastYear + 1; yr++) {
      var d = D.dayNumber(String(yr));
      if (d < x0 || d > x1) continue;
      root.appendChild(svg('line', { x1: x(d), x2: x(d), y1: top, y2: H - bottom, class: 'grid' }));
      root.appendChild(svg('text', { x: x(d), y: H - 10, class: 'tick', 'text-anchor': 'middle' },
        T.formatDate(String(yr), 'year')));
    }
    var today = D.dayNumber(ctx.state.date);
    if (today >= x0 && today <= x1) {
      root.appendChild(svg('line', { x1: x(today), x2: x(today), y1: top, y2: H - bottom,
        class: 'chosen-date' }));
    }
    // Number labels beside the marks, nudged apart where figures sit on the same spot.
    var labelY = {}, taken = [];
    figures.map(function (f, i) { return [y(f.figure), i]; })
      .sort(function (a, b) { return a[0] - b[0]; }).forEach(function (p) {
        var want = p[0] + 4;
        while (taken.some(function (u) { return Math.abs(u - want) < 11; })) want += 11;
        taken.push(want);
        labelY[p[1]] = want;
      });
    figures.forEach(function (f, i) {
      var colour = P.METRIC_COLOURS[f.metric] || '#333';
      var g = svg('g', { class: 'mark' + (D.knownOn(f, ctx.state.date) ? '' : ' later') });
      g.appendChild(svg('title', {}, T.formatNumber(i + 1) + '. ' + P.figureLabel(f)));
      var yy = y(f.figure), start = D.dayNumber(f.as_of), end = D.dayNumber(f.as_of, true);
      if (f.period_start) {
        g.appendChild(svg('line', { x1: x(D.dayNumber(f.period_start)), x2: x(start), y1: yy,
          y2: yy, stroke: colour, 'stroke-width': 2 }));
      }
      if (end > start) { // a month- or year-only date: the mark spans the whole period
        g.appendChild(svg('line', { x1: x(start), x2: x(end), y1: yy, y2: yy, stroke: colour,
          'stroke-width': 6, 'stroke-dasharray': '2 2', opacity: 0.6 }));
      }
      var cx = x(end);
      if (f.qualifier === 'at_least' || f.qualifier === 'more_than') {
        g.appendChild(svg('path', { d: 'M' + cx + ' ' + (yy - 6) + 'l5 9h-10z', fill: colour }));
      } else {
        g.appendChild(svg('circle', { cx: cx, cy: yy, r: 4.5, stroke: colour, 'stroke-width': 2,
          fill: f.qualifier === 'exact' ? colour : '#fff' }));
      }
      g.appendChild(svg('text', { x: cx + 8 + (labelY[i] - yy - 4) / 11 * 10, y: labelY[i],
        class: 'mark-number' }, T.formatNumber(i + 1)));
      root.appendChild(g);
    });
    root.appendChild(svg('text', { x: left, y: 10, class: 'tick' }, t('logScale')));
    return root;
  }

  /** The widest of `texts` in the chart's 10px tick font, in the chart's units. */
  function textWidth(texts) {
    var pen = (textWidth.canvas = textWidth.canvas || document.createElement('canvas'))
      .getContext('2d');
    pen.font = '10px ' + getComputedStyle(document.body).fontFamily;
    return Math.max.apply(null, texts.map(function (text) { return pen.measureText(text).width; }));
  }

  /** Every figure with date or period, qualifier, area and source: a chart and a list. */
  function figures(ctx) {
    var box = el('div', 'figures-panel');
    box.appendChild(el('p', 'intro', t('figuresIntro')));
    var list = ctx.data.figures;
    if (!list.length) {
      box.appendChild(el('p', 'empty', t('noFigures')));
      return box;
    }
    box.appendChild(chart(ctx, list));
    box.appendChild(el('p', 'chart-key', t('chartKey')));
    var ol = el('ol', 'figure-list');
    list.forEach(function (f) {
      var later = !D.knownOn(f, ctx.state.date);
      var item = el('li', 'figure' + (later ? ' later' : ''));
      item.id = 'figure-' + f.figure_id;
      item.appendChild(el('p', 'figure-number', P.figureLabel(f)));
      item.appendChild(P.figureWhen(ctx, f));
      P.figureArea(f, item);
      if (f.claimant) {
        item.appendChild(P.mixed('p', 'claimant', 'according', {}, 'who', f, 'claimant'));
      }
      var src = el('p', 'source-line', t('source') + ' ');
      src.appendChild(P.sourceLink(ctx, f.source_id));
      item.appendChild(src);
      if (later) item.appendChild(el('p', 'later', t('afterDate')));
      if (f.note) {
        var more = el('details', 'event-note');
        more.appendChild(el('summary', null, t('eventNote')));
        more.appendChild(P.dataText('p', null, f, 'note'));
        item.appendChild(more);
      }
      var original = P.englishOriginal(f, ['area_name', 'claimant', 'note'],
        P.sourceEnglish(ctx, f.source_id));
      if (original) item.appendChild(original);
      ol.appendChild(item);
    });
    box.appendChild(ol);
    return box;
  }

  window.AtlasFigures = { build: figures };
})();
