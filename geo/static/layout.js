/* The crossings atlas page frame: a skip link, the header (title, search, panel buttons,
 * language switch), the map's own bars (controls above it, credits below: nothing but the legend
 * ever lies over the map), the side panel's shell (a bottom sheet with a half and a full height
 * on phones) and the time bar, built around the Folium map; and the search itself. Controls call
 * back into atlas.js through `actions`; strings are drawn by applyLanguage. */
(function () {
  'use strict';
  var T = window.AtlasText, P = window.AtlasParts, el = window.AtlasDom.el, t = T.t;
  var nameKey = window.AtlasNames.nameKey;
  var PHONE = window.matchMedia('(max-width: 700px)');

  function button(className, key, onClick) {
    var b = el('button', className);
    b.type = 'button';
    b.dataset.t = key;
    b.addEventListener('click', onClick);
    return b;
  }

  /** Build the page around the map; returns nothing, fills ctx.ui. */
  function build(ctx, actions) {
    var ui = ctx.ui, map = ctx.map;
    var mapDiv = map.getContainer();
    mapDiv.setAttribute('dir', 'ltr'); // Leaflet positions panes left to right in any language
    mapDiv.setAttribute('role', 'region'); // so its label is read: a named landmark
    ui.skip = button('skip-link', 'skipToCrossings', actions.skipToCrossings);
    var header = ui.header = el('header', 'atlas-header');
    var titles = el('div', 'titles');
    ui.title = el('h1');
    ui.subtitle = el('p', 'subtitle');
    titles.appendChild(ui.title);
    titles.appendChild(ui.subtitle);
    header.appendChild(titles);
    var tools = ui.tools = el('div', 'tools');
    tools.appendChild(searchBox(ctx));
    ui.panelButtons = {};
    ['figures', 'table', 'about'].forEach(function (name) {
      var b = button('tool panel-' + name, name, function () { actions.togglePanel(name); });
      b.setAttribute('aria-controls', 'atlas-panel');
      ui.panelButtons[name] = b;
      tools.appendChild(b);
    });
    ui.lang = button('tool lang-switch', 'language', actions.toggleLanguage);
    tools.appendChild(ui.lang);
    header.appendChild(tools);

    var main = el('main', 'atlas-main');
    ui.mapArea = el('div', 'map-area');
    ui.mapTools = el('div', 'map-toolbar');
    ui.mapCredits = el('div', 'map-credits');
    mapDiv.parentNode.insertBefore(main, mapDiv);
    main.appendChild(ui.mapArea);
    ui.mapArea.appendChild(ui.mapTools);
    ui.mapArea.appendChild(mapDiv);
    ui.mapArea.appendChild(ui.mapCredits);
    main.appendChild(panelShell(ctx, actions));
    document.body.insertBefore(header, main);
    document.body.insertBefore(ui.skip, header);
    document.body.appendChild(timeBar(ctx, actions));
    document.body.classList.add('atlas-page');
    // Escape closes the panel from anywhere (the search box first clears its own results).
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (!ui.panel.hidden) { e.preventDefault(); actions.closePanel(); }
    });
    PHONE.addEventListener('change', function () { sheetChanged(ctx); });
    map.invalidateSize({ pan: false });
  }

  function panelShell(ctx, actions) {
    var ui = ctx.ui;
    ui.panel = el('aside', 'atlas-panel');
    ui.panel.id = 'atlas-panel';
    ui.panel.hidden = true;
    ui.panel.setAttribute('aria-labelledby', 'panel-title');
    var bar = el('div', 'panel-bar');
    ui.panelTitle = el('h2');
    ui.panelTitle.id = 'panel-title';
    ui.panelTitle.tabIndex = -1;
    // On phones the panel is a bottom sheet: half the height, with the map above it, or full.
    ui.sheetSize = el('button', 'sheet-size');
    ui.sheetSize.type = 'button';
    ui.sheetSize.addEventListener('click', function () {
      setSheet(ctx, ui.panel.dataset.sheet === 'full' ? 'half' : 'full');
    });
    ui.panelClose = button('close', 'close', actions.closePanel);
    bar.appendChild(ui.panelTitle);
    bar.appendChild(ui.sheetSize);
    bar.appendChild(ui.panelClose);
    ui.panel.appendChild(bar);
    ui.panelBody = el('div', 'panel-body');
    ui.panel.appendChild(ui.panelBody);
    return ui.panel;
  }

  /** Move Leaflet's controls off the map into its bars (zoom, switches, scale above; credits
   * below), so that no control ever hides a crossing or a label. The legend goes last, on the
   * far side of the bar above; its body opens over the map. */
  function dockControls(ctx) {
    var ui = ctx.ui, container = ctx.map.getContainer();
    container.querySelectorAll('.leaflet-top .leaflet-control').forEach(function (c) {
      ui.mapTools.appendChild(c);
    });
    container.querySelectorAll('.leaflet-control-scale').forEach(function (c) {
      ui.mapTools.appendChild(c);
    });
    container.querySelectorAll('.leaflet-bottom .leaflet-control').forEach(function (c) {
      ui.mapCredits.appendChild(c);
    });
    if (ctx.ui.legend) ui.mapTools.appendChild(ctx.ui.legend);
  }

  /** The bottom sheet's height on phones: 'half' (the map stays in view above it) or 'full'
   * (the map is covered, so nothing on it can take focus). */
  function setSheet(ctx, size) {
    ctx.ui.panel.dataset.sheet = size;
    sheetChanged(ctx);
  }

  /** After the panel opened, closed or changed size: what it covers is inert, the map is
   * measured again, and the sheet's button says what it will do. */
  function sheetChanged(ctx) {
    var ui = ctx.ui, open = !ui.panel.hidden;
    var covered = open && PHONE.matches && ui.panel.dataset.sheet === 'full';
    // What the sheet covers takes no focus (the page's title stays, as text, for readers).
    [ui.mapArea, ui.tools, ui.skip].forEach(function (node) { node.inert = covered; });
    ui.panel.style.bottom = covered ? ui.timeBar.offsetHeight + 'px' : '';
    ui.sheetSize.textContent = ui.panel.dataset.sheet === 'full' ? t('sheetHalf') : t('sheetFull');
    // The map keeps what it shows where it was on screen: its top-left corner stays put, and
    // when the panel opens or closes at its left (Arabic), the view follows the moved edge.
    var left = ctx.map.getContainer().getBoundingClientRect().left;
    ctx.map.invalidateSize({ pan: false });
    if (ui.mapLeft !== undefined && left !== ui.mapLeft) {
      ctx.map.panBy([left - ui.mapLeft, 0], { animate: false });
    }
    ui.mapLeft = left;
  }

  function timeBar(ctx, actions) {
    var ui = ctx.ui;
    // A named region: the time bar is one of the page's landmarks.
    var bar = el('section', 'time-bar');
    ui.timeBar = bar;
    ui.prev = button('step prev', 'prev', function () { actions.stepEvent(-1); });
    ui.play = button('play', 'play', actions.togglePlay);
    ui.next = button('step next', 'next', function () { actions.stepEvent(1); });
    ui.slider = el('input', 'date-slider');
    ui.slider.type = 'range';
    ui.slider.id = 'date-slider';
    ui.slider.min = 0;
    ui.slider.max = ctx.range.end - ctx.range.start;
    ui.slider.step = 1;
    ui.slider.addEventListener('input', function () { actions.slide(Number(ui.slider.value)); });
    ui.dateLabel = el('output', 'date-label');
    ui.dateLabel.htmlFor = 'date-slider';
    var buttons = el('div', 'time-buttons');
    [ui.prev, ui.play, ui.next].forEach(function (b) { buttons.appendChild(b); });
    buttons.appendChild(ui.dateLabel);
    bar.appendChild(buttons);
    bar.appendChild(ui.slider);
    if (!ctx.data.events.length) { // nothing happens over time: say so instead of a slider
      ui.noEvents = el('p', 'no-events');
      ui.noEvents.setAttribute('role', 'status');
      bar.appendChild(ui.noEvents);
      [ui.prev, ui.play, ui.next, ui.slider].forEach(function (c) { c.disabled = true; });
    }
    return bar;
  }

  /** Redraw the frame's strings in the current language (T.setLanguage has been called). */
  function applyLanguage(ctx, playing) {
    var ui = ctx.ui, ar = T.language() === 'ar';
    ui.title.textContent = t('title');
    ui.subtitle.textContent = t('subtitle');
    document.title = t('title');
    ui.search.placeholder = t('searchHint');
    ui.search.setAttribute('aria-label', t('search'));
    document.querySelectorAll('button[data-t]').forEach(function (b) {
      b.textContent = t(b.dataset.t);
    });
    ui.play.textContent = (playing ? '❚❚ ' : '▶ ') + t(playing ? 'pause' : 'play');
    ui.prev.textContent = ar ? '→' : '←';
    ui.next.textContent = ar ? '←' : '→';
    ui.prev.setAttribute('aria-label', t('prev'));
    ui.next.setAttribute('aria-label', t('next'));
    ui.prev.title = t('prev');
    ui.next.title = t('next');
    ui.panelClose.textContent = '×';
    ui.panelClose.setAttribute('aria-label', t('close'));
    // The button names the other language in that language; its accessible name is what it
    // shows (so speech input finds it), in that language, and its title says what it does.
    ui.lang.lang = ar ? 'en' : 'ar';
    ui.lang.title = t('languageName');
    ui.slider.setAttribute('aria-label', t('date'));
    ui.slider.dir = 'ltr'; // time runs left to right on the slider, as on the chart's axis
    ui.timeBar.setAttribute('aria-label', t('timeBar'));
    ctx.map.getContainer().setAttribute('aria-label', t('mapLabel'));
    if (ui.noEvents) ui.noEvents.textContent = t('noEventsAtAll');
    sheetChanged(ctx);
    runSearch(ctx);
  }

  // ---- search ----------------------------------------------------------------------------

  function searchBox(ctx) {
    var ui = ctx.ui;
    var search = el('div', 'search');
    search.setAttribute('role', 'search');
    ui.search = el('input');
    ui.search.type = 'search';
    ui.search.id = 'crossing-search';
    ui.search.autocomplete = 'off';
    ui.search.setAttribute('aria-controls', 'search-results');
    ui.searchResults = el('ul', 'search-results');
    ui.searchResults.id = 'search-results';
    ui.searchStatus = el('p', 'visually-hidden');
    ui.searchStatus.setAttribute('role', 'status');
    search.appendChild(ui.search);
    search.appendChild(ui.searchResults);
    search.appendChild(ui.searchStatus);
    ui.search.addEventListener('input', function () { runSearch(ctx); });
    // Enter takes the first result; the arrow keys walk the results; Escape clears the search.
    search.addEventListener('keydown', function (e) {
      var results = Array.prototype.slice.call(ui.searchResults.querySelectorAll('button'));
      var at = results.indexOf(document.activeElement);
      if (e.key === 'Enter' && e.target === ui.search && results.length) {
        e.preventDefault();
        results[0].click();
      } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && results.length) {
        e.preventDefault();
        var next = e.key === 'ArrowDown' ? at + 1 : at - 1;
        if (next < 0) ui.search.focus(); else results[Math.min(next, results.length - 1)].focus();
      } else if (e.key === 'Escape' && ui.search.value) {
        e.preventDefault();
        ui.search.value = '';
        runSearch(ctx);
        ui.search.focus();
      }
    });
    return search;
  }

  /** Crossings whose id, name, Arabic name or any alias contains the folded query. */
  function searchMatches(ctx, query) {
    var key = nameKey(query);
    if (!key) return [];
    return ctx.data.crossings.filter(function (c) {
      return [c.id, c.name, c.name_ar].concat(c.aliases || []).some(function (n) {
        return n && nameKey(n).indexOf(key) >= 0;
      });
    });
  }

  function runSearch(ctx) {
    var ui = ctx.ui;
    var found = searchMatches(ctx, ui.search.value);
    ui.searchResults.textContent = '';
    found.forEach(function (c) {
      var item = el('li');
      var b = el('button', 'result', P.crossingName(c));
      b.type = 'button';
      b.dataset.crossing = c.id;
      b.addEventListener('click', function () {
        ui.search.value = '';
        runSearch(ctx);
        ctx.select(c.id);
      });
      item.appendChild(b);
      ui.searchResults.appendChild(item);
    });
    ui.searchStatus.textContent = !ui.search.value ? ''
      : found.length ? t('found', { n: found.length }) : t('notFound');
  }

  window.AtlasLayout = { build: build, applyLanguage: applyLanguage, dockControls: dockControls,
    setSheet: setSheet, sheetChanged: sheetChanged, isPhone: function () { return PHONE.matches; } };
})();
