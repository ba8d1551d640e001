/* The crossings atlas page: the reader's state (crossing, area, date, panel, language), kept in
 * the URL hash and read by every builder from ctx.state; the time bar (slider, previous/next
 * event, play); the side panel and its registry of builders; and start-up. The frame and search
 * are in layout.js, the map and legend in mapview.js, the labels in labels.js, the panels'
 * content in claims.js, figures.js, table.js and about.js (and areapanel.js on pages with
 * figures tables), strings in i18n.js. */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, Parts = window.AtlasParts, M = window.AtlasMap,
    Layout = window.AtlasLayout, Labels = window.AtlasLabels, t = T.t;
  var PLAY_MS = 1200;
  // Each panel's builder: ctx in, the panel's content out (DOM nodes).
  var PANELS = { claims: window.AtlasClaims.build, figures: window.AtlasFigures.build,
    table: window.AtlasTable.build, about: window.AtlasAbout.build };
  var state = { crossing: null, date: null, panel: null, lang: 'en' };
  var Areas = window.AtlasAreaFigures; // only on pages built with figures tables
  if (Areas) {
    PANELS.area = window.AtlasAreaPanel.build;
    state.area = null; // the P-code of the area whose panel is open
  }
  var range = { start: 0, end: 0, eventDays: [] }, playing = null;
  // Shared with the other page modules: the data, the map, the state and the page's nodes.
  var ctx = { state: state, range: range, ui: {}, markers: {},
    tableView: { sort: 'known_by', descending: false, text: '', side: '', assessment: '' } };
  var ui = ctx.ui;

  /** The history step in force on `date`: the last one surely past by then, or null. */
  function statusStep(crossing, date) {
    var step = null;
    crossing.history.forEach(function (h) { if (D.knownOn(h, date)) step = h; });
    return step;
  }

  /** The page carries its events and figures as field names and rows (page.py's packed):
   * objects again. */
  function unpack(table) {
    return table.rows.map(function (row) {
      var record = {};
      table.fields.forEach(function (field, i) { record[field] = row[i]; });
      return record;
    });
  }

  function prepare(data) {
    data.events = unpack(data.events);
    data.figures = unpack(data.figures);
    ctx.data = data;
    T.useTerms(data.terms);
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
    ctx.legendNode = function () { return M.legendNode(ctx); };
    ctx.swatch = function (status) { return M.swatch(ctx, status); };
    ctx.showFigure = showFigure;
    var starts = data.events.map(function (e) { return D.dayNumber(e.date); });
    var ends = data.events.map(function (e) { return D.dayNumber(e.known_by); });
    range.eventDays = ends.filter(function (d, i) { return ends.indexOf(d) === i; })
      .sort(function (a, b) { return a - b; });
    if (!ends.length) { // no events: the figures' days, else today, so there is still a date
      data.figures.forEach(function (f) { if (f.known_by) ends.push(D.dayNumber(f.known_by)); });
      if (!ends.length) ends.push(D.today());
      starts = ends.slice();
    }
    range.start = Math.min.apply(null, starts);
    range.end = Math.max.apply(null, ends);
    // The slider reaches every period of the figures tables, too.
    var tables = Areas && Areas.days(data.area_figures);
    if (tables) {
      range.start = Math.min(range.start, tables[0]);
      range.end = Math.max(range.end, tables[1]);
    }
  }

  // ---- panels ----------------------------------------------------------------------------

  /** What a panel's content depends on besides the date's own text. */
  function panelSignature(panel) {
    var data = ctx.data;
    var known = data.events.filter(function (e) { return D.knownOn(e, state.date); }).length;
    var stated = data.figures.filter(function (f) { return D.knownOn(f, state.date); }).length;
    var extra = panel === 'claims' && ctx.activity ? ctx.activity.windowKey() : '';
    // The area panel marks the period holding the date: it changes only when that does.
    var when = panel === 'figures' ? state.date
      : panel === 'area' ? Areas.periodKey(state.date) : stated;
    return [panel, state.crossing, panel === 'area' ? state.area : '', state.lang, known, when,
      extra].join('|');
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
    if (panel === 'area' && !(Areas && Areas.has(state.area))) panel = null;
    var signature = panel && panelSignature(panel);
    if (panel && !focusSort && signature === ui.panelSignature) { redate(); return; }
    ui.panelSignature = signature;
    var moved = ui.panel.hidden === !!panel || ui.panel.dataset.panel !== panel;
    ui.panel.hidden = !panel;
    document.body.classList.toggle('panel-open', !!panel);
    if (moved) {
      // A phone's sheet opens at half height, the map in view above it; the table at full
      // height, so that it shows rows enough to read.
      ui.panel.dataset.sheet = panel === 'table' ? 'full' : 'half';
      ui.panel.dataset.panel = panel || '';
      Layout.sheetChanged(ctx);
    }
    Object.keys(ui.panelButtons).forEach(function (k) {
      ui.panelButtons[k].setAttribute('aria-expanded', String(panel === k));
    });
    if (!panel) return;
    ui.panelTitle.textContent = panel === 'claims'
      ? Parts.crossingName(ctx.crossingsById[state.crossing])
      : panel === 'area' ? window.AtlasAreaPanel.title(ctx)
        : t({ figures: 'figuresTitle', table: 'tableTitle', about: 'aboutTitle' }[panel]);
    ui.panelBody.textContent = '';
    ui.panelBody.appendChild(PANELS[panel](ctx));
    if (focusSort) {
      var again = ui.panelBody.querySelector('[data-sort="' + focusSort.slice(5) + '"]');
      if (again) again.focus();
    }
  }

  /** Open the displacement panel at one figure (a circle on the map was chosen). */
  function showFigure(id) {
    update({ panel: 'figures' }, false);
    ui.panelBody.querySelectorAll('.figure.chosen').forEach(function (n) {
      n.classList.remove('chosen');
    });
    var item = document.getElementById('figure-' + id);
    if (!item) return;
    item.classList.add('chosen');
    item.tabIndex = -1;
    item.scrollIntoView({ block: 'nearest' });
    item.focus({ preventScroll: true });
  }

  function closePanel() {
    var opener = state.panel && ui.panelButtons[state.panel];
    var crossing = state.crossing && ctx.markers[state.crossing];
    update({ panel: null }, false);
    if (opener) opener.focus(); else if (crossing) crossing.node.focus();
  }

  // ---- state and the URL hash ---------------------------------------------------------------

  function readHash() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var kv = pair.split('=');
      if (kv.length === 2) out[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1]);
    });
    var wanted = {};
    wanted.crossing = ctx.crossingsById[out.crossing] ? out.crossing : null;
    if (Areas) wanted.area = Areas.has(out.area) ? out.area : null;
    var d = /^\d{4}-\d{2}-\d{2}$/.test(out.date || '') ? D.dayNumber(out.date) : NaN;
    wanted.date = D.isoOf(isFinite(d) ? Math.min(range.end, Math.max(range.start, d)) : range.end);
    wanted.panel = Object.prototype.hasOwnProperty.call(PANELS, out.panel) ? out.panel : null;
    wanted.lang = T.languages.indexOf(out.lang) >= 0 ? out.lang : 'en';
    return wanted;
  }

  function writeHash() {
    var parts = [];
    if (state.crossing) parts.push('crossing=' + encodeURIComponent(state.crossing));
    if (state.area) parts.push('area=' + encodeURIComponent(state.area));
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
      ui.slider.value = D.dayNumber(state.date) - range.start;
      ui.dateLabel.textContent = T.formatDate(state.date);
      ui.slider.setAttribute('aria-valuetext', ui.dateLabel.textContent);
      if (ctx.activity) ctx.activity.follow(state.date); // rings, legend and tooltips
      window.AtlasFigureLayer.follow(ctx);
      if (ctx.areaFigures) ctx.areaFigures.follow(ctx); // circles, legend and tooltips
    }
    M.drawStatuses(ctx);
    renderPanel();
    if (change.crossing && change.crossing !== before.crossing) M.showCrossing(ctx, change.crossing);
    if (focusPanel && state.panel) ui.panelTitle.focus();
    writeHash();
  }

  function applyLanguage() {
    T.setLanguage(state.lang);
    var root = document.documentElement;
    root.lang = state.lang;
    root.dir = state.lang === 'ar' ? 'rtl' : 'ltr';
    Layout.applyLanguage(ctx, playing);
    window.AtlasFigureLayer.applyLanguage(ctx);
    if (ctx.areaFigures) ctx.areaFigures.applyLanguage(ctx);
    M.applyLanguage(ctx);
    Labels.applyLanguage(ctx);
  }

  /** The skip link: to the first crossing in view, else to the view of every crossing. */
  function skipToCrossings() {
    var size = ctx.map.getSize();
    var inView = ctx.data.crossings.filter(function (c) {
      var p = ctx.map.latLngToContainerPoint([c.lat, c.lon]);
      return p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y;
    });
    if (!inView.length && ctx.data.crossings.length) {
      M.fitCrossings(ctx);
      inView = ctx.data.crossings;
    }
    if (inView.length) ctx.markers[inView[0].id].node.focus();
  }

  // ---- time --------------------------------------------------------------------------------

  function stepEvent(direction) {
    var today = D.dayNumber(state.date), days = range.eventDays;
    var target = direction > 0 ? days.filter(function (d) { return d > today; })[0]
      : days.filter(function (d) { return d < today; }).pop();
    if (target === undefined) target = direction > 0 ? range.end : range.start;
    update({ date: D.isoOf(target) });
  }

  function togglePlay() {
    if (playing) { stopPlay(); return; }
    if (D.dayNumber(state.date) >= range.end) update({ date: D.isoOf(range.start) });
    playing = setInterval(function () {
      if (D.dayNumber(state.date) >= range.end) { stopPlay(); return; }
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

  // ---- start-up ----------------------------------------------------------------------------

  function init(leafletMap, dataElement) {
    ctx.map = leafletMap;
    prepare(JSON.parse(dataElement.textContent));
    Layout.build(ctx, {
      togglePanel: function (name) { update({ panel: state.panel === name ? null : name }, true); },
      toggleLanguage: function () { update({ lang: state.lang === 'ar' ? 'en' : 'ar' }); },
      closePanel: closePanel, stepEvent: stepEvent, togglePlay: togglePlay,
      skipToCrossings: skipToCrossings,
      slide: function (offset) { update({ date: D.isoOf(range.start + offset) }); }
    });
    M.drawBasemap(ctx);
    window.AtlasFigureLayer.draw(ctx); // under the crossings and the activity rings
    // Figures tables (--figures-table): circles on their areas, under the crossings.
    if (ctx.data.area_figures && Areas) {
      ctx.areaFigures = Areas;
      ctx.selectArea = function (pcode) { update({ area: pcode, panel: 'area' }, true); };
      ctx.refreshLegend = function () { M.applyLanguage(ctx); };
      Areas.draw(ctx);
    }
    // External events (--events-table): rings under the crossings, a section in their panel.
    if (ctx.data.activity && window.AtlasActivity) {
      ctx.activity = window.AtlasActivity;
      ctx.activity.draw(ctx.map, ctx.data, function (id) { ctx.select(id); });
      ctx.crossingExtra = function (c) { return ctx.activity.section(c); };
    }
    M.drawCrossings(ctx);
    ctx.starting = true; // no labels until the first view is set
    Labels.draw(ctx);
    M.legendControl(ctx);
    Layout.dockControls(ctx); // the map's bars take their room: update() measures the map again
    // The legend folds away wherever, open, it would hide a crossing (and phones start folded).
    ctx.map.on('zoomend resize', function () { M.foldLegend(ctx); });
    var wanted = readHash();
    state.lang = null; // forces the first update to draw every string
    state.date = null;
    ctx.ui.legend.open = !Layout.isPhone();
    update(wanted);
    // Framed once the header, panel and bars have their text and so their size.
    if (!wanted.crossing) M.fitCrossings(ctx);
    M.foldLegend(ctx);
    ctx.starting = false;
    ctx.placeLabels();
    window.addEventListener('hashchange', function () { update(readHash()); });
    performance.mark('atlas-ready');
    window.Atlas.ready = true;
  }

  window.Atlas = {
    init: init, ready: false,
    state: function () { return Object.assign({}, state); },
    setDate: function (iso) { update({ date: iso }); }
  };
})();
