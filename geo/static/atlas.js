/* The crossings atlas page script: draws the basemap, crossings, claims and figures from the
 * JSON block #atlas-data. Text from data only reaches the page through textContent. */
(function () {
  'use strict';

  /** Create an element with optional class and text; never parses HTML. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** A link to a source that opens in a new tab without giving it our window. */
  function sourceLink(data, sourceId) {
    var source = data.sources[sourceId] || {};
    var label = source.outlet ? source.outlet + (source.published ? ', ' + source.published : '')
      : sourceId;
    if (!source.url || !/^https?:\/\//.test(source.url)) return el('span', 'source', label);
    var a = el('a', 'source', label);
    a.href = source.url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  function humanDate(date, precision) {
    var months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct',
      'Nov', 'Dec'];
    var parts = String(date).split('-');
    if (precision === 'year' || parts.length === 1) return parts[0] + ' (year only)';
    var month = months[Number(parts[1]) - 1] + ' ' + parts[0];
    if (precision === 'month' || parts.length === 2) return month + ' (month only)';
    return Number(parts[2]) + ' ' + month;
  }

  function qualified(data, figure) {
    var words = data.qualifiers[figure.qualifier] || '';
    return (words ? words + ' ' : '') + Number(figure.figure).toLocaleString('en');
  }

  /** The popup body for a crossing: its status and every claim beside its counter-claims. */
  function crossingPopup(data, crossing) {
    var box = el('div', 'atlas-popup');
    box.appendChild(el('h3', null, crossing.name));
    if (crossing.name_ar) {
      var ar = el('p', 'name-ar', crossing.name_ar);
      ar.lang = 'ar';
      ar.dir = 'rtl';
      box.appendChild(ar);
    }
    var status = data.statuses[crossing.latest_status];
    box.appendChild(el('p', 'status', 'Latest status: ' + status.label +
      (crossing.latest_status_date ? ' (' + crossing.latest_status_date + ')' : '')));
    if (crossing.location_precision !== 'exact') {
      box.appendChild(el('p', 'precision', 'Approximate location: the crossing lies within about ' +
        (crossing.precision_m / 1000).toFixed(1) + ' km of this point.'));
    }
    var byId = {};
    crossing.timeline.forEach(function (e) { byId[e.event_id] = e; });
    var list = el('ol', 'claims');
    crossing.timeline.forEach(function (e) {
      if (e.responds_to && byId[e.responds_to]) return; // shown under the claim it answers
      list.appendChild(claimItem(data, e, crossing.timeline));
    });
    box.appendChild(list);
    return box;
  }

  function claimItem(data, e, timeline) {
    var item = el('li', 'claim side-' + e.claimant_side);
    var head = el('p', 'claim-head');
    head.appendChild(el('strong', null, humanDate(e.date, e.date_precision)));
    head.appendChild(document.createTextNode(' · ' + e.event_type.replace(/_/g, ' ') + ' · '));
    head.appendChild(el('span', 'assessment ' + e.assessment.replace(/ /g, '-'), e.assessment));
    item.appendChild(head);
    item.appendChild(el('p', 'summary', e.summary));
    var who = el('p', 'claimant', e.claimant + ' (' + e.claimant_side + ') — ');
    who.appendChild(sourceLink(data, e.source_id));
    item.appendChild(who);
    var answers = timeline.filter(function (o) { return o.responds_to === e.event_id; });
    if (answers.length) {
      var sub = el('ol', 'counter-claims');
      sub.setAttribute('aria-label', 'Disputed by');
      answers.forEach(function (o) { sub.appendChild(claimItem(data, o, timeline)); });
      item.appendChild(sub);
    }
    return item;
  }

  function figurePopup(data, figure) {
    var box = el('div', 'atlas-popup');
    box.appendChild(el('h3', null, qualified(data, figure) + ' ' +
      (data.metrics[figure.metric] || figure.metric)));
    var when = figure.period_start ? 'From ' + figure.period_start + ' to ' + figure.as_of
      : 'As of ' + figure.as_of;
    box.appendChild(el('p', null, when + ' · ' + (figure.area_name || figure.area_label)));
    if (figure.claimant) box.appendChild(el('p', 'claimant', 'According to ' + figure.claimant));
    if (figure.note) box.appendChild(el('p', 'note', figure.note));
    var src = el('p', 'source-line', 'Source: ');
    src.appendChild(sourceLink(data, figure.source_id));
    box.appendChild(src);
    box.appendChild(el('p', 'note', 'Figures that overlap in time or area are shown separately, ' +
      'never added together.'));
    return box;
  }

  function drawBasemap(map, data) {
    L.geoJSON(data.basemap.neighbours, {
      interactive: false,
      style: function (f) {
        var syria = f.properties.name === 'Syria';
        return { color: '#8a8a8a', weight: 1, fillColor: syria ? '#ffffff' : '#e9e6df',
          fillOpacity: 1 };
      }
    }).addTo(map);
    L.geoJSON(data.basemap.admin1, {
      interactive: false,
      style: function () { return { color: '#6b6b6b', weight: 1, dashArray: '4 3', fill: false }; }
    }).addTo(map);
  }

  function drawFigures(map, data) {
    var layer = L.layerGroup();
    // Largest first so smaller circles stay on top and clickable; never summed.
    var figures = data.figures.filter(function (f) { return f.lat !== null; })
      .sort(function (a, b) { return b.figure - a.figure; });
    figures.forEach(function (f) {
      var radius = Math.max(4, Math.sqrt(f.figure) / 25);
      L.circleMarker([f.lat, f.lon], {
        radius: radius, color: '#7a3b00', weight: 1.5, fillColor: '#f5c08a', fillOpacity: 0.25,
        dashArray: f.qualifier === 'exact' ? null : '3 3'
      }).bindPopup(function () { return figurePopup(data, f); }, { maxWidth: 320 })
        .bindTooltip(qualified(data, f) + ' ' + (data.metrics[f.metric] || f.metric))
        .addTo(layer);
    });
    return layer.addTo(map);
  }

  function drawCrossings(map, data) {
    var layer = L.layerGroup();
    data.crossings.forEach(function (c) {
      var colour = data.statuses[c.latest_status].colour;
      if (c.location_precision !== 'exact' && c.precision_m > 0) {
        L.circle([c.lat, c.lon], { radius: c.precision_m, color: colour, weight: 1,
          dashArray: '4 4', fillOpacity: 0.08, interactive: false }).addTo(layer);
      }
      L.circleMarker([c.lat, c.lon], { radius: 8, color: '#ffffff', weight: 2,
        fillColor: colour, fillOpacity: 1 })
        .bindPopup(function () { return crossingPopup(data, c); },
          { maxWidth: 360, maxHeight: 420 })
        .bindTooltip(c.name, { direction: 'top', offset: [0, -8] })
        .addTo(layer);
    });
    return layer.addTo(map);
  }

  function legend(map, data) {
    var control = L.control({ position: 'bottomright' });
    control.onAdd = function () {
      var box = el('div', 'atlas-legend');
      box.appendChild(el('h2', null, 'Latest status'));
      Object.keys(data.statuses).forEach(function (key) {
        var row = el('div', 'legend-row');
        var swatch = el('span', 'swatch');
        swatch.style.background = data.statuses[key].colour;
        row.appendChild(swatch);
        row.appendChild(el('span', null, data.statuses[key].label));
        box.appendChild(row);
      });
      box.appendChild(el('p', 'legend-note', 'Dashed circle: the crossing lies somewhere ' +
        'inside it (location approximate).'));
      box.appendChild(el('p', 'legend-note', 'Brown circles: displacement figures, area ' +
        'proportional to the number; dashed when the figure is approximate.'));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
  }

  function init(map, dataElement) {
    var data = JSON.parse(dataElement.textContent);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(data.attribution);
    drawBasemap(map, data);
    var figures = drawFigures(map, data);
    var crossings = drawCrossings(map, data);
    L.control.layers(null, { 'Crossings': crossings, 'Displacement figures': figures },
      { collapsed: false }).addTo(map);
    legend(map, data);
    var title = L.control({ position: 'topleft' });
    title.onAdd = function () {
      var box = el('div', 'atlas-title');
      box.appendChild(el('h1', null, 'Humanitarian crossings in north-west Syria, 2019–2021'));
      box.appendChild(el('p', null, 'What the Syrian government and Russia announced, what ' +
        'others answered, and how many people were displaced. Select a crossing for its claims.'));
      return box;
    };
    title.addTo(map);
  }

  window.Atlas = { init: init };
})();
