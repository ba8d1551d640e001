/* External events (--events-table) on the map, as aggregates only: one activity ring per
 * crossing, sized by the events within a date window, and a small per-period bar chart for the
 * crossing's panel. Never one marker per event. Text reaches the page only via textContent.
 *
 *   AtlasActivity.draw(map, data)          rings from data.activity (idempotent)
 *   AtlasActivity.setWindow(fromIso, toIso) resize rings to that window (null = open end)
 *   AtlasActivity.chart(crossingId)        an <svg> bar chart of the crossing's counts
 *
 * It draws itself when a Leaflet map is created on a page with #atlas-data holding an
 * `activity` key; the page script may call draw() again, which replaces the rings. */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var COLOUR = '#5e3c99';  // purple: apart from the Okabe–Ito status colours
  var MIN_RADIUS = 10;     // px: just outside the crossing's own 8 px marker
  var MAX_RADIUS = 40;
  var state = { map: null, activity: null, layer: null, rings: {}, from: null, to: null };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }

  /** Whether period i (from its start to the next period's start) overlaps [from, to]. */
  function inWindow(periods, i, from, to) {
    var starts = periods[i];
    var next = i + 1 < periods.length ? periods[i + 1] : null;
    return (to === null || starts <= to) && (from === null || next === null || next > from);
  }

  function countIn(series, from, to) {
    var periods = state.activity.periods;
    var n = 0;
    series.forEach(function (entry, i) { if (inWindow(periods, i, from, to)) n += entry[1]; });
    return n;
  }

  function windowLabel(from, to) {
    var a = state.activity;
    var first = a.periods[0] || '';
    var last = a.periods[a.periods.length - 1] || '';
    return (from || first) + ' to ' + (to || 'end of ' + last);
  }

  function tooltip(crossing, n) {
    var a = state.activity;
    var box = el('div', 'activity-tooltip');
    box.appendChild(el('strong', null, crossing.name));
    box.appendChild(el('div', null, n.toLocaleString('en') + ' events within ' +
      (a.radius_m / 1000) + ' km, ' + windowLabel(state.from, state.to)));
    box.appendChild(el('div', 'activity-source', 'Source: ' + a.source));
    return box;
  }

  function draw(map, data) {
    if (!data || !data.activity) return null;
    if (state.layer) state.layer.remove();
    state.map = map;
    state.activity = data.activity;
    state.layer = L.layerGroup();
    state.rings = {};
    data.crossings.forEach(function (c) {
      if (!data.activity.by_crossing[c.id]) return;
      var ring = L.circleMarker([c.lat, c.lon], {
        radius: 0, color: COLOUR, weight: 2, fillColor: COLOUR, fillOpacity: 0.12,
        className: 'activity-ring'
      });
      state.rings[c.id] = { ring: ring, crossing: c };
      ring.addTo(state.layer);
    });
    state.layer.addTo(map);
    setWindow(state.from, state.to);
    if (window.performance && performance.mark) performance.mark('atlas-activity-drawn');
    return state.layer;
  }

  /** Resize every ring to the events between fromIso and toIso (ISO dates; null = open). */
  function setWindow(fromIso, toIso) {
    state.from = fromIso || null;
    state.to = toIso || null;
    if (!state.activity) return;
    var byCrossing = state.activity.by_crossing;
    // Scale by the busiest crossing over the whole range, so a narrower window shrinks rings.
    var max = 0;
    Object.keys(byCrossing).forEach(function (id) {
      max = Math.max(max, countIn(byCrossing[id], null, null));
    });
    Object.keys(state.rings).forEach(function (id) {
      var entry = state.rings[id];
      var n = countIn(byCrossing[id], state.from, state.to);
      // Area proportional to the count: radius grows with its square root.
      var radius = n > 0 ? MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(n / max) : 0;
      entry.ring.setRadius(radius);
      entry.ring.setStyle({ opacity: n > 0 ? 1 : 0, fillOpacity: n > 0 ? 0.12 : 0 });
      entry.ring.unbindTooltip();
      if (n > 0) entry.ring.bindTooltip(tooltip(entry.crossing, n), { sticky: true });
    });
  }

  /** A bar chart of the crossing's events per period, the current window highlighted. */
  function chart(crossingId) {
    var a = state.activity;
    if (!a || !a.by_crossing[crossingId]) return null;
    var series = a.by_crossing[crossingId];
    var width = 260, height = 70, top = 4, bottom = 16;
    var max = Math.max.apply(null, series.map(function (e) { return e[1]; }).concat([1]));
    var total = series.reduce(function (s, e) { return s + e[1]; }, 0);
    var root = svg('svg', { width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', class: 'activity-chart' });
    var title = svg('title');
    title.textContent = total.toLocaleString('en') + ' events within ' + (a.radius_m / 1000) +
      ' km per ' + a.period + ', ' + (series.length ? series[0][0] + ' to ' +
      series[series.length - 1][0] : 'no dates') + '. Source: ' + a.source;
    root.appendChild(title);
    root.setAttribute('aria-label', title.textContent);
    var step = series.length ? width / series.length : width;
    series.forEach(function (entry, i) {
      if (!entry[1]) return;
      var h = (height - top - bottom) * entry[1] / max;
      var bar = svg('rect', { x: (i * step).toFixed(2), y: (height - bottom - h).toFixed(2),
        width: Math.max(step - 0.5, 0.5).toFixed(2), height: h.toFixed(2),
        fill: inWindow(a.periods, i, state.from, state.to) ? COLOUR : '#bbbbbb' });
      var tip = svg('title');
      tip.textContent = entry[0] + ': ' + entry[1];
      bar.appendChild(tip);
      root.appendChild(bar);
    });
    root.appendChild(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom,
      stroke: '#666666' }));
    [[0, 'start'], [series.length - 1, 'end']].forEach(function (pair) {
      if (!series.length) return;
      var label = svg('text', { x: pair[1] === 'start' ? 0 : width, y: height - 3,
        'text-anchor': pair[1], 'font-size': 10, fill: '#333333' });
      label.textContent = series[pair[0]][0].slice(0, 7);
      root.appendChild(label);
    });
    return root;
  }

  // Draw once the map exists; Leaflet calls init hooks at the end of the map's constructor.
  if (window.L && L.Map && L.Map.addInitHook) {
    L.Map.addInitHook(function () {
      var block = document.getElementById('atlas-data');
      if (!block || state.map) return;
      var data = JSON.parse(block.textContent);
      if (data.activity) draw(this, data);
    });
  }

  window.AtlasActivity = { draw: draw, setWindow: setWindow, chart: chart };
})();
