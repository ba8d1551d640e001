/* The crossings atlas labels: every name on the map, placed so that none overlaps another, a
 * crossing, a town's dot or the open legend, and none is cut by the map's edge.
 *
 * Crossing labels come first and are never dropped: beside their marker where there is room,
 * else farther out along a leader line. Then the towns (page data `towns`, the OCHA capitals),
 * each level from its own zoom, most important first, each label beside its dot; a town whose
 * label has no room at this zoom is left out, dot and all. Placement depends only on the view,
 * the language and the legend, so the same view always gives the same map. It runs after every
 * move, zoom or resize of the map, and when the language or the legend changes. */
(function () {
  'use strict';
  var T = window.AtlasText, P = window.AtlasParts, el = window.AtlasDom.el;
  var MARKER = 11;  // px: half a crossing marker's box
  var GAP = 3;      // px between a label and what it names
  var EDGE = 2;     // px kept clear inside the map's edge
  var CLEAR = 1;    // px kept between any two things placed
  // Beside a point: east, west, the four diagonals, north, south (screen y grows downwards).
  var BESIDE = [[1, 0], [-1, 0], [1, -1], [1, 1], [-1, -1], [-1, 1], [0, -1], [0, 1]];
  var FAR = [30, 46, 64, 86, 112, 142];  // px: farther rings for a crossing label, with a leader
  var state = { pane: null, crossings: [], towns: [], sizes: {}, language: null };

  /** The pane, a label and a leader line per crossing, and the towns (drawn as they are needed). */
  function draw(ctx) {
    var map = ctx.map;
    state.pane = map.createPane('atlasLabels');
    state.pane.setAttribute('aria-hidden', 'true'); // names only: each crossing names itself
    state.crossings = ctx.data.crossings.map(function (c) {
      var label = el('span', 'map-label crossing-label');
      label.dataset.labelCrossing = c.id;
      var leader = el('span', 'leader');
      state.pane.appendChild(leader);
      state.pane.appendChild(label);
      return { c: c, label: label, leader: leader };
    });
    var towns = ctx.data.towns || { places: [], from_zoom: [] };
    state.towns = towns.places.map(function (p) {
      return { lon: p[0], lat: p[1], level: p[2], name: p[3], name_ar: p[4],
        fromZoom: towns.from_zoom[p[2]], dot: null, label: null };
    });
    map.on('zoomstart', function () { state.pane.classList.add('moving'); });
    map.on('moveend', function () { place(ctx); });
    ctx.placeLabels = function () { place(ctx); };
  }

  function applyLanguage(ctx) {
    var ar = T.language() === 'ar';
    state.language = T.language();
    state.crossings.forEach(function (item) {
      item.label.textContent = P.crossingName(item.c);
      item.label.dir = ar ? 'rtl' : 'ltr';
    });
    state.towns.forEach(function (town) {
      if (!town.label) return;
      town.label.textContent = ar ? town.name_ar : town.name;
      town.label.dir = ar ? 'rtl' : 'ltr';
    });
    place(ctx);
  }

  function townNodes(town) {
    if (town.label) return;
    var ar = T.language() === 'ar';
    town.dot = el('span', 'town-dot level-' + town.level);
    town.label = el('span', 'map-label town-label level-' + town.level, ar ? town.name_ar : town.name);
    town.label.dir = ar ? 'rtl' : 'ltr';
    town.dot.hidden = town.label.hidden = true;
    state.pane.appendChild(town.dot);
    state.pane.appendChild(town.label);
  }

  // ---- boxes -------------------------------------------------------------------------------

  function box(left, top, w, h) { return { left: left, top: top, right: left + w, bottom: top + h }; }

  function around(p, r) { return box(p.x - r, p.y - r, 2 * r, 2 * r); }

  function hits(a, boxes) {
    return boxes.some(function (b) {
      return a.left < b.right + CLEAR && b.left < a.right + CLEAR &&
        a.top < b.bottom + CLEAR && b.top < a.bottom + CLEAR;
    });
  }

  function overlapArea(a, boxes) {
    return boxes.reduce(function (sum, b) {
      var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      return sum + (w > 0 && h > 0 ? w * h : 0);
    }, 0);
  }

  function within(a, view) {
    return a.left >= view.left && a.top >= view.top && a.right <= view.right &&
      a.bottom <= view.bottom;
  }

  /** A w × h box `dist` px from p in direction (dx, dy), on the side the direction points to. */
  function beside(p, dx, dy, dist, w, h) {
    var n = Math.sqrt(dx * dx + dy * dy) || 1, ax = p.x + dx / n * dist, ay = p.y + dy / n * dist;
    var sx = dx / n > 0.38 ? 1 : dx / n < -0.38 ? -1 : 0;
    var sy = dy / n > 0.38 ? 1 : dy / n < -0.38 ? -1 : 0;
    return box(sx > 0 ? ax : sx < 0 ? ax - w : ax - w / 2, sy > 0 ? ay : sy < 0 ? ay - h : ay - h / 2,
      w, h);
  }

  /** Where a crossing's label may go, nearest first: beside the marker, then rings farther out
   * (16 directions each) that need a leader line. */
  function crossingSpots(p, w, h) {
    var spots = BESIDE.map(function (d) {
      return { box: beside(p, d[0], d[1], MARKER + GAP, w, h), leader: false };
    });
    FAR.forEach(function (dist) {
      for (var k = 0; k < 16; k++) {
        var a = k * Math.PI / 8;
        spots.push({ box: beside(p, Math.cos(a), Math.sin(a), dist, w, h), leader: true });
      }
    });
    return spots;
  }

  /** Sizes of the labels about to be placed, measured in one layout pass and kept per text. */
  function measure(nodes) {
    var lang = T.language(), todo = nodes.filter(function (n) {
      return !state.sizes[lang + '|' + n.className + '|' + n.textContent];
    });
    todo.forEach(function (n) { n.hidden = false; n.classList.add('measuring'); });
    todo.forEach(function (n) {
      var r = n.getBoundingClientRect();
      state.sizes[lang + '|' + n.className.replace(' measuring', '') + '|' + n.textContent] =
        [Math.ceil(r.width), Math.ceil(r.height)];
    });
    todo.forEach(function (n) { n.classList.remove('measuring'); });
    return function (n) { return state.sizes[lang + '|' + n.className + '|' + n.textContent]; };
  }

  // ---- placing -----------------------------------------------------------------------------

  function put(map, node, b) {
    node.hidden = false;
    L.DomUtil.setPosition(node, map.containerPointToLayerPoint([b.left, b.top]));
  }

  function drawLeader(map, leader, p, b) {
    var qx = Math.max(b.left, Math.min(p.x, b.right)), qy = Math.max(b.top, Math.min(p.y, b.bottom));
    var dx = qx - p.x, dy = qy - p.y, len = Math.sqrt(dx * dx + dy * dy);
    var from = map.containerPointToLayerPoint([p.x + dx / len * MARKER, p.y + dy / len * MARKER]);
    leader.hidden = false;
    leader.style.width = Math.max(0, len - MARKER) + 'px';
    leader.style.transform = 'translate(' + from.x + 'px,' + from.y + 'px) rotate(' +
      Math.atan2(dy, dx) + 'rad)';
  }

  function place(ctx) {
    if (!state.pane || !state.language || ctx.starting) return; // atlas.js places once ready
    var map = ctx.map, size = map.getSize(), zoom = map.getZoom();
    var view = box(EDGE, EDGE, size.x - 2 * EDGE, size.y - 2 * EDGE);
    var covers = window.AtlasMap.covers(ctx);
    var inView = function (p) { return p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y; };
    // A crossing whose marker shows at all, even at the edge, has its label.
    var crossings = state.crossings.map(function (item) {
      var p = map.latLngToContainerPoint([item.c.lat, item.c.lon]);
      return { item: item, p: p, shown: p.x > -MARKER && p.y > -MARKER &&
        p.x < size.x + MARKER && p.y < size.y + MARKER };
    });
    var markers = crossings.filter(function (x) { return x.shown; }).map(function (x) {
      return { id: x.item.c.id, box: around(x.p, MARKER) };
    });
    var towns = state.towns.filter(function (town) {
      town.p = map.latLngToContainerPoint([town.lat, town.lon]);
      var eligible = town.fromZoom <= zoom && inView(town.p);
      if (eligible) townNodes(town);
      else if (town.label) town.dot.hidden = town.label.hidden = true;
      return eligible;
    });
    var size_of = measure(crossings.map(function (x) { return x.item.label; })
      .concat(towns.map(function (town) { return town.label; })));
    var labels = [];
    var markerBoxes = markers.map(function (m) { return m.box; });

    crossings.forEach(function (x) {
      var item = x.item;
      item.leader.hidden = true;
      if (!x.shown) { item.label.hidden = true; return; }
      var wh = size_of(item.label);
      var others = markers.filter(function (m) { return m.id !== item.c.id; })
        .map(function (m) { return m.box; });
      var spots = crossingSpots(x.p, wh[0], wh[1]);
      var spot = spots.filter(function (s) {
        return within(s.box, view) && !hits(s.box, covers) && !hits(s.box, others) &&
          !hits(s.box, labels);
      })[0];
      if (!spot) { // never dropped: the spot in view that covers least
        var scored = spots.filter(function (s) { return within(s.box, view); }).map(function (s) {
          return { s: s, cost: 100 * overlapArea(s.box, labels) +
            10 * overlapArea(s.box, others.concat(covers)) };
        });
        scored.sort(function (a, b) { return a.cost - b.cost; });
        spot = scored.length ? scored[0].s : { box: clampInto(spots[0].box, view), leader: false };
      }
      put(map, item.label, spot.box);
      if (spot.leader) drawLeader(map, item.leader, x.p, spot.box);
      labels.push(spot.box);
    });

    var dots = [];
    towns.forEach(function (town) {
      var onCrossing = markerBoxes.some(function (b) {
        return town.p.x >= b.left && town.p.x <= b.right && town.p.y >= b.top && town.p.y <= b.bottom;
      });
      var r = town.level <= 1 ? 4 : 3, dot = onCrossing ? null : around(town.p, r);
      town.dot.hidden = town.label.hidden = true;
      if (dot && (hits(dot, covers) || hits(dot, markerBoxes) || hits(dot, labels) ||
          hits(dot, dots))) return;
      var wh = size_of(town.label), dist = (onCrossing ? MARKER : r) + GAP;
      var spot = null;
      for (var i = 0; i < BESIDE.length && !spot; i++) {
        var b = beside(town.p, BESIDE[i][0], BESIDE[i][1], dist, wh[0], wh[1]);
        if (within(b, view) && !hits(b, covers) && !hits(b, markerBoxes) && !hits(b, labels) &&
            !hits(b, dots)) spot = b;
      }
      if (!spot) return; // no room at this zoom: the town waits for a closer view
      put(map, town.label, spot);
      labels.push(spot);
      if (dot) {
        put(map, town.dot, dot);
        dots.push(dot);
      }
    });
    state.pane.classList.remove('moving');
  }

  function clampInto(b, view) {
    var w = b.right - b.left, h = b.bottom - b.top;
    var left = Math.max(view.left, Math.min(b.left, view.right - w));
    var top = Math.max(view.top, Math.min(b.top, view.bottom - h));
    return box(left, top, w, h);
  }

  window.AtlasLabels = { draw: draw, applyLanguage: applyLanguage, place: place };
})();
