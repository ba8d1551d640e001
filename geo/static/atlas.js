/* The crossings atlas page: lays out header, map, panel and time bar around the Folium map,
 * draws the vector basemap and the crossings as of the chosen date, and keeps the chosen
 * crossing, date, panel and language in the URL hash. Strings and panels: i18n.js, panels.js. */
(function () {
  'use strict';
  var T = window.AtlasText, P = window.AtlasPanels, el = T.el, t = T.t;
  var DAY = 864e5;
  var PLAY_MS = 1200;
  var PANELS = ['claims', 'figures', 'table', 'about'];

  var data, map, ui = {}, markers = {};
  var state = { crossing: null, date: null, panel: null, lang: 'en' };
  var ctx = { tableView: { sort: 'known_by', descending: false, text: '', side: '',
    assessment: '' } };
  var range = { start: 0, end: 0, eventDays: [] }, playing = null;

  function dayOf(iso) { var p = iso.split('-').map(Number); return Date.UTC(p[0], p[1] - 1, p[2]) / DAY; }
  function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function firstDay(text) { return dayOf((text + '-01-01').slice(0, 10)); }

  /** The history step in force on `date`: the last one surely past by then, or null. */
  function statusStep(crossing, date) {
    var step = null;
    crossing.history.forEach(function (h) { if (h.known_by <= date) step = h; });
    return step;
  }

  function prepare() {
    ctx.data = data;
    ctx.crossingsById = {};
    ctx.eventsById = {};
    var byCrossing = {};
    data.crossings.forEach(function (c) { ctx.crossingsById[c.id] = c; byCrossing[c.id] = []; });
    data.events.forEach(function (e) {
      ctx.eventsById[e.event_id] = e;
      (e.crossing_ids ? e.crossing_ids.split(';') : []).forEach(function (id) {
        if (byCrossing[id]) byCrossing[id].push(e);
      });
    });
    ctx.eventsFor = function (id) { return byCrossing[id] || []; };
    ctx.statusStep = statusStep;
    ctx.select = function (id, panel) { update({ crossing: id, panel: panel || 'claims' }, true); };
    ctx.refresh = function (focus) { renderPanel(focus); };
    ctx.legendNode = legendNode;
    ctx.swatch = swatch;
    var starts = data.events.map(function (e) { return firstDay(e.date); });
    var ends = data.events.map(function (e) { return dayOf(e.known_by); });
    range.start = Math.min.apply(null, starts);
    range.end = Math.max.apply(null, ends);
    range.eventDays = ends.filter(function (d, i) { return ends.indexOf(d) === i; })
      .sort(function (a, b) { return a - b; });
  }

  // ---- layout -------------------------------------------------------------------------

  function button(className, key, onClick) {
    var b = el('button', className);
    b.type = 'button';
    b.dataset.t = key;
    b.addEventListener('click', onClick);
    return b;
  }

  function layout() {
    var mapDiv = map.getContainer();
    mapDiv.setAttribute('dir', 'ltr'); // Leaflet positions panes left to right in any language
    mapDiv.setAttribute('aria-label', t('mapLabel'));
    var header = el('header', 'atlas-header');
    var titles = el('div', 'titles');
    ui.title = el('h1');
    ui.subtitle = el('p', 'subtitle');
    titles.appendChild(ui.title);
    titles.appendChild(ui.subtitle);
    header.appendChild(titles);
    var tools = el('div', 'tools');
    var search = el('div', 'search');
    search.setAttribute('role', 'search');
    ui.search = el('input');
    ui.search.type = 'search';
    ui.search.id = 'crossing-search';
    ui.search.autocomplete = 'off';
    ui.searchResults = el('ul', 'search-results');
    ui.searchResults.id = 'search-results';
    ui.searchStatus = el('p', 'visually-hidden');
    ui.searchStatus.setAttribute('role', 'status');
    search.appendChild(ui.search);
    search.appendChild(ui.searchResults);
    search.appendChild(ui.searchStatus);
    tools.appendChild(search);
    ui.panelButtons = {};
    [['figures', 'figures'], ['table', 'table'], ['about', 'about']].forEach(function (p) {
      var b = button('tool panel-' + p[0], p[1], function () {
        update({ panel: state.panel === p[0] ? null : p[0] }, true);
      });
      b.setAttribute('aria-controls', 'atlas-panel');
      ui.panelButtons[p[0]] = b;
      tools.appendChild(b);
    });
    ui.lang = button('tool lang-switch', 'language', function () {
      update({ lang: state.lang === 'ar' ? 'en' : 'ar' });
    });
    tools.appendChild(ui.lang);
    header.appendChild(tools);

    var main = el('main', 'atlas-main');
    mapDiv.parentNode.insertBefore(main, mapDiv);
    main.appendChild(mapDiv);
    ui.panel = el('aside', 'atlas-panel');
    ui.panel.id = 'atlas-panel';
    ui.panel.hidden = true;
    ui.panel.setAttribute('aria-labelledby', 'panel-title');
    var bar = el('div', 'panel-bar');
    ui.panelTitle = el('h2');
    ui.panelTitle.id = 'panel-title';
    ui.panelTitle.tabIndex = -1;
    ui.panelClose = button('close', 'close', function () { closePanel(); });
    ui.panelClose.textContent = '×';
    bar.appendChild(ui.panelTitle);
    bar.appendChild(ui.panelClose);
    ui.panel.appendChild(bar);
    ui.panelBody = el('div', 'panel-body');
    ui.panel.appendChild(ui.panelBody);
    main.appendChild(ui.panel);
    document.body.insertBefore(header, main);
    document.body.appendChild(timeBar());
    document.body.classList.add('atlas-page');
    ui.panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') closePanel(); });
    map.invalidateSize();
  }

  function timeBar() {
    var bar = el('div', 'time-bar');
    bar.setAttribute('role', 'group');
    ui.prev = button('step prev', 'prev', function () { stepEvent(-1); });
    ui.play = button('play', 'play', togglePlay);
    ui.next = button('step next', 'next', function () { stepEvent(1); });
    ui.slider = el('input', 'date-slider');
    ui.slider.type = 'range';
    ui.slider.id = 'date-slider';
    ui.slider.min = 0;
    ui.slider.max = range.end - range.start;
    ui.slider.step = 1;
    ui.slider.addEventListener('input', function () {
      update({ date: isoOf(range.start + Number(ui.slider.value)) });
    });
    ui.dateLabel = el('output', 'date-label');
    ui.dateLabel.htmlFor = 'date-slider';
    var buttons = el('div', 'time-buttons');
    [ui.prev, ui.play, ui.next].forEach(function (b) { buttons.appendChild(b); });
    buttons.appendChild(ui.dateLabel);
    bar.appendChild(buttons);
    bar.appendChild(ui.slider);
    return bar;
  }

  // ---- the map --------------------------------------------------------------------------

  function drawBasemap() {
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

  function drawCrossings() {
    data.crossings.forEach(function (c) {
      var approx = c.location_precision !== 'exact';
      var ring = approx && c.precision_m > 0 ? L.circle([c.lat, c.lon], { radius: c.precision_m,
        className: 'precision-ring', weight: 1.5, dashArray: '5 4', fillOpacity: 0.06,
        interactive: false }).addTo(map) : null;
      var dot = el('span', 'dot');
      var icon = L.divIcon({ className: 'crossing-marker' + (approx ? ' approx' : ' exact'),
        iconSize: [22, 22], html: dot });
      var marker = L.marker([c.lat, c.lon], { icon: icon, keyboard: true, riseOnHover: true })
        .addTo(map);
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
      markers[c.id] = { marker: marker, ring: ring, node: node, label: label };
    });
  }

  /** Recolour every crossing for the chosen date; cheap enough to run on every slider step. */
  function drawStatuses() {
    data.crossings.forEach(function (c) {
      var m = markers[c.id], step = statusStep(c, state.date);
      var status = step ? step.status : 'none';
      if (m.node.dataset.status !== status) {
        m.node.classList.remove('status-' + m.node.dataset.status);
        m.node.classList.add('status-' + status);
        m.node.dataset.status = status;
        m.node.firstChild.style.background = data.statuses[status].colour;
        if (m.ring) m.ring.setStyle({ color: data.statuses[status].colour });
      }
      m.node.classList.toggle('selected', state.crossing === c.id);
      m.node.setAttribute('aria-label', t('markerLabel', { name: P.crossingName(c),
        status: T.term('status', status) }));
    });
  }

  function swatch(status) {
    var node = el('span', 'swatch status-' + status);
    node.style.background = data.statuses[status].colour;
    return node;
  }

  function legendNode() {
    var box = el('div', 'legend-body');
    box.appendChild(el('p', 'legend-head', t('legendStatus')));
    Object.keys(data.statuses).forEach(function (key) {
      var row = el('div', 'legend-row');
      row.appendChild(swatch(key));
      row.appendChild(el('span', null, T.term('status', key)));
      box.appendChild(row);
    });
    [['approx', 'legendApprox'], ['exact', 'legendExact']].forEach(function (r) {
      var row = el('div', 'legend-row');
      row.appendChild(el('span', 'swatch outline-' + r[0]));
      row.appendChild(el('span', null, t(r[1])));
      box.appendChild(row);
    });
    box.appendChild(el('p', 'legend-note', t('legendDates')));
    box.appendChild(el('p', 'legend-note', t('legendAssess')));
    return box;
  }

  function legendControl() {
    var control = L.control({ position: 'topright' });
    control.onAdd = function () {
      ui.legend = el('details', 'atlas-legend');
      ui.legend.open = window.innerWidth > 700;
      ui.legend.setAttribute('dir', state.lang === 'ar' ? 'rtl' : 'ltr');
      L.DomEvent.disableClickPropagation(ui.legend);
      L.DomEvent.disableScrollPropagation(ui.legend);
      return ui.legend;
    };
    control.addTo(map);
  }

  // ---- search ----------------------------------------------------------------------------

  function searchMatches(query) {
    var key = T.nameKey(query);
    if (!key) return [];
    return data.crossings.filter(function (c) {
      return [c.id, c.name, c.name_ar].concat(c.aliases || []).some(function (n) {
        return n && T.nameKey(n).indexOf(key) >= 0;
      });
    });
  }

  function runSearch() {
    var found = searchMatches(ui.search.value);
    ui.searchResults.textContent = '';
    found.forEach(function (c) {
      var item = el('li');
      var b = el('button', 'result', P.crossingName(c));
      b.type = 'button';
      b.dataset.crossing = c.id;
      b.addEventListener('click', function () { clearSearch(); ctx.select(c.id); });
      item.appendChild(b);
      ui.searchResults.appendChild(item);
    });
    ui.searchStatus.textContent = !ui.search.value ? ''
      : found.length ? t('found', { n: found.length }) : t('notFound');
  }

  function clearSearch() { ui.search.value = ''; runSearch(); }

  // ---- panels ----------------------------------------------------------------------------

  /** What a panel's content depends on besides the date's own text. */
  function panelSignature(panel) {
    var known = data.events.filter(function (e) { return e.known_by <= state.date; }).length;
    var stated = data.figures.filter(function (f) { return f.as_of <= state.date; }).length;
    return [panel, state.crossing, state.lang, known, panel === 'figures' ? state.date : stated]
      .join('|');
  }

  /** Rewrite only the sentences naming the date, when the content itself is unchanged. */
  function redate() {
    var day = T.formatDate(state.date);
    ui.panelBody.querySelectorAll('[data-date-text]').forEach(function (node) {
      var values = JSON.parse(node.dataset.values);
      values.date = day;
      node.textContent = t(node.dataset.dateText, values);
    });
  }

  function renderPanel(focusSort) {
    var panel = state.panel;
    if (panel === 'claims' && !ctx.crossingsById[state.crossing]) panel = null;
    var signature = panel && panelSignature(panel);
    if (panel && !focusSort && signature === ui.panelSignature) { redate(); return; }
    ui.panelSignature = signature;
    ui.panel.hidden = !panel;
    document.body.classList.toggle('panel-open', !!panel);
    Object.keys(ui.panelButtons).forEach(function (k) {
      ui.panelButtons[k].setAttribute('aria-expanded', String(panel === k));
    });
    if (!panel) return;
    ctx.date = state.date;
    ui.panel.dataset.panel = panel;
    var crossing = ctx.crossingsById[state.crossing];
    ui.panelTitle.textContent = panel === 'claims' ? P.crossingName(crossing)
      : t({ figures: 'figuresTitle', table: 'tableTitle', about: 'aboutTitle' }[panel]);
    ui.panelBody.textContent = '';
    ui.panelBody.appendChild(panel === 'claims' ? P.claims(ctx, crossing) : P[panel](ctx));
    if (focusSort) {
      var again = ui.panelBody.querySelector('[data-sort="' + focusSort.slice(5) + '"]');
      if (again) again.focus();
    }
  }

  function closePanel() {
    var opener = state.panel && ui.panelButtons[state.panel];
    var crossing = state.crossing && markers[state.crossing];
    update({ panel: null }, false);
    if (opener) opener.focus(); else if (crossing) crossing.node.focus();
  }

  // ---- state, time and the URL hash ---------------------------------------------------------

  function readHash() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var kv = pair.split('=');
      if (kv.length === 2) out[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1]);
    });
    var wanted = {};
    wanted.crossing = ctx.crossingsById[out.crossing] ? out.crossing : null;
    var d = /^\d{4}-\d{2}-\d{2}$/.test(out.date || '') ? dayOf(out.date) : NaN;
    wanted.date = isFinite(d) ? isoOf(Math.min(range.end, Math.max(range.start, d)))
      : isoOf(range.end);
    wanted.panel = PANELS.indexOf(out.panel) >= 0 ? out.panel : null;
    wanted.lang = T.languages.indexOf(out.lang) >= 0 ? out.lang : 'en';
    return wanted;
  }

  function writeHash() {
    var parts = [];
    if (state.crossing) parts.push('crossing=' + encodeURIComponent(state.crossing));
    parts.push('date=' + state.date);
    if (state.panel) parts.push('panel=' + state.panel);
    if (state.lang !== 'en') parts.push('lang=' + state.lang);
    var hash = '#' + parts.join('&');
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  /** Apply a change of state and redraw only what it touches. */
  function update(change, focusPanel) {
    var before = Object.assign({}, state);
    Object.assign(state, change);
    if (state.lang !== before.lang) applyLanguage();
    if (state.date !== before.date || state.lang !== before.lang) {
      ui.slider.value = dayOf(state.date) - range.start;
      ui.dateLabel.textContent = T.formatDate(state.date);
      ui.slider.setAttribute('aria-valuetext', ui.dateLabel.textContent);
    }
    drawStatuses();
    renderPanel();
    if (change.crossing && change.crossing !== before.crossing) showCrossing(change.crossing);
    if (focusPanel && state.panel) ui.panelTitle.focus();
    writeHash();
  }

  /** Centre a crossing in the part of the map the panel leaves uncovered. */
  function showCrossing(id) {
    var c = ctx.crossingsById[id], zoom = Math.max(map.getZoom(), 9), shift = [0, 0];
    if (!ui.panel.hidden) {
      var sheet = ui.panel.offsetWidth >= map.getSize().x;
      shift = sheet ? [0, ui.panel.offsetHeight / 2]
        : [(state.lang === 'ar' ? -1 : 1) * ui.panel.offsetWidth / 2, 0];
    }
    var centre = map.unproject(map.project([c.lat, c.lon], zoom).add(shift), zoom);
    map.setView(centre, zoom, { animate: false });
  }

  /** Frame every crossing, with their rings, in the map's space. */
  function fitCrossings() {
    var bounds = L.latLngBounds(data.crossings.map(function (c) { return [c.lat, c.lon]; }));
    map.fitBounds(bounds.pad(0.15), { animate: false });
  }

  function stepEvent(direction) {
    var today = dayOf(state.date), days = range.eventDays;
    var target = direction > 0 ? days.filter(function (d) { return d > today; })[0]
      : days.filter(function (d) { return d < today; }).pop();
    if (target === undefined) target = direction > 0 ? range.end : range.start;
    update({ date: isoOf(target) });
  }

  function togglePlay() {
    if (playing) { stopPlay(); return; }
    if (dayOf(state.date) >= range.end) update({ date: isoOf(range.start) });
    playing = setInterval(function () {
      if (dayOf(state.date) >= range.end) { stopPlay(); return; }
      stepEvent(1);
    }, PLAY_MS);
    ui.play.dataset.t = 'pause';
    ui.play.setAttribute('aria-pressed', 'true');
    ui.play.textContent = '❚❚ ' + t('pause');
  }

  function stopPlay() {
    clearInterval(playing);
    playing = null;
    ui.play.dataset.t = 'play';
    ui.play.setAttribute('aria-pressed', 'false');
    ui.play.textContent = '▶ ' + t('play');
  }

  function applyLanguage() {
    T.setLanguage(state.lang);
    var root = document.documentElement;
    root.lang = state.lang;
    root.dir = state.lang === 'ar' ? 'rtl' : 'ltr';
    ui.title.textContent = t('title');
    ui.subtitle.textContent = t('subtitle');
    document.title = t('title');
    ui.search.placeholder = t('searchHint');
    ui.search.setAttribute('aria-label', t('search'));
    document.querySelectorAll('button[data-t]').forEach(function (b) {
      b.textContent = t(b.dataset.t);
    });
    ui.play.textContent = (playing ? '❚❚ ' : '▶ ') + t(playing ? 'pause' : 'play');
    ui.prev.textContent = state.lang === 'ar' ? '→' : '←';
    ui.next.textContent = state.lang === 'ar' ? '←' : '→';
    ui.prev.setAttribute('aria-label', t('prev'));
    ui.next.setAttribute('aria-label', t('next'));
    ui.prev.title = t('prev');
    ui.next.title = t('next');
    ui.panelClose.textContent = '×';
    ui.panelClose.setAttribute('aria-label', t('close'));
    ui.lang.lang = state.lang === 'ar' ? 'en' : 'ar';
    ui.lang.setAttribute('aria-label', t('languageName'));
    ui.slider.setAttribute('aria-label', t('date'));
    ui.slider.dir = 'ltr'; // time runs left to right on the slider, as on the chart's axis
    map.getContainer().setAttribute('aria-label', t('mapLabel'));
    ui.legend.textContent = '';
    ui.legend.setAttribute('dir', state.lang === 'ar' ? 'rtl' : 'ltr');
    ui.legend.appendChild(el('summary', null, t('legend')));
    ui.legend.appendChild(legendNode());
    data.crossings.forEach(function (c) {
      var label = markers[c.id].label;
      label.textContent = P.crossingName(c);
      label.dir = state.lang === 'ar' ? 'rtl' : 'ltr';
    });
    runSearch();
  }

  function init(leafletMap, dataElement) {
    map = leafletMap;
    data = JSON.parse(dataElement.textContent);
    prepare();
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution('OCHA · Natural Earth · the crossings atlas (CC BY 4.0)');
    layout();
    drawBasemap();
    drawCrossings();
    legendControl();
    ui.search.addEventListener('input', runSearch);
    ui.search.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') return;
      var first = ui.searchResults.querySelector('button');
      if (first) first.click();
    });
    var wanted = readHash();
    state.lang = null; // forces the first update to draw every string
    state.date = null;
    fitCrossings();
    update(wanted);
    window.addEventListener('hashchange', function () { update(readHash()); });
    performance.mark('atlas-ready');
    window.Atlas.ready = true;
  }

  window.Atlas = {
    init: init, ready: false, nameKey: T.nameKey, search: searchMatches,
    state: function () { return Object.assign({}, state); },
    setDate: function (iso) { update({ date: iso }); }
  };
})();
