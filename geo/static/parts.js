/* The crossings atlas panel parts: the pieces several panels and the figure layer share. Text
 * naming the chosen date, interface sentences with English data in them, source links, dates
 * at their precision (marked ≈ when uncertain), assessment badges, crossing names, and a figure
 * in words with its colour. Each returns DOM nodes or plain text; data goes in as textContent. */
(function () {
  'use strict';
  var T = window.AtlasText, Dom = window.AtlasDom, el = Dom.el, english = Dom.english,
    t = T.t, term = T.term;

  // Colour of a figure by what it counts: the chart, the circles on the map and the legend.
  var METRIC_COLOURS = { displaced: '#0072B2', population: '#555555', killed: '#D55E00' };

  /** Text that names the chosen date; atlas.js rewrites it in place when only the date moves. */
  function dated(ctx, node, key, values) {
    node.dataset.dateText = key;
    node.dataset.values = JSON.stringify(values || {});
    node.textContent = t(key, Object.assign({ date: T.formatDate(ctx.state.date) }, values));
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

  function sourceLink(ctx, sourceId) {
    var source = ctx.data.sources[sourceId] || {};
    var label = source.outlet ? source.outlet + (source.published ? ', ' + source.published : '')
      : sourceId;
    var line = el('span', 'source');
    // Only the project's own cross-check was checked against other reporting; any other
    // source without a URL is simply unlinked (e.g. an original that could not be found).
    var link = source.url && /^https?:\/\//.test(source.url) ? Dom.safeLink(label, source.url, true)
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
    var confidence = (ctx.data.sources[sourceId] || {}).date_confidence;
    if (UNSURE[confidence]) reasons.push(t(UNSURE[confidence]));
    return reasons.join('; ');
  }

  /** A date at its precision; an uncertain one (`doubt`, from dateDoubt: month or year only, or
   * from a source whose own date is inferred or unverified) is marked ≈ and styled apart, with
   * the reason as title. */
  function dateNode(text, precision, tag, doubt) {
    var node = el(tag || 'span', 'date', T.formatDate(text, precision));
    if (doubt) { // the reason on hover (title), and as text a screen reader reads
      node.className = 'date approx-date';
      node.title = doubt;
      node.textContent = '≈ ' + node.textContent;
      node.appendChild(el('span', 'visually-hidden', ' (' + doubt + ')'));
    }
    return node;
  }

  function badge(assessment) {
    return el('span', 'assessment ' + assessment.replace(/ /g, '-'), term('assessment', assessment));
  }

  function crossingName(c) { return T.language() === 'ar' && c.name_ar ? c.name_ar : c.name; }

  function figureLabel(f) {
    // An exact number goes without its qualifier; 'about 1,000', 'at least 1,000' do not.
    var q = f.qualifier === 'exact' ? '' : term('qualifier', f.qualifier);
    return (q ? q + ' ' : '') + T.formatNumber(f.figure) + ' ' + term('metric', f.metric);
  }

  /** "as of <date>" or "counted from <start> to <date>", the date marked ≈ when uncertain. */
  function figureWhen(ctx, f) {
    var when = el('p', 'figure-when');
    var date = dateNode(f.as_of, f.as_of_precision, 'span',
      dateDoubt(ctx, f.as_of_precision, f.source_id));
    var parts = f.period_start ? t('period', { a: T.formatDate(f.period_start) }).split('{b}')
      : t('asOf').split('{date}');
    when.appendChild(document.createTextNode(parts[0]));
    when.appendChild(date);
    if (parts[1]) when.appendChild(document.createTextNode(parts[1]));
    return when;
  }

  /** The figure's area (in the reader's language) and, when the source named it, its words. */
  function figureArea(f, node) {
    var area = T.language() === 'ar' && f.area_label_ar ? f.area_label_ar : f.area_label;
    node.appendChild(el('p', 'figure-area', t('area', { area: area })));
    if (f.area_name) node.appendChild(english('p', 'figure-area-words', '“' + f.area_name + '”'));
    return node;
  }

  window.AtlasParts = {
    dated: dated, mixed: mixed, sourceLink: sourceLink, dateDoubt: dateDoubt, dateNode: dateNode,
    badge: badge, crossingName: crossingName, figureLabel: figureLabel, figureWhen: figureWhen,
    figureArea: figureArea, METRIC_COLOURS: METRIC_COLOURS
  };
})();
