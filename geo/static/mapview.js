/* The crossings atlas map: the vector basemap, one marker per crossing coloured by its status on
 * the chosen date, the legend, and framing the map around a crossing. atlas.js owns the state;
 * every function here takes the shared context `ctx` (data, map, state, ui, markers). The
 * labels of crossings and towns are placed by labels.js. */
(function () {
  'use strict';
  var T = window.AtlasText, P = window.AtlasParts, el = window.AtlasDom.el, t = T.t;
  var MARGIN = 24; // px a focused crossing is kept inside the map's edge

  function drawBasemap(ctx) {
    var data = ctx.data, map = ctx.map;
    L.geoJSON(data.basemap.neighbours, {
      interactive: false,
      style: function (f) {
        var syria = f.properties.name === 'Syria';
        return { color: '#767676', weight: 1, fillColor: syria ? '#ffffff' : '#ebe8e1',
          fillOpacity: 1 };
      }
    }).addTo(map);
    L.geoJSON(data.basemap.admin1, {
      interactive: false,
      style: function () { return { color: '#6b6b6b', weight: 1, dashArray: '4 3', fill: false }; }
    }).addTo(map);
    if (data.bounds) map.setMaxBounds(data.bounds);
    keepFocusInView(ctx);
  }

  function drawCrossings(ctx) {
    ctx.data.crossings.forEach(function (c) {
      var approx = c.location_precision !== 'exact';
      var ring = approx && c.precision_m > 0 ? L.circle([c.lat, c.lon], { radius: c.precision_m,
        className: 'precision-ring', weight: 1.5, dashArray: '5 4', fillOpacity: 0.06,
        interactive: false }).addTo(ctx.map) : null;
      var dot = el('span', 'dot');
      var icon = L.divIcon({ className: 'crossing-marker' + (approx ? ' approx' : ' exact'),
        iconSize: [22, 22], html: dot });
      // Leaflet's own pan on focus is animated; ours (keepFocusInView) is at once.
      var marker = L.marker([c.lat, c.lon], { icon: icon, keyboard: true, riseOnHover: true,
        autoPanOnFocus: false }).addTo(ctx.map);
      marker.on('click', function () { ctx.select(c.id); });
      marker.on('keypress', function (e) {
        var key = e.originalEvent.key;
        if (key === 'Enter' || key === ' ') { e.originalEvent.preventDefault(); ctx.select(c.id, 'claims'); }
      });
      var node = marker.getElement();
      node.dataset.crossing = c.id;
      node.classList.add('crossing-' + c.id);
      ctx.markers[c.id] = { marker: marker, ring: ring, node: node };
    });
  }

  /** Whatever on the map takes focus (a crossing, a figures table's circle) is brought inside
   * the map's edge at once, panning just enough, so the keyboard never lands out of sight. */
  function keepFocusInView(ctx) {
    var map = ctx.map, container = map.getContainer();
    container.addEventListener('focusin', function (e) {
      if (e.target === container) return;
      var r = e.target.getBoundingClientRect(), m = container.getBoundingClientRect();
      var x = r.left + r.width / 2 - m.left, y = r.top + r.height / 2 - m.top;
      var size = map.getSize();
      var dx = Math.min(0, x - MARGIN) + Math.max(0, x - size.x + MARGIN);
      var dy = Math.min(0, y - MARGIN) + Math.max(0, y - size.y + MARGIN);
      if (dx || dy) map.panBy([dx, dy], { animate: false });
    });
  }

  /** Recolour every crossing for the chosen date; cheap enough to run on every slider step. */
  function drawStatuses(ctx) {
    var data = ctx.data, state = ctx.state;
    data.crossings.forEach(function (c) {
      var m = ctx.markers[c.id], step = ctx.statusStep(c, state.date);
      var status = step ? step.status : 'none';
      if (m.node.dataset.status !== status) {
        m.node.classList.remove('status-' + m.node.dataset.status);
        m.node.classList.add('status-' + status);
        m.node.dataset.status = status;
        m.node.firstChild.style.background = data.status_colours[status];
        if (m.ring) m.ring.setStyle({ color: data.status_colours[status] });
      }
      m.node.classList.toggle('selected', state.crossing === c.id);
      m.node.setAttribute('aria-label', t('markerLabel', { name: P.crossingName(c),
        status: T.term('status', status) }));
    });
  }

  function swatch(ctx, status) {
    var node = el('span', 'swatch status-' + status);
    node.style.background = ctx.data.status_colours[status];
    return node;
  }

  /** The legend's content; shown on the map and again in "About & data". */
  function legendNode(ctx) {
    var box = el('div', 'legend-body');
    box.appendChild(el('p', 'legend-head', t('legendStatus')));
    Object.keys(ctx.data.status_colours).forEach(function (key) {
      var row = el('div', 'legend-row');
      row.appendChild(swatch(ctx, key));
      row.appendChild(el('span', null, T.term('status', key)));
      box.appendChild(row);
    });
    [['approx', 'legendApprox'], ['exact', 'legendExact']].forEach(function (r) {
      var row = el('div', 'legend-row');
      row.appendChild(el('span', 'swatch outline-' + r[0]));
      row.appendChild(el('span', null, t(r[1])));
      box.appendChild(row);
    });
    var towns = el('div', 'legend-row');
    towns.appendChild(el('span', 'swatch town-swatch'));
    towns.appendChild(el('span', null, t('legendTowns')));
    box.appendChild(towns);
    box.appendChild(window.AtlasFigureLayer.legend(ctx));
    if (ctx.areaFigures) box.appendChild(ctx.areaFigures.legend(ctx));
    if (ctx.activity) box.appendChild(ctx.activity.legend());
    box.appendChild(el('p', 'legend-note', t('legendDates')));
    box.appendChild(el('p', 'legend-note', t('legendAssess')));
    return box;
  }

  /** The legend: its summary in the bar above the map (layout.js docks it), its body opening
   * over the map. */
  function legendControl(ctx) {
    var legend = el('details', 'atlas-legend');
    legend.addEventListener('toggle', function () { if (ctx.placeLabels) ctx.placeLabels(); });
    ctx.ui.legend = legend;
  }

  /** What lies over the map (only the open legend): boxes in the map's own pixels. */
  function covers(ctx) {
    var legend = ctx.ui.legend, body = legend && legend.open && legend.querySelector('.legend-body');
    if (!body) return [];
    var r = body.getBoundingClientRect(), m = ctx.map.getContainer().getBoundingClientRect();
    return [{ left: r.left - m.left, top: r.top - m.top, right: r.right - m.left,
      bottom: r.bottom - m.top }];
  }

  /** Fold the legend away when, open, it would hide a crossing: at start, and whenever a zoom
   * or a new size of the map brings a crossing under it. */
  function foldLegend(ctx) {
    var legend = ctx.ui.legend, map = ctx.map, size = map.getSize();
    if (!legend || !legend.open) return;
    var hidden = covers(ctx).some(function (box) {
      return ctx.data.crossings.some(function (c) {
        var p = map.latLngToContainerPoint([c.lat, c.lon]);
        return p.x >= -11 && p.y >= -11 && p.x <= size.x + 11 && p.y <= size.y + 11 &&
          p.x + 11 > box.left && p.x - 11 < box.right && p.y + 11 > box.top && p.y - 11 < box.bottom;
      });
    });
    if (hidden) legend.open = false;
  }

  /** Redraw the map's strings in the current language: the legend (labels: labels.js). */
  function applyLanguage(ctx) {
    var dir = T.language() === 'ar' ? 'rtl' : 'ltr', legend = ctx.ui.legend;
    legend.textContent = '';
    legend.setAttribute('dir', dir);
    legend.appendChild(el('summary', null, t('legend')));
    var body = legendNode(ctx);
    body.tabIndex = 0; // it may scroll: the keyboard can scroll it too
    legend.appendChild(body);
  }

  /** Centre a crossing in the map (the panel lies beside or below the map, never over it). */
  function showCrossing(ctx, id) {
    var c = ctx.crossingsById[id], map = ctx.map;
    map.setView([c.lat, c.lon], Math.max(map.getZoom(), 9), { animate: false });
  }

  /** The first view: the crossings and the towns around them (page data `frame`). */
  function fitCrossings(ctx) {
    ctx.map.fitBounds(ctx.data.frame, { animate: false });
  }

  window.AtlasMap = {
    drawBasemap: drawBasemap, drawCrossings: drawCrossings, drawStatuses: drawStatuses,
    swatch: swatch, legendNode: legendNode, legendControl: legendControl, covers: covers,
    foldLegend: foldLegend, applyLanguage: applyLanguage, showCrossing: showCrossing,
    fitCrossings: fitCrossings
  };
})();
