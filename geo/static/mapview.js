/* The crossings atlas map: the vector basemap, one marker per crossing coloured by its status on
 * the chosen date, the legend, and framing the map around a crossing. atlas.js owns the state;
 * every function here takes the shared context `ctx` (data, map, state, ui, markers). */
(function () {
  'use strict';
  var T = window.AtlasText, P = window.AtlasParts, el = window.AtlasDom.el, t = T.t;

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
      var marker = L.marker([c.lat, c.lon], { icon: icon, keyboard: true, riseOnHover: true })
        .addTo(ctx.map);
      var label = el('span', 'label-text');
      marker.bindTooltip(label, { permanent: true, direction: 'right', offset: [10, 0],
        className: 'crossing-label' });
      marker.on('click', function () { ctx.select(c.id); });
      marker.on('keypress', function (e) {
        var key = e.originalEvent.key;
        if (key === 'Enter' || key === ' ') { e.originalEvent.preventDefault(); ctx.select(c.id, 'claims'); }
      });
      var node = marker.getElement();
      node.dataset.crossing = c.id;
      node.classList.add('crossing-' + c.id);
      ctx.markers[c.id] = { marker: marker, ring: ring, node: node, label: label };
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
    box.appendChild(window.AtlasFigureLayer.legend(ctx));
    if (ctx.areaFigures) box.appendChild(ctx.areaFigures.legend(ctx));
    if (ctx.activity) box.appendChild(ctx.activity.legend());
    box.appendChild(el('p', 'legend-note', t('legendDates')));
    box.appendChild(el('p', 'legend-note', t('legendAssess')));
    return box;
  }

  function legendControl(ctx) {
    var control = L.control({ position: 'topright' });
    control.onAdd = function () {
      var legend = el('details', 'atlas-legend');
      legend.open = window.innerWidth > 700;
      L.DomEvent.disableClickPropagation(legend);
      L.DomEvent.disableScrollPropagation(legend);
      ctx.ui.legend = legend;
      return legend;
    };
    control.addTo(ctx.map);
  }

  /** A scale bar whose lengths are written in the reader's language and digits. */
  var Scale = L.Control.Scale.extend({
    _updateScale: function (scale, text, ratio) { // Leaflet 1.9's hook: '50 km' at `ratio`
      scale.style.width = Math.round(this.options.maxWidth * ratio) + 'px';
      var m = /^([\d.]+) (\S+)$/.exec(text);
      var unit = m && T.language() === 'ar' ? { km: 'كم', m: 'م' }[m[2]] : m && m[2];
      scale.textContent = m && unit ? T.formatNumber(Number(m[1])) + ' ' + unit : text;
    }
  });

  /** The Leaflet controls in the reader's language: zoom buttons' names, the scale bar (in
   * kilometres only in Arabic; miles too in English) and the credits line. */
  function translateControls(ctx) {
    var map = ctx.map, ui = ctx.ui, ar = T.language() === 'ar';
    [['.leaflet-control-zoom-in', 'zoomIn'], ['.leaflet-control-zoom-out', 'zoomOut']]
      .forEach(function (pair) {
        var button = map.getContainer().querySelector(pair[0]);
        if (!button) return;
        button.title = t(pair[1]);
        button.setAttribute('aria-label', t(pair[1]));
      });
    if (ui.scale) ui.scale.remove();
    // At the reading direction's start: bottom right in Arabic, clear of the side panel.
    ui.scale = new Scale({ imperial: !ar, metric: true,
      position: ar ? 'bottomright' : 'bottomleft' }).addTo(map);
    var credits = map.attributionControl;
    if (credits) {
      credits.setPrefix(false);
      if (ui.credits) credits.removeAttribution(ui.credits);
      ui.credits = ctx.data.credits[T.language()];
      credits.addAttribution(ui.credits);
      credits.getContainer().dir = ar ? 'rtl' : 'ltr';
    }
  }

  /** Redraw the map's strings in the current language: the legend, the crossing labels and
   * Leaflet's own controls. */
  function applyLanguage(ctx) {
    var dir = T.language() === 'ar' ? 'rtl' : 'ltr';
    ctx.map.getContainer().setAttribute('aria-label', t('mapLabel'));
    translateControls(ctx);
    ctx.ui.legend.textContent = '';
    ctx.ui.legend.setAttribute('dir', dir);
    ctx.ui.legend.appendChild(el('summary', null, t('legend')));
    ctx.ui.legend.appendChild(legendNode(ctx));
    ctx.data.crossings.forEach(function (c) {
      var label = ctx.markers[c.id].label;
      label.textContent = P.crossingName(c);
      label.dir = dir;
    });
  }

  /** Centre a crossing in the part of the map the panel leaves uncovered. */
  function showCrossing(ctx, id) {
    var map = ctx.map, panel = ctx.ui.panel;
    var c = ctx.crossingsById[id], zoom = Math.max(map.getZoom(), 9), shift = [0, 0];
    if (!panel.hidden) {
      var sheet = panel.offsetWidth >= map.getSize().x;
      shift = sheet ? [0, panel.offsetHeight / 2]
        : [(T.language() === 'ar' ? -1 : 1) * panel.offsetWidth / 2, 0];
    }
    var centre = map.unproject(map.project([c.lat, c.lon], zoom).add(shift), zoom);
    map.setView(centre, zoom, { animate: false });
  }

  /** Frame every crossing, with their rings, in the map's space. */
  function fitCrossings(ctx) {
    var bounds = L.latLngBounds(ctx.data.crossings.map(function (c) { return [c.lat, c.lon]; }));
    ctx.map.fitBounds(bounds.pad(0.15), { animate: false });
  }

  window.AtlasMap = {
    drawBasemap: drawBasemap, drawCrossings: drawCrossings, drawStatuses: drawStatuses,
    swatch: swatch, legendNode: legendNode, legendControl: legendControl,
    applyLanguage: applyLanguage, showCrossing: showCrossing, fitCrossings: fitCrossings
  };
})();
