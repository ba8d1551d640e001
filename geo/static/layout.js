/* The crossings atlas page frame: the header (title, search, panel buttons, language switch),
 * the side panel's shell and the time bar, built around the Folium map; and the search itself.
 * Controls call back into atlas.js through `actions`; strings are drawn by applyLanguage. */
(function () {
  'use strict';
  var T = window.AtlasText, P = window.AtlasParts, el = window.AtlasDom.el, t = T.t;
  var nameKey = window.AtlasNames.nameKey;

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
    mapDiv.setAttribute('aria-label', t('mapLabel'));
    var header = el('header', 'atlas-header');
    var titles = el('div', 'titles');
    ui.title = el('h1');
    ui.subtitle = el('p', 'subtitle');
    titles.appendChild(ui.title);
    titles.appendChild(ui.subtitle);
    header.appendChild(titles);
    var tools = el('div', 'tools');
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
    ui.panelClose = button('close', 'close', actions.closePanel);
    ui.panelClose.textContent = '×';
    bar.appendChild(ui.panelTitle);
    bar.appendChild(ui.panelClose);
    ui.panel.appendChild(bar);
    ui.panelBody = el('div', 'panel-body');
    ui.panel.appendChild(ui.panelBody);
    main.appendChild(ui.panel);
    document.body.insertBefore(header, main);
    document.body.appendChild(timeBar(ctx, actions));
    document.body.classList.add('atlas-page');
    ui.panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') actions.closePanel();
    });
    map.invalidateSize();
  }

  function timeBar(ctx, actions) {
    var ui = ctx.ui;
    var bar = el('div', 'time-bar');
    bar.setAttribute('role', 'group');
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
    ui.lang.lang = ar ? 'en' : 'ar';
    ui.lang.setAttribute('aria-label', t('languageName'));
    ui.slider.setAttribute('aria-label', t('date'));
    ui.slider.dir = 'ltr'; // time runs left to right on the slider, as on the chart's axis
    if (ui.noEvents) ui.noEvents.textContent = t('noEventsAtAll');
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
    ui.searchResults = el('ul', 'search-results');
    ui.searchResults.id = 'search-results';
    ui.searchStatus = el('p', 'visually-hidden');
    ui.searchStatus.setAttribute('role', 'status');
    search.appendChild(ui.search);
    search.appendChild(ui.searchResults);
    search.appendChild(ui.searchStatus);
    ui.search.addEventListener('input', function () { runSearch(ctx); });
    ui.search.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') return;
      var first = ui.searchResults.querySelector('button');
      if (first) first.click();
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

  window.AtlasLayout = { build: build, applyLanguage: applyLanguage };
})();
