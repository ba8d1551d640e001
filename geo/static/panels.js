/* The crossings atlas panels: a crossing's claims, the displacement figures (with a chart
 * drawn as inline SVG), the companion table of all events, and "about & data".
 * Each builder returns DOM nodes; text from data only ever goes in through textContent. */
(function () {
  'use strict';
  var T = window.AtlasText, el = T.el, t = T.t, term = T.term;
  var SVG = 'http://www.w3.org/2000/svg';

  // What build.py writes into site/data/, listed when the page data carries no `downloads`.
  var DEFAULT_DOWNLOADS = [
    { label: 'Crossings (GeoJSON)', href: 'data/crossings.geojson' },
    { label: 'Crossings (CSV)', href: 'data/crossings.csv' },
    { label: 'Events (GeoJSON)', href: 'data/events.geojson' },
    { label: 'Events (CSV)', href: 'data/events.csv' },
    { label: 'Displacement figures (GeoJSON)', href: 'data/displacement.geojson' },
    { label: 'Displacement figures (CSV)', href: 'data/displacement.csv' }
  ];

  /** English data text, marked as such so Arabic readers' screen readers switch voice. */
  function english(tag, className, text) {
    var node = el(tag, className, text);
    if (T.language() !== 'en') { node.lang = 'en'; node.dir = 'ltr'; }
    return node;
  }

  /** An interface sentence whose {slot} is English data, e.g. 'بحسب {who}'. */
  function mixed(tag, className, key, values, slot, englishText) {
    var node = el(tag, className);
    var parts = t(key, values).split('{' + slot + '}');
    node.appendChild(document.createTextNode(parts[0]));
    node.appendChild(english('span', null, englishText));
    if (parts[1]) node.appendChild(document.createTextNode(parts[1]));
    return node;
  }

  /** A link only for http(s) and relative URLs; anything else becomes plain text. */
  function safeLink(text, href, external) {
    if (!href || !/^(https?:\/\/|[\w.\-]+\/|[\w.\-]+$)/.test(href)) return el('span', null, text);
    var a = el('a', null, text);
    a.href = href;
    if (external) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    return a;
  }

  function sourceLink(ctx, sourceId) {
    var source = ctx.data.sources[sourceId] || {};
    var label = source.outlet ? source.outlet + (source.published ? ', ' + source.published : '')
      : sourceId;
    var line = el('span', 'source');
    var link = source.url && /^https?:\/\//.test(source.url) ? safeLink(label, source.url, true)
      : el('span', null, label + ' — ' + t('noLink'));
    if (T.language() !== 'en') { link.lang = 'en'; link.dir = 'ltr'; }
    line.appendChild(link);
    return line;
  }

  /** A date at its precision; month- and year-only dates are marked ≈ and styled apart. */
  function dateNode(text, precision, tag) {
    var node = el(tag || 'span', 'date', T.formatDate(text, precision));
    if (precision !== 'day') {
      node.className = 'date approx-date';
      node.textContent = '≈ ' + node.textContent;
      node.title = t(precision === 'month' ? 'monthOnly' : 'yearOnly');
      node.setAttribute('aria-label', node.textContent.slice(2) + ' (' + node.title + ')');
    }
    return node;
  }

  function badge(assessment) {
    return el('span', 'assessment ' + assessment.replace(/ /g, '-'), term('assessment', assessment));
  }

  function crossingName(c) { return T.language() === 'ar' && c.name_ar ? c.name_ar : c.name; }

  /** One event as a list item: date, type, assessment, who and side, claim, source, note. */
  function eventItem(ctx, e, inList) {
    var item = el('li', 'claim side-' + e.claimant_side);
    item.id = 'event-' + e.event_id;
    var head = el('p', 'claim-head');
    head.appendChild(dateNode(e.date, e.date_precision, 'strong'));
    head.appendChild(el('span', 'event-type', term('type', e.event_type)));
    head.appendChild(badge(e.assessment));
    item.appendChild(head);
    var who = el('p', 'claimant');
    who.appendChild(english('span', null, e.claimant));
    who.appendChild(el('span', 'side', ' (' + term('side', e.claimant_side) + ')'));
    item.appendChild(who);
    if (e.responds_to && !inList[e.responds_to] && ctx.eventsById[e.responds_to]) {
      var target = ctx.eventsById[e.responds_to];
      item.appendChild(mixed('p', 'answers', 'answers', {}, 'text', target.summary));
    }
    item.appendChild(english('p', 'summary', e.summary));
    var src = el('p', 'source-line', t('source') + ' ');
    src.appendChild(sourceLink(ctx, e.source_id));
    item.appendChild(src);
    if (e.note) {
      var more = el('details', 'event-note');
      more.appendChild(el('summary', null, t('eventNote')));
      more.appendChild(english('p', null, e.note));
      item.appendChild(more);
    }
    return item;
  }

  /** A crossing's status on the chosen date and its claims, each counter-claim beside its claim. */
  function claims(ctx, c) {
    var box = el('div', 'claims-panel');
    var other = T.language() === 'ar' ? c.name : c.name_ar;
    if (other) box.appendChild(el('p', 'other-name', other));
    var step = ctx.statusStep(c, ctx.date);
    var status = el('p', 'status-line');
    status.appendChild(ctx.swatch(step ? step.status : 'none'));
    status.appendChild(el('span', null, ' ' + t('statusOn', { date: T.formatDate(ctx.date) }) +
      ' '));
    status.appendChild(el('strong', null, term('status', step ? step.status : 'none')));
    box.appendChild(status);
    if (step) {
      box.appendChild(mixed('p', 'since', 'since', { date: (step.date_precision === 'day' ? ''
        : '≈ ') + T.formatDate(step.date, step.date_precision) }, 'who', step.claimant));
    }
    var where = el('details', 'where');
    where.appendChild(el('summary', c.location_precision === 'exact' ? null : 'precision',
      c.location_precision === 'exact' ? t('exact')
        : t('approx', { km: T.formatNumber(Math.round(c.precision_m / 100) / 10) })));
    where.appendChild(english('p', null, c.location_source));
    box.appendChild(where);
    if (c.summary) box.appendChild(english('p', 'crossing-summary', c.summary));
    if (T.language() !== 'en') box.appendChild(el('p', 'english-note', t('englishData')));

    var all = ctx.eventsFor(c.id);
    var known = all.filter(function (e) { return e.known_by <= ctx.date; });
    box.appendChild(el('h3', null, t('claimsUpTo', { date: T.formatDate(ctx.date) })));
    if (!known.length) box.appendChild(el('p', 'empty', t('noEvents')));
    var inList = {};
    known.forEach(function (e) { inList[e.event_id] = true; });
    var list = el('ol', 'claims');
    known.forEach(function (e) {
      if (e.responds_to && inList[e.responds_to]) return; // sits under the claim it answers
      list.appendChild(withAnswers(ctx, e, known, inList));
    });
    box.appendChild(list);
    if (all.length > known.length) {
      box.appendChild(el('p', 'later', t('laterHidden', { n: all.length - known.length })));
    }
    return box;
  }

  function withAnswers(ctx, e, known, inList) {
    var item = eventItem(ctx, e, inList);
    var answers = known.filter(function (o) { return o.responds_to === e.event_id; });
    if (answers.length) {
      var group = el('div', 'counter-claims');
      group.appendChild(el('p', 'counter-label', t('disputedBy')));
      var sub = el('ol');
      sub.setAttribute('aria-label', t('disputedBy'));
      answers.forEach(function (o) { sub.appendChild(withAnswers(ctx, o, known, inList)); });
      group.appendChild(sub);
      item.appendChild(group);
    }
    return item;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function dayNumber(text, end) {
    var p = String(text).split('-').map(Number);
    if (end && p.length < 3) {
      return Date.UTC(p[0], p.length === 2 ? p[1] : 12, 0) / 864e5; // last day of month/year
    }
    return Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1) / 864e5;
  }

  var METRIC_COLOURS = { displaced: '#0072B2', population: '#555555', killed: '#D55E00' };

  /** Figures over time on a log scale: a mark at the date stated, a line over the period. */
  function chart(ctx, figures) {
    var W = 340, H = 190, left = 44, right = 44, top = 18, bottom = 28;
    var days = [];
    figures.forEach(function (f) {
      days.push(dayNumber(f.as_of), dayNumber(f.as_of, true));
      if (f.period_start) days.push(dayNumber(f.period_start));
    });
    var x0 = Math.min.apply(null, days) - 30, x1 = Math.max.apply(null, days) + 30;
    var y0 = 3, y1 = 7; // 1,000 to 10 million
    function x(d) {
      return left + (d - x0) / (x1 - x0) * (W - left - right);
    }
    function y(n) { return top + (y1 - Math.log10(Math.max(n, 1000))) / (y1 - y0) * (H - top - bottom); }
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', class: 'figure-chart',
      'aria-label': t('chartLabel', { n: figures.length }) });
    for (var p = y0; p <= y1; p++) {
      root.appendChild(svg('line', { x1: left, x2: W - right, y1: y(Math.pow(10, p)),
        y2: y(Math.pow(10, p)), class: 'grid' }));
      root.appendChild(svg('text', { x: 2, y: y(Math.pow(10, p)) + 4, class: 'tick' },
        T.formatNumber(Math.pow(10, p))));
    }
    var firstYear = new Date(x0 * 864e5).getUTCFullYear();
    var lastYear = new Date(x1 * 864e5).getUTCFullYear();
    for (var yr = firstYear; yr <= lastYear + 1; yr++) {
      var d = Date.UTC(yr, 0, 1) / 864e5;
      if (d < x0 || d > x1) continue;
      root.appendChild(svg('line', { x1: x(d), x2: x(d), y1: top, y2: H - bottom, class: 'grid' }));
      root.appendChild(svg('text', { x: x(d), y: H - 10, class: 'tick', 'text-anchor': 'middle' },
        T.formatDate(String(yr), 'year')));
    }
    var today = dayNumber(ctx.date);
    if (today >= x0 && today <= x1) {
      root.appendChild(svg('line', { x1: x(today), x2: x(today), y1: top, y2: H - bottom,
        class: 'chosen-date' }));
    }
    // Number labels beside the marks, nudged apart where figures sit on the same spot.
    var labelY = {}, taken = [];
    figures.map(function (f, i) { return [y(f.figure), i]; })
      .sort(function (a, b) { return a[0] - b[0]; }).forEach(function (p) {
        var want = p[0] + 4;
        while (taken.some(function (u) { return Math.abs(u - want) < 11; })) want += 11;
        taken.push(want);
        labelY[p[1]] = want;
      });
    figures.forEach(function (f, i) {
      var colour = METRIC_COLOURS[f.metric] || '#333';
      var g = svg('g', { class: 'mark' + (f.as_of > ctx.date ? ' later' : '') });
      g.appendChild(svg('title', {}, (i + 1) + '. ' + figureLabel(f)));
      var yy = y(f.figure), start = dayNumber(f.as_of), end = dayNumber(f.as_of, true);
      if (f.period_start) {
        g.appendChild(svg('line', { x1: x(dayNumber(f.period_start)), x2: x(start), y1: yy, y2: yy,
          stroke: colour, 'stroke-width': 2 }));
      }
      if (end > start) { // a month- or year-only date: the mark spans the whole period
        g.appendChild(svg('line', { x1: x(start), x2: x(end), y1: yy, y2: yy, stroke: colour,
          'stroke-width': 6, 'stroke-dasharray': '2 2', opacity: 0.6 }));
      }
      var cx = x(end);
      if (f.qualifier === 'at_least' || f.qualifier === 'more_than') {
        g.appendChild(svg('path', { d: 'M' + cx + ' ' + (yy - 6) + 'l5 9h-10z', fill: colour }));
      } else {
        g.appendChild(svg('circle', { cx: cx, cy: yy, r: 4.5, stroke: colour, 'stroke-width': 2,
          fill: f.qualifier === 'exact' ? colour : '#fff' }));
      }
      g.appendChild(svg('text', { x: cx + 8 + (labelY[i] - yy - 4) / 11 * 10, y: labelY[i],
        class: 'mark-number' }, T.formatNumber(i + 1)));
      root.appendChild(g);
    });
    root.appendChild(svg('text', { x: left, y: 10, class: 'tick' }, t('logScale')));
    return root;
  }

  function figureLabel(f) {
    var q = term('qualifier', f.qualifier);
    return (q ? q + ' ' : '') + T.formatNumber(f.figure) + ' ' + term('metric', f.metric);
  }

  /** Every figure with date or period, qualifier, area and source: a chart and a list. */
  function figures(ctx) {
    var box = el('div', 'figures-panel');
    box.appendChild(el('p', 'intro', t('figuresIntro')));
    var list = ctx.data.figures;
    box.appendChild(chart(ctx, list));
    box.appendChild(el('p', 'chart-key', t('chartKey')));
    if (T.language() !== 'en') box.appendChild(el('p', 'english-note', t('englishData')));
    var ol = el('ol', 'figure-list');
    list.forEach(function (f) {
      var item = el('li', 'figure' + (f.as_of > ctx.date ? ' later' : ''));
      item.appendChild(el('p', 'figure-number', figureLabel(f)));
      var when = el('p', 'figure-when');
      if (f.period_start) {
        when.textContent = t('period', { a: T.formatDate(f.period_start),
          b: T.formatDate(f.as_of, f.as_of_precision) });
      } else {
        when.appendChild(document.createTextNode(t('asOf', { date: '' })));
        when.appendChild(dateNode(f.as_of, f.as_of_precision));
      }
      item.appendChild(when);
      var area = T.language() === 'ar' && f.area_label_ar ? f.area_label_ar : f.area_label;
      item.appendChild(el('p', 'figure-area', t('area', { area: area })));
      item.appendChild(english('p', 'figure-area-words', '“' + f.area_name + '”'));
      if (f.claimant) item.appendChild(mixed('p', 'claimant', 'according', {}, 'who', f.claimant));
      var src = el('p', 'source-line', t('source') + ' ');
      src.appendChild(sourceLink(ctx, f.source_id));
      item.appendChild(src);
      if (f.as_of > ctx.date) item.appendChild(el('p', 'later', t('afterDate')));
      if (f.note) {
        var more = el('details', 'event-note');
        more.appendChild(el('summary', null, t('eventNote')));
        more.appendChild(english('p', null, f.note));
        item.appendChild(more);
      }
      ol.appendChild(item);
    });
    box.appendChild(ol);
    return box;
  }

  var COLUMNS = [
    { key: 'known_by', label: 'colDate' }, { key: 'crossing', label: 'colCrossing' },
    { key: 'event_type', label: 'colType' }, { key: 'claimant', label: 'colClaimant' },
    { key: 'summary', label: 'colSummary' }, { key: 'assessment', label: 'colAssessment' },
    { key: 'source_id', label: 'colSource' }
  ];

  /** The companion table: every event known by the chosen date, sortable and filterable. */
  function table(ctx) {
    var view = ctx.tableView; // {sort, descending, text, side, assessment}, kept across redraws
    var box = el('div', 'table-panel');
    var controls = el('div', 'table-controls');
    var filter = el('input', 'table-filter');
    filter.type = 'search';
    filter.id = 'table-filter';
    filter.value = view.text;
    filter.setAttribute('aria-label', t('filter'));
    filter.placeholder = t('filter');
    controls.appendChild(filter);
    var side = select('table-side', t('allSides'), Object.keys(ctx.data.sides).map(function (k) {
      return [k, term('side', k)];
    }), view.side);
    var assess = select('table-assessment', t('allAssessments'),
      ['contested', 'corroborated', 'single source'].map(function (k) {
        return [k, term('assessment', k)];
      }), view.assessment);
    controls.appendChild(side);
    controls.appendChild(assess);
    box.appendChild(controls);
    if (T.language() !== 'en') box.appendChild(el('p', 'english-note', t('englishData')));
    var status = el('p', 'table-count');
    status.setAttribute('role', 'status');
    box.appendChild(status);
    var wrap = el('div', 'table-wrap');
    var tbl = el('table', 'events-table');
    var head = el('tr');
    COLUMNS.forEach(function (col) {
      var th = el('th');
      th.scope = 'col';
      var button = el('button', 'sort', t(col.label));
      button.type = 'button';
      button.dataset.sort = col.key;
      button.setAttribute('aria-label', t('sortBy', { col: t(col.label) }));
      if (view.sort === col.key) th.setAttribute('aria-sort', view.descending ? 'descending' : 'ascending');
      button.addEventListener('click', function () {
        view.descending = view.sort === col.key ? !view.descending : false;
        view.sort = col.key;
        ctx.refresh('sort-' + col.key);
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    var thead = el('thead');
    thead.appendChild(head);
    tbl.appendChild(thead);
    var body = el('tbody');
    tbl.appendChild(body);
    wrap.appendChild(tbl);
    box.appendChild(wrap);

    function fill() {
      var needle = T.nameKey(view.text);
      var rows = ctx.data.events.filter(function (e) {
        if (e.known_by > ctx.date) return false;
        if (view.side && e.claimant_side !== view.side) return false;
        if (view.assessment && e.assessment !== view.assessment) return false;
        return !needle || T.nameKey([crossingCell(ctx, e), e.place, e.claimant, e.summary,
          e.event_type, e.source_id].join(' ')).indexOf(needle) >= 0;
      });
      rows.sort(function (a, b) {
        var ka = sortKey(ctx, a, view.sort), kb = sortKey(ctx, b, view.sort);
        var order = ka < kb ? -1 : ka > kb ? 1 : a.known_by < b.known_by ? -1 : 1;
        return view.descending ? -order : order;
      });
      body.textContent = '';
      rows.forEach(function (e) { body.appendChild(row(ctx, e)); });
      var known = ctx.data.events.filter(function (e) { return e.known_by <= ctx.date; }).length;
      status.textContent = t('shown', { n: T.formatNumber(rows.length), m: T.formatNumber(known),
        date: T.formatDate(ctx.date) });
      status.dataset.rows = rows.length;
    }
    filter.addEventListener('input', function () { view.text = filter.value; fill(); });
    side.addEventListener('change', function () { view.side = side.value; fill(); });
    assess.addEventListener('change', function () { view.assessment = assess.value; fill(); });
    fill();
    return box;
  }

  function select(id, allLabel, options, value) {
    var node = el('select');
    node.id = id;
    node.setAttribute('aria-label', allLabel);
    [['', allLabel]].concat(options).forEach(function (o) {
      var option = el('option', null, o[1]);
      option.value = o[0];
      node.appendChild(option);
    });
    node.value = value || '';
    return node;
  }

  function crossingCell(ctx, e) {
    return (e.crossing_ids ? e.crossing_ids.split(';') : []).map(function (id) {
      return crossingName(ctx.crossingsById[id]);
    }).join(', ');
  }

  function sortKey(ctx, e, key) {
    if (key === 'crossing') return crossingCell(ctx, e) || '\uffff';
    if (key === 'event_type') return term('type', e.event_type);
    return String(e[key] || '');
  }

  function row(ctx, e) {
    var tr = el('tr', 'event-row');
    tr.dataset.event = e.event_id;
    var date = el('td');
    date.appendChild(dateNode(e.date, e.date_precision));
    tr.appendChild(date);
    var place = el('td');
    var ids = e.crossing_ids ? e.crossing_ids.split(';') : [];
    ids.forEach(function (id, i) {
      var button = el('button', 'link-button', crossingName(ctx.crossingsById[id]));
      button.type = 'button';
      button.addEventListener('click', function () { ctx.select(id, 'claims'); });
      if (i) place.appendChild(document.createTextNode(', '));
      place.appendChild(button);
    });
    if (!ids.length) place.appendChild(english('span', 'place', e.place || t('noCrossing')));
    tr.appendChild(place);
    tr.appendChild(el('td', null, term('type', e.event_type)));
    var who = el('td');
    who.appendChild(english('span', null, e.claimant));
    who.appendChild(el('span', 'side', ' (' + term('side', e.claimant_side) + ')'));
    tr.appendChild(who);
    tr.appendChild(english('td', 'summary', e.summary));
    var a = el('td');
    a.appendChild(badge(e.assessment));
    tr.appendChild(a);
    var s = el('td');
    s.appendChild(sourceLink(ctx, e.source_id));
    tr.appendChild(s);
    return tr;
  }

  /** What the map is, how to read it, the licences, and the data to download. */
  function about(ctx) {
    var box = el('div', 'about-panel');
    box.appendChild(el('p', null, t('aboutText')));
    box.appendChild(el('p', null, t('privacy')));
    if (T.language() !== 'en') box.appendChild(el('p', 'english-note', t('englishData')));
    box.appendChild(el('h3', null, t('legend')));
    box.appendChild(ctx.legendNode());
    box.appendChild(el('h3', null, t('downloads')));
    var list = el('ul', 'downloads');
    (ctx.data.downloads || DEFAULT_DOWNLOADS).forEach(function (d) {
      var item = el('li');
      item.appendChild(safeLink(d.label, d.href, false));
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(el('h3', null, t('licences')));
    box.appendChild(english('p', null, ctx.data.attribution));
    var lib = el('p');
    lib.appendChild(safeLink(t('leaflet'), 'vendor/leaflet/LICENSE', false));
    box.appendChild(lib);
    return box;
  }

  window.AtlasPanels = {
    claims: claims, figures: figures, table: table, about: about, crossingName: crossingName,
    DEFAULT_DOWNLOADS: DEFAULT_DOWNLOADS
  };
})();
