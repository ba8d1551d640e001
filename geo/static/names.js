/* The crossings atlas name folding: geo/names.py's name_key ported, so search on the page
 * matches a name by the same rules as the build. tests/test_names_js.py runs it under Node
 * against Python on tests/fixtures/names.json. No DOM: it loads in the page and in Node alike. */
(function (root) {
  'use strict';
  // Latin articles the reports attach or drop at will: al-Eis, el-Eis, Eis.
  var ARTICLES = { al: 1, el: 1, ar: 1, as: 1, ad: 1, ash: 1, at: 1, az: 1, an: 1 };
  var ALEF = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي' };
  // Where Python's casefold differs from toLowerCase: ß, the final sigma ('Σίσυφος' and
  // 'ΣΊΣΥΦΟΣ' fold alike), Cyrillic letter variants, and Cherokee, which folds to upper case.
  var FOLD = { 'ß': 'ss', 'ς': 'σ', 'ᲀ': 'в', 'ᲁ': 'д', 'ᲂ': 'о', 'ᲃ': 'с', 'ᲄ': 'т',
    'ᲅ': 'т', 'ᲆ': 'ъ', 'ᲇ': 'ѣ', 'ᲈ': 'ꙋ' };
  var CHEROKEE = /[\uab70-\uabbf\u13f8-\u13fd]/g;
  // Python's \s (str.isspace), which differs from JavaScript's: \x1c-\x1f and \x85 are space
  // there, U+FEFF is not.
  var SEPARATORS = new RegExp('[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f' +
    '\u205f\u3000\\-_/.,()]+');
  var combiningCache = {};

  /** Whether a mark has a non-zero canonical combining class, as Python's
   * unicodedata.combining says. JavaScript has no such class, so ask the normaliser: canonical
   * ordering moves such a mark past U+0334 (class 1) or U+0301 (class 230), never a class-0 one. */
  function combining(mark) {
    if (combiningCache[mark] === undefined) {
      var after = 'a' + mark + '\u0334', before = 'a\u0301' + mark;
      combiningCache[mark] = after.normalize('NFD') !== after ||
        before.normalize('NFD') !== before;
    }
    return combiningCache[mark];
  }

  /** Fold a name so spellings differing only in case, marks, articles or hyphens match. */
  function nameKey(name) {
    var text = String(name).normalize('NFKD')
      .replace(/\p{M}/gu, function (mark) { return combining(mark) ? '' : mark; })
      .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
      .replace(/[أإآٱى]/g, function (c) { return ALEF[c]; })
      .toLowerCase()
      .replace(/[ßςᲀ-ᲈ]/g, function (c) { return FOLD[c]; })
      .replace(CHEROKEE, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - (c >= '\uab70' ? 0x97d0 : 8));
      })
      .replace(/['’‘`ʿʾ´]/g, '');
    return text.split(SEPARATORS).filter(function (token) {
      return token && !ARTICLES[token];
    }).map(function (token) {
      // Length in characters, as Python counts, not UTF-16 units.
      return token.indexOf('ال') === 0 && Array.from(token).length > 3 ? token.slice(2) : token;
    }).join('');
  }

  root.AtlasNames = { nameKey: nameKey };
})(typeof window !== 'undefined' ? window : globalThis);
