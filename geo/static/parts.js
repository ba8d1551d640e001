/* The crossings atlas panel parts: the pieces several panels and the figure layer share. Text
 * naming the chosen date, the data's texts in the reader's language (a row not yet translated
 * shown in English, marked as such) with the English original one click away, interface
 * sentences with data in them, source links, dates at their precision (marked ≈ when
 * uncertain), assessment badges, crossing names, and a figure in words with its colour. Each
 * returns DOM nodes or plain text; data goes in as textContent. */
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

  /** A text of the data in the reader's language: in Arabic its `_ar` twin; where the row has
   * no Arabic yet, its English, marked as English (lang, dir) with a visible "English only". */
  function textIn(item, field) {
    var arabic = T.language() === 'ar' && item[field + '_ar'];
    return arabic || item[field] || '';
  }

  /** Whether an Arabic reader is shown the English of `field` (it has no Arabic yet). */
  function untranslated(item, field) {
    return T.language() === 'ar' && !!item[field] && !item[field + '_ar'];
  }

  /** Append a data text (see textIn) to `node`, between optional quotation marks. */
  function appendText(node, item, field, quoted) {
    var marks = !quoted ? ['', ''] : T.language() === 'ar' ? ['«', '»'] : ['“', '”'];
    var text = marks[0] + textIn(item, field) + marks[1];
    if (!untranslated(item, field)) {
      node.appendChild(document.createTextNode(text));
      return node;
    }
    node.appendChild(el('span', 'english-only', t('englishOnly')));
    node.appendChild(document.createTextNode(' '));
    node.appendChild(english('span', null, text));
    return node;
  }

  /** An element holding a data text in the reader's language (see appendText). */
  function dataText(tag, className, item, field, quoted) {
    return appendText(el(tag, className), item, field, quoted);
  }

  /** "النص الإنجليزي": the English originals of an item's translated texts (and `extra` English
   * lines), one click away, for checking against the sources. Null in English, or when no text
   * of the item was translated (its English is then on show already). */
  function englishOriginal(item, fields, extra) {
    if (T.language() !== 'ar') return null;
    var lines = fields.filter(function (f) { return item[f] && item[f + '_ar']; })
      .map(function (f) { return item[f]; }).concat(extra || []);
    if (!lines.length) return null;
    var box = el('details', 'english-original');
    box.appendChild(el('summary', null, t('englishOriginal')));
    var body = english('div', 'english-text');
    lines.forEach(function (line) { body.appendChild(el('p', null, line)); });
    box.appendChild(body);
    return box;
  }

  /** An interface sentence whose {slot} is a data text, e.g. 'بحسب {who}'. */
  function mixed(tag, className, key, values, slot, item, field) {
    var node = el(tag, className);
    var parts = t(key, values).split('{' + slot + '}');
    node.appendChild(document.createTextNode(parts[0]));
    appendText(node, item, field);
    if (parts[1]) node.appendChild(document.createTextNode(parts[1]));
    return node;
  }

  /** A source as its outlet and publication date, linked when it has a web address. */
  function sourceLink(ctx, sourceId) {
    var source = ctx.data.sources[sourceId] || {};
    var line = el('span', 'source');
    var name = el('span');
    if (source.outlet) {
      appendText(name, source, 'outlet');
      if (source.published) {
        name.appendChild(document.createTextNode((T.language() === 'ar' ? '، ' : ', ') +
          T.formatDate(source.published)));
      }
    } else {
      name.textContent = sourceId;
    }
    // Only the project's own cross-check was checked against other reporting; any other
    // source without a URL is simply unlinked (e.g. an original that could not be found).
    var link;
    if (source.url && /^https?:\/\//.test(source.url)) {
      link = Dom.safeLink('', source.url, true);
      link.appendChild(name);
    } else {
      link = name;
      link.appendChild(document.createTextNode(' — ' +
        t(source.cross_check ? 'crossChecked' : 'noLink')));
    }
    if (source.title) link.title = textIn(source, 'title');
    line.appendChild(link);
    return line;
  }

  /** The English of a source line, for englishOriginal. */
  function sourceEnglish(ctx, sourceId) {
    var source = ctx.data.sources[sourceId] || {};
    if (!source.outlet_ar) return [];
    return [[source.outlet, source.title, source.published].filter(Boolean).join(', ')];
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

  function crossingName(c) { return textIn(c, 'name'); }

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
    node.appendChild(el('p', 'figure-area', t('area', { area: textIn(f, 'area_label') })));
    if (f.area_name) node.appendChild(dataText('p', 'figure-area-words', f, 'area_name', true));
    return node;
  }

  window.AtlasParts = {
    dated: dated, textIn: textIn, dataText: dataText, englishOriginal: englishOriginal,
    mixed: mixed, sourceLink: sourceLink, sourceEnglish: sourceEnglish, dateDoubt: dateDoubt,
    dateNode: dateNode, badge: badge, crossingName: crossingName, figureLabel: figureLabel,
    figureWhen: figureWhen, figureArea: figureArea, METRIC_COLOURS: METRIC_COLOURS
  };
})();
