/* The crossings atlas figures on the map: one circle per figure at its area's point, its area
 * proportional to the number, coloured by what it counts (people displaced, population, people
 * killed) and dashed when the number is not exact. Overlapping figures are each drawn and never
 * added together; the largest are drawn first so the small ones on top stay reachable. A figure
 * shows from the day it was surely stated (known_by). "Figures" above the map turns the layer
 * off. Circles that share a point would hide each other from a keyboard, so they take no focus:
 * the keyboard (and a screen reader) reaches every figure in the Displacement panel, which a
 * click on a circle opens. Text from data reaches the page only via textContent. atlas.js calls:
 *
 *   AtlasFigureLayer.draw(ctx)           circles and the on/off switch (nothing without figures)
 *   AtlasFigureLayer.follow(ctx)         show the figures known by the chosen date
 *   AtlasFigureLayer.applyLanguage(ctx)  the switch's label
 *   AtlasFigureLayer.legend(ctx)         the legend rows for the circles
 */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, P = window.AtlasParts, el = window.AtlasDom.el,
    t = T.t;
  var MAX_RADIUS = 34;  // px for the largest figure in the data
  var MIN_RADIUS = 4;   // px: below this a circle could not be seen or pointed at
  var state = { layer: null, circles: [], shown: -1, toggle: null };

  function colour(f) { return P.METRIC_COLOURS[f.metric] || '#333333'; }

  /** The figure in words: number, qualifier, metric, date or period, area and source. */
  function describe(ctx, f) {
    var box = el('div', 'figure-tip');
    box.appendChild(el('p', 'figure-number', P.figureLabel(f)));
    box.appendChild(P.figureWhen(ctx, f));
    P.figureArea(f, box);
    var src = el('p', 'source-line', t('source') + ' ');
    src.appendChild(P.sourceLink(ctx, f.source_id));
    box.appendChild(src);
    return box;
  }

  /** Mark the circle's SVG path with its figure once it is on the map, and keep it out of the
   * tab order (Chromium lets the keyboard reach an SVG shape that has focus listeners, as
   * Leaflet's tooltips add). */
  function label(item) {
    var path = item.circle.getElement();
    if (!path) return;
    path.setAttribute('tabindex', '-1');
    path.dataset.figure = item.figure.figure_id;
    path.dataset.metric = item.figure.metric;
  }

  function draw(ctx) {
    var figures = ctx.data.figures.filter(function (f) {
      return f.lat !== null && f.lon !== null && f.figure !== null && f.figure !== undefined;
    });
    if (!figures.length) return;
    var largest = Math.max.apply(null, figures.map(function (f) { return f.figure; })) || 1;
    // Largest first: each later (smaller) circle lies on top and can still be pointed at.
    figures = figures.map(function (f, i) { return [f, i]; }).sort(function (a, b) {
      return b[0].figure - a[0].figure || a[1] - b[1];
    }).map(function (p) { return p[0]; });
    state.layer = L.layerGroup().addTo(ctx.map);
    state.circles = figures.map(function (f) {
      var item = { figure: f };
      item.circle = L.circleMarker([f.lat, f.lon], {
        radius: Math.max(MIN_RADIUS, MAX_RADIUS * Math.sqrt(f.figure / largest)),
        color: colour(f), weight: 2, fillColor: colour(f), fillOpacity: 0.1,
        dashArray: f.qualifier === 'exact' ? null : '6 4',
        className: 'figure-circle metric-' + f.metric + (f.qualifier === 'exact' ? ''
          : ' inexact')
      });
      item.circle.bindTooltip(function () { return describe(ctx, f); },
        { direction: 'auto', sticky: true, className: 'figure-tooltip' });
      item.circle.on('add', function () { label(item); });
      item.circle.on('click', function () { ctx.showFigure(f.figure_id); });
      return item;
    });
    switchControl(ctx);
  }

  /** "Figures" on or off, beside the zoom buttons (layout.js docks it above the map). */
  function switchControl(ctx) {
    var control = L.control({ position: 'topleft' });
    control.onAdd = function () {
      var box = el('label', 'figure-switch leaflet-bar');
      var input = el('input');
      input.type = 'checkbox';
      input.checked = true;
      input.id = 'figure-switch';
      input.addEventListener('change', function () {
        if (input.checked) state.layer.addTo(ctx.map); else state.layer.remove();
      });
      box.appendChild(input);
      box.appendChild(el('span'));
      L.DomEvent.disableClickPropagation(box);
      state.toggle = box;
      return box;
    };
    control.addTo(ctx.map);
  }

  /** Show exactly the figures known by the chosen date; redrawn only when that set changes. */
  function follow(ctx) {
    if (!state.layer) return;
    var known = state.circles.filter(function (item) {
      return D.knownOn(item.figure, ctx.state.date);
    });
    if (known.length === state.shown) return; // known_by only grows: same count, same set
    state.shown = known.length;
    state.layer.clearLayers();
    known.forEach(function (item) { state.layer.addLayer(item.circle); });
  }

  function applyLanguage(ctx) {
    if (!state.toggle) return;
    state.toggle.lastChild.textContent = t('figuresLayer');
    state.toggle.dir = T.language() === 'ar' ? 'rtl' : 'ltr';
    state.toggle.title = t('figuresLayerName');
  }

  /** A swatch per kind of figure in the data, and how to read the circles. */
  function legend(ctx) {
    var box = el('div', 'legend-figures');
    if (!state.layer) return box;
    var metrics = [];
    state.circles.forEach(function (item) {
      if (metrics.indexOf(item.figure.metric) < 0) metrics.push(item.figure.metric);
    });
    box.appendChild(el('p', 'legend-head', t('legendFiguresHead')));
    metrics.forEach(function (metric) {
      var row = el('div', 'legend-row');
      var swatch = el('span', 'swatch figure-swatch');
      swatch.style.borderColor = colour({ metric: metric });
      row.appendChild(swatch);
      row.appendChild(el('span', null, T.term('metric', metric)));
      box.appendChild(row);
    });
    box.appendChild(el('p', 'legend-note', t('legendFigures')));
    return box;
  }

  window.AtlasFigureLayer = { draw: draw, follow: follow, applyLanguage: applyLanguage,
    legend: legend };
})();
