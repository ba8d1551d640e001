/* The crossings atlas "About & data" panel: what the map is, the legend, the data to download
 * and the licences. */
(function () {
  'use strict';
  var T = window.AtlasText, Dom = window.AtlasDom, el = Dom.el, t = T.t;

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
    ctx.data.downloads.forEach(function (d) {
      var item = el('li');
      item.appendChild(Dom.safeLink(d.label, d.href, false));
      list.appendChild(item);
    });
    box.appendChild(list);
    box.appendChild(el('h3', null, t('licences')));
    box.appendChild(Dom.english('p', null, ctx.data.attribution));
    var lib = el('p');
    lib.appendChild(Dom.safeLink(t('leaflet'), 'vendor/leaflet/LICENSE', false));
    box.appendChild(lib);
    return box;
  }

  window.AtlasAbout = { build: about };
})();
