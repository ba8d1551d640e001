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
    // Said once, here: what the Arabic texts are and where their English is.
    if (T.language() === 'ar') box.appendChild(el('p', 'translation-note', t('translationNote')));
    box.appendChild(el('h3', null, t('legend')));
    box.appendChild(ctx.legendNode());
    box.appendChild(el('h3', null, t('downloads')));
    box.appendChild(downloads(ctx.data.downloads));
    box.appendChild(el('h3', null, t('licences')));
    box.appendChild(el('p', null, ctx.data.attribution[T.language()]));
    var lib = el('p');
    lib.appendChild(Dom.safeLink(t('leaflet'), 'vendor/leaflet/LICENSE', false));
    box.appendChild(lib);
    return box;
  }

  /** The data files, under the name of their format: "GeoJSON: Crossings · Events · …". */
  function downloads(files) {
    var list = el('ul', 'downloads'), groups = {};
    files.forEach(function (d) {
      var group = groups[d.format_name];
      if (!group) {
        var item = el('li');
        item.appendChild(el('span', 'download-format', d.format_name));
        group = groups[d.format_name] = el('span', 'download-files');
        item.appendChild(group);
        list.appendChild(item);
      } else {
        group.appendChild(document.createTextNode(' · '));
      }
      group.appendChild(Dom.safeLink(T.language() === 'ar' ? d.label_ar : d.label, d.href, false));
    });
    return list;
  }

  window.AtlasAbout = { build: about };
})();
