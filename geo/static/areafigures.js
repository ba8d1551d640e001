/* The crossings atlas figures tables (--figures-table) on the map: on each OCHA area, a circle
 * whose area is proportional to the table's value for the period that holds the chosen date,
 * scaled to the table's largest value so sizes compare across dates; zero and "no data" drawn
 * apart from each other and from the values; and a legend of circle sizes. Tables are never added together: one is
 * drawn at a time (chosen in the legend when there are several). The area's panel is in
 * areapanel.js, which uses the helpers exported here. Text from data reaches the page only via
 * textContent. atlas.js calls:
 *
 *   AtlasAreaFigures.draw(ctx)           the circles (nothing without data.area_figures)
 *   AtlasAreaFigures.days(data)          the first and last day the tables cover, for the slider
 *   AtlasAreaFigures.follow(ctx)         show the values of the period holding the chosen date
 *   AtlasAreaFigures.applyLanguage(ctx)  each circle's tooltip and accessible name
 *   AtlasAreaFigures.legend(ctx)         the legend's section: sizes, zero, no data, the period
 *   AtlasAreaFigures.has(pcode)          whether the tables have figures for an area
 *   AtlasAreaFigures.periodKey(iso)      which period of each table holds a date
 *
 * It calls back ctx.selectArea(pcode) when a circle is chosen and ctx.refreshLegend() when
 * another table is chosen for the map.
 */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, Dom = window.AtlasDom, el = Dom.el,
    svg = Dom.svg, english = Dom.english, t = T.t;
  var COLOUR = '#009E73';  // Okabe–Ito bluish green: apart from statuses and curated figures
  var NO_DATA = '#888888';
  var MAX_RADIUS = 30;     // px for the table's largest value
  var MIN_RADIUS = 3;      // px: a value above zero stays visible and can be pointed at
  var NO_DATA_RADIUS = 6;
  var state = { data: null, table: 0, layer: null, items: {}, starts: [], ends: [], max: 1,
    slot: -2, onSelect: null };

  function table() { return state.data.tables[state.table]; }

  /** The last day of the period that starts on `start` (ISO), as a day number. */
  function periodEnd(start, period) {
    if (period === 'day') return D.dayNumber(start);
    if (period === 'week') return D.dayNumber(start) + 6;
    if (period === 'year') return D.dayNumber(start.slice(0, 4), true);
    return D.dayNumber(start.slice(0, 7), true);
  }

  /** The period (index into `starts`) that holds a day, or -1: periods never overlap. */
  function search(starts, ends, day) {
    var lo = 0, hi = starts.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (ends[mid] < day) lo = mid + 1;
      else if (starts[mid] > day) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** The period of the table on the map that holds a day, or -1. */
  function slotOf(day) { return search(state.starts, state.ends, day); }

  /** The period of any table that holds a day, or -1. */
  function slotIn(tbl, day) {
    return search(tbl.periods.map(function (p) { return D.dayNumber(p); }),
      tbl.periods.map(function (p) { return periodEnd(p, tbl.period); }), day);
  }

  /** Which period of each table holds a date (ISO), as one string: a panel that shows the
   * chosen period needs redrawing only when it changes. */
  function periodKey(iso) {
    var day = D.dayNumber(iso);
    return state.data ? state.data.tables.map(function (tbl) { return slotIn(tbl, day); })
      .join(',') : '';
  }

  /** Where a table's periods lie, for a date none of them holds. */
  function covers(tbl) {
    return t('areaCovers', { a: periodLabel(tbl.periods[0], tbl.period),
      b: periodLabel(tbl.periods[tbl.periods.length - 1], tbl.period) });
  }

  /** A period as the reader says it: "March 2018", "week of 5 Mar 2018", "2018". */
  function periodLabel(start, period) {
    if (period === 'year') return T.formatDate(start.slice(0, 4), 'year');
    if (period === 'month') return T.formatDate(start.slice(0, 7), 'month');
    if (period === 'week') return t('areaWeekOf', { date: T.formatDate(start, 'day') });
    return T.formatDate(start, 'day');
  }

  /** What the table counts, in the reader's language; a table's own words stay English. */
  function metricNode(tag, className, tbl) {
    var words = T.term('table_metric', tbl.metric);
    var known = words !== String(tbl.metric).replace(/_/g, ' ');
    return known ? el(tag, className, words) : english(tag, className, tbl.metric);
  }

  function areaName(pcode) {
    var a = state.data.areas[pcode];
    return T.language() === 'ar' && a.name_ar ? a.name_ar : a.name;
  }

  function valueOf(pcode, slot) {
    var series = table().series[pcode];
    return series && slot >= 0 ? series[slot] : null;
  }

  function partialAt(pcode, slot) {
    return (table().partial[pcode] || []).indexOf(slot) >= 0;
  }

  /** A value written in the reader's digits exactly as the table publishes it: every decimal
   * kept (39,782.666666666664 stays so), never rounded for display. */
  function exact(value) {
    var text = String(value);
    if (/e/i.test(text) || text.indexOf('.') < 0) return T.formatNumber(value);
    var parts = text.split('.'), point = T.formatNumber(1.5).replace(/[0-9\u0660-\u0669]/g, '');
    return T.formatNumber(Number(parts[0])) + point + parts[1].replace(/\d/g, function (d) {
      return T.formatNumber(Number(d));
    });
  }

  /** The value in words: "80,051", "at least 7", or "no data". */
  function valueText(value, partial) {
    if (value === null || value === undefined) return t('areaNoData');
    var n = exact(value);
    return partial ? t('areaAtLeast', { n: n }) : n;
  }

  function tooltip(pcode, slot) {
    var tbl = table(), box = el('div', 'area-figure-tip');
    box.appendChild(el('strong', null, areaName(pcode)));
    var line = el('p', 'area-figure-value', valueText(valueOf(pcode, slot), partialAt(pcode, slot))
      + ' · ');
    line.appendChild(metricNode('span', null, tbl));
    box.appendChild(line);
    box.appendChild(el('p', null, slot >= 0 ? periodLabel(tbl.periods[slot], tbl.period)
      : t('areaOutside')));
    var src = el('p', 'source-line', t('source') + ' ');
    src.appendChild(english('span', null, tbl.source));
    box.appendChild(src);
    return box;
  }

  function radius(value) {
    if (value === null || value === undefined) return NO_DATA_RADIUS;
    if (value <= 0) return MIN_RADIUS;
    return Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(value / state.max));
  }

  /** Zero and no data look apart from each other and from a value: zero a small solid ring,
   * no data a grey dashed ring, a value a filled circle (dashed when a sum misses parts). */
  function styleFor(value, partial) {
    if (value === null || value === undefined) {
      return { kind: 'no-data', style: { color: NO_DATA, weight: 1.5, dashArray: '2 3',
        fillOpacity: 0, opacity: 1 } };
    }
    if (value <= 0) {
      return { kind: 'zero', style: { color: '#333333', weight: 1.5, dashArray: null,
        fillColor: '#ffffff', fillOpacity: 1, opacity: 1 } };
    }
    return { kind: 'value', style: { color: COLOUR, weight: 1.5, dashArray: partial ? '5 3' : null,
      fillColor: COLOUR, fillOpacity: 0.35, opacity: 1 } };
  }

  function draw(ctx) {
    var data = ctx.data.area_figures;
    if (!data || !data.tables.length) return;
    state.data = data;
    state.layer = L.layerGroup().addTo(ctx.map);
    useTable(ctx, 0);
  }

  /** Draw one table's circles (one per area it has); sizes follow on the next `follow`. */
  function useTable(ctx, index) {
    state.table = index;
    var tbl = table();
    state.starts = tbl.periods.map(function (p) { return D.dayNumber(p); });
    state.ends = tbl.periods.map(function (p) { return periodEnd(p, tbl.period); });
    state.max = 1;
    Object.keys(tbl.series).forEach(function (pcode) {
      tbl.series[pcode].forEach(function (v) { if (v !== null && v > state.max) state.max = v; });
    });
    state.layer.clearLayers();
    state.items = {};
    Object.keys(tbl.series).forEach(function (pcode) {
      var a = state.data.areas[pcode];
      if (a.lat === null || a.lon === null) return;
      var circle = L.circleMarker([a.lat, a.lon], { radius: 0, className: 'area-figure' });
      var item = { circle: circle, pcode: pcode };
      circle.bindTooltip(function () { return tooltip(pcode, state.slot); },
        { direction: 'auto', sticky: true, className: 'area-figure-tooltip' });
      circle.on('click', function () { ctx.selectArea(pcode); });
      circle.on('add', function () {
        var path = circle.getElement();
        path.setAttribute('tabindex', '0');
        path.setAttribute('role', 'button');
        path.dataset.pcode = pcode;
        L.DomEvent.on(path, 'keydown', function (e) {
          if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); ctx.selectArea(pcode); }
        });
      });
      circle.addTo(state.layer);
      state.items[pcode] = item;
    });
    state.slot = -2;
  }

  /** The first and last day the page data's tables cover (day numbers), or null. */
  function days(data) {
    if (!data) return null;
    var first = Infinity, last = -Infinity;
    data.tables.forEach(function (tbl) {
      if (!tbl.periods.length) return;
      first = Math.min(first, D.dayNumber(tbl.periods[0]));
      last = Math.max(last, periodEnd(tbl.periods[tbl.periods.length - 1], tbl.period));
    });
    return isFinite(first) ? [first, last] : null;
  }

  /** Size every circle for the period holding the chosen date; redrawn only when it changes. */
  function follow(ctx) {
    if (!state.data) return;
    var slot = slotOf(D.dayNumber(ctx.state.date));
    if (slot === state.slot) return;
    state.slot = slot;
    var order = [];
    Object.keys(state.items).forEach(function (pcode) {
      var item = state.items[pcode], value = valueOf(pcode, slot);
      var look = styleFor(value, partialAt(pcode, slot));
      var r = slot >= 0 ? radius(value) : 0;
      item.circle.setRadius(r);
      item.circle.setStyle(slot >= 0 ? look.style : { opacity: 0, fillOpacity: 0 });
      var path = item.circle.getElement();
      if (path) {
        path.dataset.kind = slot >= 0 ? look.kind : 'none';
        path.dataset.value = value === null || value === undefined ? '' : String(value);
        path.dataset.radius = r.toFixed(1); // drawn even where the map clips it off-screen
        path.setAttribute('aria-label', label(pcode, slot));
        path.style.display = slot >= 0 ? '' : 'none';
      }
      if (item.circle.isTooltipOpen()) item.circle.setTooltipContent(tooltip(pcode, slot));
      order.push([value === null || value === undefined ? -1 : value, item]);
    });
    // Largest first, so every smaller circle lies on top and can still be pointed at.
    order.sort(function (a, b) { return b[0] - a[0]; }).forEach(function (p) {
      p[1].circle.bringToFront();
    });
    document.querySelectorAll('.area-figures-period').forEach(function (node) {
      node.textContent = shownPeriod();
    });
  }

  function label(pcode, slot) {
    var tbl = table();
    return [areaName(pcode), valueText(valueOf(pcode, slot), partialAt(pcode, slot)),
      T.term('table_metric', tbl.metric),
      slot >= 0 ? periodLabel(tbl.periods[slot], tbl.period) : t('areaOutside')].join('. ');
  }

  /** The period the circles show, or where the table's periods lie when none holds the date. */
  function shownPeriod() {
    var tbl = table();
    if (state.slot >= 0) {
      return t('areaShown', { period: periodLabel(tbl.periods[state.slot], tbl.period) });
    }
    return covers(tbl);
  }

  function applyLanguage(ctx) {
    if (!state.data) return;
    state.slot = -2; // relabel every circle in the new language
    follow(ctx);
  }

  /** Round a value down to 1, 2 or 5 times a power of ten, for the legend's sample circles. */
  function nice(n) {
    var p = Math.pow(10, Math.floor(Math.log10(n)));
    return [5, 2, 1].map(function (m) { return m * p; }).filter(function (v) { return v <= n; })[0];
  }

  /** Sample circles of three sizes, drawn as the map draws them, with their values. */
  function sizes() {
    var samples = [nice(state.max), nice(state.max / 5), nice(state.max / 25)].filter(
      function (v, i, all) { return v >= 1 && all.indexOf(v) === i; });
    var big = radius(samples[0]), W = 2 * big + 90, H = 2 * big + 6;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, direction: 'ltr',
      class: 'area-figure-sizes', role: 'img',
      'aria-label': t('areaSizes', { values: samples.map(T.formatNumber).join(', ') }) });
    samples.forEach(function (v) {
      var r = radius(v), cy = H - 3 - r;
      root.appendChild(svg('circle', { cx: big + 2, cy: cy, r: r, fill: COLOUR,
        'fill-opacity': 0.2, stroke: COLOUR, 'stroke-width': 1.5 }));
      root.appendChild(svg('line', { x1: big + 2, x2: 2 * big + 10, y1: cy - r, y2: cy - r,
        stroke: '#666666', 'stroke-dasharray': '2 2' }));
      root.appendChild(svg('text', { x: 2 * big + 14, y: cy - r + 4, class: 'tick',
        'text-anchor': 'start' }, T.formatNumber(v)));
    });
    return root;
  }

  function symbolRow(kind, key) {
    var row = el('div', 'legend-row');
    row.appendChild(el('span', 'swatch area-swatch-' + kind));
    row.appendChild(el('span', null, t(key)));
    return row;
  }

  /** The legend's section: what is counted, where from, sizes, zero and no data, the period. */
  function legend(ctx) {
    var box = el('div', 'legend-area-figures');
    if (!state.data) return box;
    var tbl = table();
    var head = el('p', 'legend-head', t('areaLegendHead') + ' ');
    head.appendChild(metricNode('span', null, tbl));
    box.appendChild(head);
    if (state.data.tables.length > 1) box.appendChild(chooser(ctx));
    box.appendChild(sizes());
    box.appendChild(symbolRow('zero', 'areaLegendZero'));
    box.appendChild(symbolRow('no-data', 'areaLegendNoData'));
    box.appendChild(el('p', 'legend-note area-figures-period', shownPeriod()));
    box.appendChild(el('p', 'legend-note', t('areaLegendNote', {
      period: T.term('period', tbl.period) })));
    var src = el('p', 'legend-note', t('source') + ' ');
    src.appendChild(english('span', null, tbl.source));
    box.appendChild(src);
    return box;
  }

  /** Which table the circles show, when there are several (they are never added). */
  function chooser(ctx) {
    var select = el('select', 'area-figures-table');
    select.setAttribute('aria-label', t('areaChoose'));
    state.data.tables.forEach(function (tbl, i) {
      var option = el('option', null, T.term('table_metric', tbl.metric) + ' — ' + tbl.source);
      option.value = String(i);
      option.selected = i === state.table;
      select.appendChild(option);
    });
    select.addEventListener('change', function () {
      useTable(ctx, Number(select.value));
      follow(ctx);
      ctx.refreshLegend();
    });
    return select;
  }

  window.AtlasAreaFigures = { draw: draw, days: days, follow: follow,
    applyLanguage: applyLanguage, legend: legend,
    has: function (pcode) { return !!(state.data && state.data.areas[pcode]); },
    periodKey: periodKey,
    // for the area panel (areapanel.js)
    data: function () { return state.data; }, slotIn: slotIn, covers: covers,
    periodLabel: periodLabel, metricNode: metricNode, areaName: areaName, valueText: valueText,
    NO_DATA: NO_DATA, COLOUR: COLOUR };
})();
