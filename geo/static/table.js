/* The crossings atlas companion table: every event known by the chosen date, sortable by
 * column and filterable by text, side and assessment; it follows the date slider. */
(function () {
  'use strict';
  var T = window.AtlasText, D = window.AtlasDates, Dom = window.AtlasDom, P = window.AtlasParts,
    el = Dom.el, english = Dom.english, t = T.t, term = T.term;
  var nameKey = window.AtlasNames.nameKey;

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
    var side = select('table-side', t('allSides'), Object.keys(ctx.data.terms.side).map(function (k) {
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
      var needle = nameKey(view.text);
      var rows = ctx.data.events.filter(function (e) {
        if (!D.knownOn(e, ctx.state.date)) return false;
        if (view.side && e.claimant_side !== view.side) return false;
        if (view.assessment && e.assessment !== view.assessment) return false;
        return !needle || searchKey(ctx, e).indexOf(needle) >= 0;
      });
      rows.sort(function (a, b) {
        var ka = sortKey(ctx, a, view.sort), kb = sortKey(ctx, b, view.sort);
        // Ties keep data order, except that an answer follows the claim it answers.
        var order = ka < kb ? -1 : ka > kb ? 1 : a.responds_to === b.event_id ? 1
          : b.responds_to === a.event_id ? -1 : 0;
        return view.descending ? -order : order;
      });
      body.textContent = '';
      rows.forEach(function (e) { body.appendChild(row(ctx, e)); });
      var known = ctx.data.events.filter(function (e) {
        return D.knownOn(e, ctx.state.date);
      }).length;
      P.dated(ctx, status, 'shown', { n: T.formatNumber(rows.length), m: T.formatNumber(known) });
      status.dataset.rows = rows.length;
    }
    filter.addEventListener('input', function () { view.text = filter.value; fill(); });
    side.addEventListener('change', function () { view.side = side.value; fill(); });
    assess.addEventListener('change', function () { view.assessment = assess.value; fill(); });
    fill();
    return box;
  }

  var searchKeys = {};

  /** An event's text folded for the filter box, computed once per language. */
  function searchKey(ctx, e) {
    var id = T.language() + ' ' + e.event_id;
    if (searchKeys[id] === undefined) {
      searchKeys[id] = nameKey([crossingCell(ctx, e), e.place, e.claimant, e.summary,
        term('type', e.event_type), e.source_id].join(' '));
    }
    return searchKeys[id];
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
      return P.crossingName(ctx.crossingsById[id]);
    }).join(', ');
  }

  function sortKey(ctx, e, key) {
    if (key === 'crossing') return crossingCell(ctx, e) || '\uffff';
    if (key === 'event_type') return term('type', e.event_type);
    if (key === 'known_by') return D.dayNumber(e.known_by);
    return String(e[key] || '');
  }

  /** A cell that leads with text in another script takes that text's direction, so that on a
   * phone, where the cell is cut to one line, it is cut at the text's end. */
  function directed(cell) {
    var lead = cell.querySelector('[dir]');
    if (lead) cell.dir = lead.dir;
    return cell;
  }

  function row(ctx, e) {
    var tr = el('tr', 'event-row');
    tr.dataset.event = e.event_id;
    // On phones a row is a compact card; a tap opens it in full (atlas.css).
    tr.addEventListener('click', function (ev) {
      if (!ev.target.closest('button, a')) tr.classList.toggle('open');
    });
    var date = el('td');
    date.appendChild(P.dateNode(e.date, e.date_precision, 'span',
      P.dateDoubt(ctx, e.date_precision, e.source_id)));
    tr.appendChild(date);
    var place = el('td');
    var ids = e.crossing_ids ? e.crossing_ids.split(';') : [];
    ids.forEach(function (id, i) {
      var button = el('button', 'link-button', P.crossingName(ctx.crossingsById[id]));
      button.type = 'button';
      button.addEventListener('click', function () { ctx.select(id, 'claims'); });
      if (i) place.appendChild(document.createTextNode(', '));
      place.appendChild(button);
    });
    if (!ids.length) place.appendChild(english('span', 'place', e.place || t('noCrossing')));
    tr.appendChild(directed(place));
    tr.appendChild(el('td', null, term('type', e.event_type)));
    var who = el('td');
    who.appendChild(english('span', null, e.claimant));
    who.appendChild(el('span', 'side', ' (' + term('side', e.claimant_side) + ')'));
    tr.appendChild(directed(who));
    tr.appendChild(english('td', 'summary', e.summary));
    var a = el('td');
    a.appendChild(P.badge(e.assessment));
    tr.appendChild(a);
    var s = el('td');
    s.appendChild(P.sourceLink(ctx, e.source_id));
    tr.appendChild(directed(s));
    return tr;
  }

  window.AtlasTable = { build: table };
})();
