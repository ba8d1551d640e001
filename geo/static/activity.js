/* External events (--events-table) on the map, as aggregates only: one activity ring per
 * crossing, sized by the events near it in a window of time, a line in the legend, and a section
 * with a per-period bar chart in the crossing's panel. Never one marker per event. Text from data
 * reaches the page only via textContent. The page script (atlas.js) calls:
 *
 *   AtlasActivity.draw(map, data, onSelect) rings from data.activity (idempotent)
 *   AtlasActivity.follow(dateIso)           resize the rings to the window for a chosen date
 *   AtlasActivity.section(crossing)         the panel section: counts, chart, source, rows
 *   AtlasActivity.legend()                  the legend line for the rings
 *   AtlasActivity.windowKey()               the current window, for atlas.js to spot a change
 *
 * The window for a chosen date is the 3 months (13 weeks for a weekly table) up to and
 * including the month (week) the date falls in: counts are kept per whole month or week.
 * Each period holds [start, attributed, may be near]: the rings count attributed events only;
 * events that may be near a crossing (located less precisely) are a lighter band in its chart
 * and a line of their own, never added to the attributed count. */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, Dom = window.AtlasDom, el = Dom.el,
    svg = Dom.svg, english = Dom.english, t = T.t;
  // This script's strings, in English and Arabic; only pages with an events table carry them.
  T.addStrings({
    en: {
      legendActivity: 'Purple ring: events from the added events table within {km} km of the ' +
        'crossing in {span} up to the chosen date ({window}). Its area grows with the count.',
      activitySpanMonth: 'the 3 months', activitySpanWeek: 'the 13 weeks',
      activityWindow: '{a} – {b}', activityAllTime: 'the whole table',
      activityTitle: 'Conflict events nearby',
      activityCount: '{n} events within {km} km of this crossing in {window}.',
      activityNone: 'No events within {km} km of this crossing in {window}.',
      activityOutside: 'The events table covers {a} to {b} only, so nothing is counted for the ' +
        'chosen date.',
      activityKeyMonth: 'Events per month. In colour: the months counted on the map for the ' +
        'chosen date. Lighter, outlined, above: events that may be near, counted apart.',
      activityKeyWeek: 'Events per week. In colour: the weeks counted on the map for the ' +
        'chosen date. Lighter, outlined, above: events that may be near, counted apart.',
      activityChartLabel: '{n} events within {km} km, per {period}, from {a} to {b}; {m} more ' +
        'may be near.',
      activityNear: '{n} more may be near it in {window}: located less precisely, counted ' +
        'apart and not in the ring.',
      activityNearNone: 'None more may be near it in {window}.',
      activityNearTip: '{period}: {n} may be near',
      activityTotals: 'Over the whole table, at this crossing: {attributed} events attributed, ' +
        '{near} that may be near it (counted apart), and {vague} located only to an area whose ' +
        'point lies within {km} km (never attributed).',
      activityUndatedMonth: '{n} of the attributed events may fall in more than one month: date ' +
        'too uncertain for monthly counts, so they are in no month.',
      activityUndatedWeek: '{n} of the attributed events may fall in more than one week: date ' +
        'too uncertain for weekly counts, so they are in no week.',
      activityRing: '{n} events within {km} km, {window}',
      activityHow: 'How these events were counted',
      activityRule: 'An event in {table} is attributed to the nearest crossing within {km} km ' +
        'only when its location is known to within {km} km. One known less precisely, whose ' +
        'uncertainty reaches a crossing\'s radius, may be near it: counted apart, in the ' +
        'lighter band, never in the ring. One known only to an area (a district\'s or ' +
        'province\'s centroid, the whole country) is never attributed. The map shows counts ' +
        'only, never single events.',
      activityRows: '{read} rows read: {attributed} attributed to a crossing, {near} may be ' +
        'near one, {vague} too imprecise to place, {beyond} farther from every crossing, and ' +
        '{aside} set aside because of a problem.',
      activityUndatedAllMonth: 'Date too uncertain for monthly counts (attributed or may be ' +
        'near, in no month): {n}.',
      activityUndatedAllWeek: 'Date too uncertain for weekly counts (attributed or may be ' +
        'near, in no week): {n}.',
      activityLevels: 'How precisely the usable rows are located ({column}):',
      activityAsideNone: 'No row was set aside.',
      activityBad: '{what}: {n}',
      activityCsv: 'Counts per crossing and {period} (CSV)'
    },
    ar: {
      legendActivity: 'حلقة بنفسجية: أحداث جدول الأحداث المضاف على بعد {km} كم أو أقل من ' +
        'المعبر خلال {span} حتى التاريخ المختار ({window}). تكبر مساحتها مع العدد.',
      activitySpanMonth: 'الأشهر الثلاثة', activitySpanWeek: 'الأسابيع الثلاثة عشر',
      activityWindow: '{a} – {b}', activityAllTime: 'الجدول كله',
      activityTitle: 'أحداث النزاع القريبة',
      activityCount: 'عدد الأحداث على بعد {km} كم أو أقل من هذا المعبر في الفترة {window}: {n}.',
      activityNone: 'لا أحداث على بعد {km} كم أو أقل من هذا المعبر في الفترة {window}.',
      activityOutside: 'يغطي جدول الأحداث الفترة من {a} إلى {b} فقط، فلا شيء يُحسب للتاريخ ' +
        'المختار.',
      activityKeyMonth: 'الأحداث في كل شهر. بالألوان: الأشهر المحسوبة على الخريطة للتاريخ ' +
        'المختار. بلون أفتح وحدٍّ منقّط في الأعلى: أحداث قد تكون قريبة، تُحسب على حدة.',
      activityKeyWeek: 'الأحداث في كل أسبوع. بالألوان: الأسابيع المحسوبة على الخريطة للتاريخ ' +
        'المختار. بلون أفتح وحدٍّ منقّط في الأعلى: أحداث قد تكون قريبة، تُحسب على حدة.',
      activityChartLabel: 'عدد الأحداث على بعد {km} كم أو أقل: {n}، لكل {period}، من {a} إلى ' +
        '{b}؛ وعدد ما قد يكون قريباً: {m}.',
      activityNear: 'عدد الأحداث الأخرى التي قد تكون قريبة منه في الفترة {window}: {n}. ' +
        'موقعها أقل دقة، فتُحسب على حدة ولا تدخل الحلقة.',
      activityNearNone: 'لا أحداث أخرى قد تكون قريبة منه في الفترة {window}.',
      activityNearTip: '{period}: قد تكون قريبة: {n}',
      activityTotals: 'في الجدول كله، عند هذا المعبر: أحداث منسوبة إليه: {attributed}؛ أحداث ' +
        'قد تكون قريبة منه (تُحسب على حدة): {near}؛ أحداث لا يُعرف موقعها إلا بمنطقة تقع ' +
        'نقطتها على بعد {km} كم أو أقل (لا تُنسب إليه أبداً): {vague}.',
      activityUndatedMonth: 'أحداث منسوبة قد تقع في أكثر من شهر: {n}. تاريخها غير مؤكد بما ' +
        'يكفي للعدّ الشهري، فلا تدخل أي شهر.',
      activityUndatedWeek: 'أحداث منسوبة قد تقع في أكثر من أسبوع: {n}. تاريخها غير مؤكد بما ' +
        'يكفي للعدّ الأسبوعي، فلا تدخل أي أسبوع.',
      activityRing: 'عدد الأحداث على بعد {km} كم أو أقل في الفترة {window}: {n}',
      activityHow: 'كيف أُحصيت هذه الأحداث',
      activityRule: 'لا يُنسب حدث في {table} إلى أقرب معبر على بعد {km} كم أو أقل إلا إذا ' +
        'عُرف موقعه ضمن {km} كم. والحدث الأقل دقة الذي قد يبلغ هامشُ خطئه نطاقَ معبر قد يكون ' +
        'قريباً منه: يُحسب على حدة في الشريط الأفتح، ولا يدخل الحلقة أبداً. والحدث الذي لا ' +
        'يُعرف موقعه إلا بمنطقة (مركز منطقة إدارية أو محافظة، أو البلد كله) لا يُنسب إلى أي ' +
        'معبر. تعرض الخريطة الأعداد فقط، لا الأحداث منفردة.',
      activityRows: 'الصفوف المقروءة: {read}؛ منها {attributed} منسوبة إلى معبر، و{near} قد ' +
        'تكون قريبة من معبر، و{vague} موقعها غير دقيق بما يكفي، و{beyond} أبعد من كل المعابر، ' +
        'و{aside} استُبعدت بسبب مشكلة.',
      activityUndatedAllMonth: 'صفوف تاريخها غير مؤكد بما يكفي للعدّ الشهري (منسوبة أو قد ' +
        'تكون قريبة، ولا تدخل أي شهر): {n}.',
      activityUndatedAllWeek: 'صفوف تاريخها غير مؤكد بما يكفي للعدّ الأسبوعي (منسوبة أو قد ' +
        'تكون قريبة، ولا تدخل أي أسبوع): {n}.',
      activityLevels: 'دقة مواقع الصفوف الصالحة ({column}):',
      activityAsideNone: 'لم يُستبعد أي صف.',
      activityBad: '{what}: {n}',
      activityCsv: 'الأعداد لكل معبر و{period} (CSV)'
    }
  });
  var COLOUR = '#5e3c99';  // purple: apart from the Okabe–Ito status colours
  var MUTED = '#bbbbbb';
  var NEAR = '#c7b9e2';        // may be near: a lighter purple, outlined, above the bar
  var NEAR_MUTED = '#e4e4e4';
  var MIN_RADIUS = 10;     // px: just outside the crossing's own 8 px marker
  var MAX_RADIUS = 40;
  var SPAN = { month: 3, week: 13 };  // periods in the window: about 90 days either way
  // The window and the periods' first and last days are day numbers (dates.js).
  var state = { map: null, activity: null, layer: null, rings: {}, from: null, to: null,
    starts: [], ends: [], max: 1 };

  /** The last day of the month or ISO week that starts on `start` (ISO), as a day number. */
  function periodEnd(start, period) {
    return period === 'week' ? D.dayNumber(start) + 6 : D.dayNumber(start.slice(0, 7), true);
  }

  /** The window for a chosen date: SPAN whole periods ending with the one holding the date. */
  function windowFor(dateIso, period) {
    var day = D.dayNumber(dateIso);
    if (period === 'week') {
      var monday = day - (D.utcDate(day).getUTCDay() + 6) % 7;
      return [monday - (SPAN.week - 1) * 7, monday + 6];
    }
    return [D.monthStart(day, 1 - SPAN.month), D.monthStart(day, 1) - 1];
  }

  /** Whether period i overlaps [from, to] (day numbers; null = open end). */
  function inWindow(i, from, to) {
    return (to === null || state.starts[i] <= to) && (from === null || state.ends[i] >= from);
  }

  /** The events of column `k` (1: attributed, 2: may be near) in periods overlapping the
   * window. */
  function countIn(series, from, to, k) {
    var n = 0;
    series.forEach(function (entry, i) { if (inWindow(i, from, to)) n += entry[k || 1] || 0; });
    return n;
  }

  function sum(series, k) {
    return series.reduce(function (s, e) { return s + (e[k] || 0); }, 0);
  }

  function km() { return T.formatNumber(state.activity.radius_m / 1000); }

  /** A period (or a day in it, ISO) as the reader says it: "Nov 2019", or "4 Nov 2019" for
   * weeks. */
  function periodLabel(iso) {
    var week = state.activity.period === 'week';
    return T.formatDate(week ? iso : iso.slice(0, 7), week ? 'day' : 'month');
  }

  /** The window in words, e.g. "November 2019 – January 2020". */
  function windowLabel() {
    if (state.from === null && state.to === null) return t('activityAllTime');
    var a = state.from !== null ? periodLabel(D.isoOf(state.from)) : '…';
    var b = state.to !== null ? periodLabel(D.isoOf(state.to)) : '…';
    return a === b ? a : t('activityWindow', { a: a, b: b });
  }

  /** A sentence from i18n.js whose {window} slot is kept up to date as the window moves. */
  function withWindow(tag, className, key, values) {
    var node = el(tag, className);
    var parts = t(key, values).split('{window}');
    node.appendChild(document.createTextNode(parts[0]));
    node.appendChild(el('span', 'activity-window', windowLabel()));
    if (parts[1]) node.appendChild(document.createTextNode(parts[1]));
    return node;
  }

  function tooltip(crossing, n) {
    var box = el('div', 'activity-tooltip');
    box.appendChild(el('strong', null, crossing.name));
    box.appendChild(el('div', null, t('activityRing', { n: T.formatNumber(n), km: km(),
      window: windowLabel() })));
    var source = el('div', 'activity-source', t('source') + ' ');
    source.appendChild(english('span', null, state.activity.source));
    box.appendChild(source);
    return box;
  }

  function draw(map, data, onSelect) {
    if (!data || !data.activity) return null;
    if (state.layer) state.layer.remove();
    var a = data.activity;
    state.map = map;
    state.activity = a;
    state.layer = L.layerGroup();
    state.rings = {};
    state.starts = a.periods.map(function (p) { return D.dayNumber(p); });
    state.ends = a.periods.map(function (p) { return periodEnd(p, a.period); });
    // Scale by the busiest crossing in its busiest window, so sizes compare across dates.
    var span = SPAN[a.period] || 1;
    state.max = 1;
    Object.keys(a.by_crossing).forEach(function (id) {
      var run = 0;
      a.by_crossing[id].forEach(function (entry, i, all) {
        run += entry[1] - (i >= span ? all[i - span][1] : 0);
        state.max = Math.max(state.max, run);
      });
    });
    data.crossings.forEach(function (c) {
      if (!a.by_crossing[c.id]) return;
      var ring = L.circleMarker([c.lat, c.lon], {
        radius: 0, color: COLOUR, weight: 2, fillColor: COLOUR, fillOpacity: 0.12,
        className: 'activity-ring'
      });
      if (onSelect) ring.on('click', function () { onSelect(c.id); });
      state.rings[c.id] = { ring: ring, crossing: c };
      ring.addTo(state.layer);
    });
    state.layer.addTo(map);
    Object.keys(state.rings).forEach(function (id) {
      var path = state.rings[id].ring.getElement();
      path.dataset.crossing = id;
      // Not a tab stop: the crossing's own marker opens the same panel from the keyboard.
      path.setAttribute('tabindex', '-1');
      path.setAttribute('aria-hidden', 'true');
    });
    setWindow(state.from, state.to);
    return state.layer;
  }

  /** Resize every ring to the events between the days `from` and `to` (null = open end). */
  function setWindow(from, to) {
    state.from = from;
    state.to = to;
    if (!state.activity) return;
    var byCrossing = state.activity.by_crossing;
    Object.keys(state.rings).forEach(function (id) {
      var entry = state.rings[id];
      var n = countIn(byCrossing[id], state.from, state.to);
      // Area proportional to the count: radius grows with its square root.
      var radius = n > 0 ? MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) *
        Math.sqrt(Math.min(n / state.max, 1)) : 0;
      entry.count = n;
      entry.ring.setRadius(radius);
      entry.ring.setStyle({ opacity: n > 0 ? 1 : 0, fillOpacity: n > 0 ? 0.12 : 0 });
      // Bound once, its content replaced: rebinding would stack Leaflet's focus listeners.
      if (entry.ring.getTooltip()) entry.ring.setTooltipContent(tooltip(entry.crossing, n));
      else entry.ring.bindTooltip(tooltip(entry.crossing, n), { sticky: true });
      var path = entry.ring.getElement && entry.ring.getElement();
      if (path) path.dataset.count = n;
    });
    var label = windowLabel();
    document.querySelectorAll('.activity-window').forEach(function (node) {
      node.textContent = label;
    });
  }

  /** Set the window for a chosen date (see the header). */
  function follow(dateIso) {
    if (!state.activity) return;
    var w = windowFor(dateIso, state.activity.period);
    setWindow(w[0], w[1]);
  }

  /** A bar chart of the crossing's events per period, the current window highlighted. */
  function chart(crossingId) {
    var a = state.activity;
    if (!a || !a.by_crossing[crossingId]) return null;
    var series = a.by_crossing[crossingId];
    var width = 300, height = 80, top = 4, bottom = 16;
    var max = Math.max.apply(null, series.map(function (e) { return e[1] + (e[2] || 0); })
      .concat([1]));
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img',
      class: 'activity-chart' });
    var title = svg('title');
    title.textContent = t('activityChartLabel', { n: T.formatNumber(sum(series, 1)), km: km(),
      m: T.formatNumber(sum(series, 2)), period: T.term('period', a.period),
      a: series.length ? periodLabel(series[0][0]) : '…',
      b: series.length ? periodLabel(series[series.length - 1][0]) : '…' }) +
      ' ' + t('source') + ' ' + a.source;
    root.appendChild(title);
    root.setAttribute('aria-label', title.textContent);
    var step = series.length ? width / series.length : width;
    series.forEach(function (entry, i) {
      var inside = inWindow(i, state.from, state.to);
      if (inside) { // the window as a pale band, so an empty window still shows where it is
        root.appendChild(svg('rect', { x: (i * step).toFixed(2), y: top, class: 'window-band',
          width: step.toFixed(2), height: height - top - bottom, fill: '#ece6f5' }));
      }
      var h = entry[1] ? Math.max((height - top - bottom) * entry[1] / max, 1) : 0;
      var x = (i * step).toFixed(2), w = Math.max(step - 0.5, 0.5).toFixed(2);
      if (h) {
        var bar = svg('rect', { x: x, y: (height - bottom - h).toFixed(2), width: w,
          height: h.toFixed(2), class: 'bar', fill: inside ? COLOUR : MUTED });
        bar.appendChild(svg('title', {}, periodLabel(entry[0]) + ': ' +
          T.formatNumber(entry[1])));
        root.appendChild(bar);
      }
      if (!entry[2]) return;
      // May be near: a lighter, outlined band stacked above, never part of the bar's count.
      var hn = Math.max((height - top - bottom) * entry[2] / max, 1);
      var band = svg('rect', { x: x, y: (height - bottom - h - hn).toFixed(2), width: w,
        height: hn.toFixed(2), class: 'bar-near', fill: inside ? NEAR : NEAR_MUTED,
        stroke: inside ? COLOUR : MUTED, 'stroke-width': 0.5, 'stroke-dasharray': '2 1' });
      band.appendChild(svg('title', {}, t('activityNearTip', { period: periodLabel(entry[0]),
        n: T.formatNumber(entry[2]) })));
      root.appendChild(band);
    });
    root.appendChild(svg('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom,
      stroke: '#666666' }));
    [[0, 'start'], [series.length - 1, 'end']].forEach(function (pair) {
      if (!series.length) return;
      var label = svg('text', { x: pair[1] === 'start' ? 0 : width, y: height - 3,
        'text-anchor': pair[1], 'font-size': 10, fill: '#333333' });
      label.textContent = periodLabel(series[pair[0]][0]);
      root.appendChild(label);
    });
    return root;
  }

  /** The crossing's panel section: the count in the window, the chart, source and bad rows. */
  function section(crossing) {
    var a = state.activity;
    if (!a || !a.by_crossing[crossing.id]) return null;
    var entry = state.rings[crossing.id] || {};
    var n = entry.count || 0;
    var week = a.period === 'week';
    var box = el('section', 'activity-section');
    box.appendChild(el('h3', null, t('activityTitle')));
    box.appendChild(withWindow('p', 'activity-count', n ? 'activityCount' : 'activityNone',
      { n: T.formatNumber(n), km: km() }));
    var series = a.by_crossing[crossing.id];
    if (a.precision_column || sum(series, 2)) {
      var m = countIn(series, state.from, state.to, 2);
      box.appendChild(withWindow('p', 'activity-near', m ? 'activityNear' : 'activityNearNone',
        { n: T.formatNumber(m) }));
    }
    var first = a.periods[0], last = a.periods[a.periods.length - 1];
    var covers = first && (state.to === null || state.starts[0] <= state.to) &&
      (state.from === null || state.ends[state.ends.length - 1] >= state.from);
    if (first && !covers) {
      box.appendChild(el('p', 'activity-outside', t('activityOutside', {
        a: periodLabel(first), b: periodLabel(last) })));
    }
    box.appendChild(chart(crossing.id));
    box.appendChild(el('p', 'activity-key', t(week ? 'activityKeyWeek' : 'activityKeyMonth')));
    box.appendChild(totals(a, crossing.id));
    var source = el('p', 'source-line', t('source') + ' ');
    source.appendChild(english('span', 'activity-source', a.source));
    box.appendChild(source);
    box.appendChild(counted(a));
    return box;
  }

  /** How the table's rows were counted, in plain words, with the bad rows by kind. */
  function counted(a) {
    var more = el('details', 'activity-counted');
    more.appendChild(el('summary', null, t('activityHow')));
    var rule = el('p', null);
    var parts = t('activityRule', { km: km() }).split('{table}');
    rule.appendChild(document.createTextNode(parts[0]));
    rule.appendChild(english('span', 'activity-table', a.table));
    if (parts[1]) rule.appendChild(document.createTextNode(parts[1]));
    more.appendChild(rule);
    var rows = a.rows || {};
    var f = function (key) { return T.formatNumber(rows[key] || 0); };
    more.appendChild(el('p', 'activity-rows', t('activityRows', {
      read: f('read'), attributed: f('attributed'), near: f('may_be_near'),
      vague: f('too_imprecise'), beyond: f('beyond_radius'), aside: f('set_aside'),
      km: km() })));
    if (rows.date_too_uncertain) {
      more.appendChild(el('p', 'activity-undated-all', t(a.period === 'week' ?
        'activityUndatedAllWeek' : 'activityUndatedAllMonth',
        { n: f('date_too_uncertain') })));
    }
    if (a.precision_column) {
      var heading = el('p', 'activity-levels-heading');
      var words = t('activityLevels').split('{column}');
      heading.appendChild(document.createTextNode(words[0]));
      heading.appendChild(english('span', null, a.precision_column));
      if (words[1]) heading.appendChild(document.createTextNode(words[1]));
      more.appendChild(heading);
      var levels = el('ul', 'activity-levels');
      Object.keys(a.levels || {}).forEach(function (level) {
        var item = el('li', null, t('activityBad', { what: T.term('location_level', level),
          n: T.formatNumber(a.levels[level]) }));
        item.dataset.level = level;
        levels.appendChild(item);
      });
      more.appendChild(levels);
    }
    var kinds = Object.keys(a.bad_rows || {});
    if (!kinds.length) more.appendChild(el('p', 'activity-bad-none', t('activityAsideNone')));
    var list = el('ul', 'activity-bad');
    kinds.forEach(function (kind) {
      var item = el('li', null, t('activityBad', { what: T.term('bad_row', kind),
        n: T.formatNumber(a.bad_rows[kind]) }));
      item.dataset.kind = kind;
      list.appendChild(item);
    });
    if (kinds.length) more.appendChild(list);
    var csv = el('p');
    var link = el('a', null, t('activityCsv', { period: T.term('period', a.period) }));
    link.href = 'data/activity.csv';
    csv.appendChild(link);
    more.appendChild(csv);
    return more;
  }

  /** Over the whole table, the crossing's events attributed, may be near, located only to an
   * area, and attributed but with dates too uncertain for any one period. */
  function totals(a, crossingId) {
    var series = a.by_crossing[crossingId];
    var counts = (a.totals || {})[crossingId] || {};
    var undated = counts.date_too_uncertain || 0;
    var box = el('div', 'activity-totals');
    box.appendChild(el('p', 'activity-totals-line', t('activityTotals', {
      attributed: T.formatNumber(sum(series, 1) + undated),
      near: T.formatNumber(sum(series, 2)),
      vague: T.formatNumber(counts.too_imprecise || 0), km: km() })));
    if (undated) {
      box.appendChild(el('p', 'activity-undated', t(a.period === 'week' ?
        'activityUndatedWeek' : 'activityUndatedMonth', { n: T.formatNumber(undated) })));
    }
    return box;
  }

  /** The legend's line for the rings, its window kept up to date. */
  function legend() {
    var a = state.activity;
    var row = el('div', 'legend-row legend-activity');
    row.appendChild(el('span', 'swatch activity-swatch'));
    row.appendChild(withWindow('span', null, 'legendActivity', { km: km(),
      span: t(a.period === 'week' ? 'activitySpanWeek' : 'activitySpanMonth') }));
    return row;
  }

  window.AtlasActivity = {
    draw: draw, follow: follow, section: section, legend: legend,
    windowKey: function () { return state.from + '|' + state.to; }
  };
})();
