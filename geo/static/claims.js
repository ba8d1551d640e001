/* The crossings atlas claims panel: a crossing's status on the chosen date, where it lies, and
 * every claim known by then, each answer beneath the claim it answers ("Disputed by" or
 * "Answered by", as geo/timeline.py decides). Text from data goes in through textContent. */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, Dom = window.AtlasDom, P = window.AtlasParts,
    el = Dom.el, english = Dom.english, t = T.t, term = T.term;

  /** One event as a list item: date, type, assessment, who and side, claim, source, note. */
  function eventItem(ctx, e, inList) {
    var item = el('li', 'claim side-' + e.claimant_side);
    item.id = 'event-' + e.event_id;
    var head = el('p', 'claim-head');
    head.appendChild(P.dateNode(e.date, e.date_precision, 'strong',
      P.dateDoubt(ctx, e.date_precision, e.source_id)));
    head.appendChild(el('span', 'event-type', term('type', e.event_type)));
    head.appendChild(P.badge(e.assessment));
    item.appendChild(head);
    var who = P.dataText('p', 'claimant', e, 'claimant');
    who.appendChild(el('span', 'side', ' (' + term('side', e.claimant_side) + ')'));
    item.appendChild(who);
    if (e.responds_to && !inList[e.responds_to] && ctx.eventsById[e.responds_to]) {
      var target = ctx.eventsById[e.responds_to];
      item.appendChild(P.mixed('p', 'answers', 'answers', {}, 'text', target, 'summary'));
    }
    item.appendChild(P.dataText('p', 'summary', e, 'summary'));
    var src = el('p', 'source-line', t('source') + ' ');
    src.appendChild(P.sourceLink(ctx, e.source_id));
    item.appendChild(src);
    if (e.note) {
      var more = el('details', 'event-note');
      more.appendChild(el('summary', null, t('eventNote')));
      more.appendChild(P.dataText('p', null, e, 'note'));
      item.appendChild(more);
    }
    var original = P.englishOriginal(e, ['claimant', 'summary', 'note'],
      P.sourceEnglish(ctx, e.source_id));
    if (original) item.appendChild(original);
    return item;
  }

  /** A crossing's status on the chosen date and its claims, each counter-claim beside its claim. */
  function claims(ctx) {
    var c = ctx.crossingsById[ctx.state.crossing];
    var box = el('div', 'claims-panel');
    // The name in the other language, for a reader checking a source written in it.
    var other = T.language() === 'ar' ? english('p', 'other-name', c.name)
      : c.name_ar && el('p', 'other-name', c.name_ar);
    if (other && other.textContent !== P.crossingName(c)) {
      if (T.language() !== 'ar') { other.lang = 'ar'; other.dir = 'rtl'; }
      box.appendChild(other);
    }
    var step = ctx.statusStep(c, ctx.state.date);
    var status = el('p', 'status-line');
    status.appendChild(ctx.swatch(step ? step.status : 'none'));
    status.appendChild(P.dated(ctx, el('span', 'status-on'), 'statusOn'));
    status.appendChild(el('strong', null, term('status', step ? step.status : 'none')));
    box.appendChild(status);
    var cause = step && ctx.eventsById[step.event_id];
    if (cause) {
      var doubt = P.dateDoubt(ctx, cause.date_precision, cause.source_id);
      box.appendChild(P.mixed('p', 'since', 'since', { date: (doubt ? '≈ ' : '') +
        T.formatDate(cause.date, cause.date_precision) }, 'who', cause, 'claimant'));
    }
    var where = el('details', 'where');
    where.appendChild(el('summary', c.location_precision === 'exact' ? null : 'precision',
      c.location_precision === 'exact' ? t('exact')
        : t('approx', { km: T.formatNumber(Math.round(c.precision_m / 100) / 10) })));
    where.appendChild(P.dataText('p', 'location-source', c, 'location_source'));
    box.appendChild(where);
    if (c.summary) box.appendChild(P.dataText('p', 'crossing-summary', c, 'summary'));
    var original = P.englishOriginal(c, ['summary', 'location_source']);
    if (original) box.appendChild(original);
    var extra = ctx.crossingExtra && ctx.crossingExtra(c); // e.g. activity.js's section
    if (extra) box.appendChild(extra);

    var all = ctx.eventsFor(c.id);
    var known = all.filter(function (e) { return D.knownOn(e, ctx.state.date); });
    box.appendChild(P.dated(ctx, el('h3'), 'claimsUpTo'));
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
      box.appendChild(el('p', 'later', t('laterHidden', {
        n: T.formatNumber(all.length - known.length) })));
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

  window.AtlasClaims = { build: claims };
})();
