/* The crossings atlas dates: the one parser for dates written as precisely as they are known
 * ('2020', '2020-01', '2020-01-13'). Every script turns them into day numbers (days since
 * 1970-01-01, UTC) and compares those, never the text. No DOM. */
(function () {
  'use strict';
  var DAY = 864e5; // milliseconds

  /** The day number of a partial date: its first day, or with `end` its last day. */
  function dayNumber(text, end) {
    var p = String(text).split('-').map(Number);
    if (end && p.length < 3) {
      return Date.UTC(p[0], p.length === 2 ? p[1] : 12, 0) / DAY; // last day of month or year
    }
    return Date.UTC(p[0], (p[1] || 1) - 1, p[2] || 1) / DAY;
  }

  /** 'year', 'month' or 'day': how precisely a partial date is written. */
  function precisionOf(text) {
    return ['year', 'month', 'day'][String(text).split('-').length - 1] || 'day';
  }

  /** A day number as 'YYYY-MM-DD'. */
  function isoOf(day) { return utcDate(day).toISOString().slice(0, 10); }

  /** A day number as a Date at midnight UTC, for Intl formatting and weekdays. */
  function utcDate(day) { return new Date(day * DAY); }

  /** The first day of the month `offset` months after (or before) the one holding `day`. */
  function monthStart(day, offset) {
    var when = utcDate(day);
    return Date.UTC(when.getUTCFullYear(), when.getUTCMonth() + offset, 1) / DAY;
  }

  function today() { return Math.floor(Date.now() / DAY); }

  /** Whether an event, figure or status step was surely known on `date` (ISO): its known_by
   * is on or before that day. */
  function knownOn(item, date) {
    return !!item.known_by && dayNumber(item.known_by) <= dayNumber(date);
  }

  window.AtlasDates = { dayNumber: dayNumber, precisionOf: precisionOf, isoOf: isoOf,
    utcDate: utcDate, monthStart: monthStart, today: today, knownOn: knownOn };
})();
