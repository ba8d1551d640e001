/* The crossings atlas DOM helpers: HTML and SVG elements whose text is never parsed as markup,
 * English data text marked as English, and links only to safe addresses. Every script builds
 * its nodes with these, so text from data reaches the page through textContent only. */
(function () {
  'use strict';
  var T = window.AtlasText;
  var SVG = 'http://www.w3.org/2000/svg';

  /** Create an element with an optional class and text; text is never parsed as HTML. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Create an SVG element with attributes and optional text. */
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  /** English data text, marked as such so Arabic readers' screen readers switch voice. */
  function english(tag, className, text) {
    var node = el(tag, className, text);
    if (T.language() !== 'en') { node.lang = 'en'; node.dir = 'ltr'; }
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

  window.AtlasDom = { el: el, svg: svg, english: english, safeLink: safeLink };
})();
