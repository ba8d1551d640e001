/* The crossings atlas panels: a crossing's claims and "about & data", plus the helpers the
 * displacement panel (figures.js) and the companion table (table.js) share.
 * Each builder returns DOM nodes; text from data only ever goes in through textContent. */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, el = T.el, t = T.t, term = T.term;

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

  /** Text that names the chosen date; atlas.js rewrites it in place when only the date moves. */
  function dated(node, key, values) {
    node.dataset.dateText = key;
    node.dataset.values = JSON.stringify(values || {});
    node.textContent = t(key, Object.assign({ date: T.formatDate(ctxDate) }, values));
    return node;
  }
  var ctxDate = '';

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
    // Only the project's own cross-check was checked against other reporting; any other
    // source without a URL is simply unlinked (e.g. an original that could not be found).
    var link = source.url && /^https?:\/\//.test(source.url) ? safeLink(label, source.url, true)
      : el('span', null, label + ' — ' + t(source.cross_check ? 'crossChecked' : 'noLink'));
    if (T.language() !== 'en') { link.lang = 'en'; link.dir = 'ltr'; }
    line.appendChild(link);
    return line;
  }

  // A source whose own date is not printed on it or not verified makes the dates drawn
  // from it uncertain too.
  var UNSURE = { inferred: 'unsureInferred', unverified: 'unsureUnverified' };

  /** Why a date from this source, at this precision, is uncertain ('' when it is not). */
  function dateDoubt(ctx, precision, sourceId) {
    var reasons = [];
    if (precision && precision !== 'day') {
      reasons.push(t(precision === 'month' ? 'monthOnly' : 'yearOnly'));
    }
    var confidence = ctx && (ctx.data.sources[sourceId] || {}).date_confidence;
    if (UNSURE[confidence]) reasons.push(t(UNSURE[confidence]));
    return reasons.join('; ');
  }

  /** A date at its precision; uncertain dates (month or year only, or from a source whose own
   * date is inferred or unverified) are marked ≈ and styled apart, with the reason as title. */
  function dateNode(text, precision, tag, doubt) {
    var node = el(tag || 'span', 'date', T.formatDate(text, precision));
    if (doubt === undefined) doubt = dateDoubt(null, precision);
    if (doubt) {
      node.className = 'date approx-date';
      node.title = doubt;
      node.setAttribute('aria-label', node.textContent + ' (' + doubt + ')');
      node.textContent = '≈ ' + node.textContent;
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
    head.appendChild(dateNode(e.date, e.date_precision, 'strong',
      dateDoubt(ctx, e.date_precision, e.source_id)));
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
    ctxDate = ctx.date;
    var box = el('div', 'claims-panel');
    var other = T.language() === 'ar' ? c.name : c.name_ar;
    if (other) box.appendChild(el('p', 'other-name', other));
    var step = ctx.statusStep(c, ctx.date);
    var status = el('p', 'status-line');
    status.appendChild(ctx.swatch(step ? step.status : 'none'));
    status.appendChild(dated(el('span', 'status-on'), 'statusOn'));
    status.appendChild(el('strong', null, term('status', step ? step.status : 'none')));
    box.appendChild(status);
    if (step) {
      var cause = ctx.eventsById[step.event_id] || {};
      box.appendChild(mixed('p', 'since', 'since', { date: (dateDoubt(ctx, step.date_precision,
        cause.source_id) ? '≈ ' : '') + T.formatDate(step.date, step.date_precision) }, 'who',
      step.claimant));
    }
    var where = el('details', 'where');
    where.appendChild(el('summary', c.location_precision === 'exact' ? null : 'precision',
      c.location_precision === 'exact' ? t('exact')
        : t('approx', { km: T.formatNumber(Math.round(c.precision_m / 100) / 10) })));
    where.appendChild(english('p', null, c.location_source));
    box.appendChild(where);
    if (c.summary) box.appendChild(english('p', 'crossing-summary', c.summary));
    if (T.language() !== 'en') box.appendChild(el('p', 'english-note', t('englishData')));
    var extra = ctx.crossingExtra && ctx.crossingExtra(c); // e.g. activity.js's section
    if (extra) box.appendChild(extra);

    var all = ctx.eventsFor(c.id);
    var known = all.filter(function (e) { return D.knownOn(e, ctx.date); });
    box.appendChild(dated(el('h3'), 'claimsUpTo'));
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
    // Only answers timeline.py counts as disputing (the other camp, or a denial) are labelled
    // so; the rest (e.g. a statement from the same camp) are plain answers.
    var disputing = e.disputed_by || [];
    [[true, 'counter-claims', 'disputedBy'], [false, 'answer-group', 'answeredBy']]
      .forEach(function (kind) {
        var mine = answers.filter(function (o) {
          return (disputing.indexOf(o.event_id) >= 0) === kind[0];
        });
        if (!mine.length) return;
        var group = el('div', kind[1]);
        group.appendChild(el('p', 'counter-label', t(kind[2])));
        var sub = el('ol');
        sub.setAttribute('aria-label', t(kind[2]));
        mine.forEach(function (o) { sub.appendChild(withAnswers(ctx, o, known, inList)); });
        group.appendChild(sub);
        item.appendChild(group);
      });
    return item;
  }

  /** What the map is, how to read it, the licences, and the data to download. */
  function about(ctx) {
    ctxDate = ctx.date;
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
    claims: claims, about: about, crossingName: crossingName, DEFAULT_DOWNLOADS: DEFAULT_DOWNLOADS,
    // Shared with figures.js and table.js, which add AtlasPanels.figures and .table.
    parts: { english: english, dated: dated, mixed: mixed, sourceLink: sourceLink,
      dateNode: dateNode, dateDoubt: dateDoubt, badge: badge, setDate: function (d) { ctxDate = d; } }
  };
})();
