/* The crossings atlas: interface strings in English and Arabic, the vocabulary's labels (from
 * the page data), and dates and numbers in the reader's language, each in its own digits
 * (Arabic-Indic in Arabic, Western in English). The data's own texts come in both languages in
 * the page data (`summary`, `summary_ar`, …); parts.js picks the reader's. */
(function () {
  'use strict';
  var D = window.AtlasDates;

  var STRINGS = {
    en: {
      title: 'Humanitarian crossings in north-west Syria, 2019–2021',
      subtitle: 'What the Syrian government and Russia announced, who disputed it, and how many ' +
        'people were displaced. Choose a date, then select a crossing.',
      search: 'Find a crossing', searchHint: 'Name, e.g. Saraqib or سراقب',
      found: '{n} found', notFound: 'No crossing has that name',
      figures: 'Displacement', table: 'All events', about: 'About & data', language: 'العربية',
      languageName: 'Switch the interface to Arabic',
      play: 'Play', pause: 'Pause', prev: 'Previous event', next: 'Next event',
      date: 'Date shown on the map', close: 'Close panel',
      legend: 'Legend', legendStatus: 'Status on the chosen date',
      legendApprox: 'Dashed outline and dashed ring: approximate location. The crossing lies ' +
        'somewhere inside the ring.',
      legendExact: 'Solid outline: exact location.',
      legendDates: '≈ and italics: an uncertain date, known only to the month or year, or ' +
        'resting on a source whose own date is inferred or unverified (point at it to see ' +
        'which). The map counts a month or year from its last day.',
      legendAssess: 'Contested: the sides disagree. Corroborated: another source agrees. ' +
        'Single source: one report only.',
      statusOn: 'Status on {date}:', since: 'since {date}, according to {who}',
      approx: 'Approximate location: the crossing lies within about {km} km of the marked point.',
      exact: 'Exact location.',
      claimsUpTo: 'Claims and counter-claims known by {date}',
      disputedBy: 'Disputed by', answeredBy: 'Answered by', answers: 'In answer to: {text}',
      laterHidden: '{n} later events are hidden. Move the date forward to see them.',
      noEvents: 'Nothing had been reported about this crossing by this date.',
      source: 'Source:', noLink: 'no link', crossChecked: 'no link (checked against other reporting)',
      unsureInferred: 'its source’s own date is inferred, not printed on it',
      unsureUnverified: 'its source’s own date could not be verified',
      noFigures: 'This data has no figures.',
      noEventsAtAll: 'This data has no events: there is nothing to show over time.',
      figuresLayer: 'Figures', figuresLayerName: 'Show the figures on the map',
      legendFiguresHead: 'Figures (circles on their area)',
      legendFigures: 'Area grows with the number (the smallest at a minimum size). Each ' +
        'figure is its own circle: overlapping figures are never added together. Dashed: not ' +
        'an exact number. Shown from the day it was stated.',
      eventNote: 'How sure, and why', englishOriginal: 'English original',
      englishOnly: 'English only', translationNote: '',
      zoomIn: 'Zoom in', zoomOut: 'Zoom out',
      monthOnly: 'Known only to the month', yearOnly: 'Known only to the year',
      figuresTitle: 'Displacement and other figures',
      figuresIntro: 'Each figure as its source gave it. The figures overlap in time and area, so ' +
        'they are shown side by side and never added together.',
      chartLabel: 'Chart of {n} figures over time, on a logarithmic scale; the same figures are ' +
        'listed below.', logScale: 'log scale', period: 'counted from {a} to {b}',
      asOf: 'as of {date}', area: 'Area: {area}', according: 'According to {who}',
      afterDate: 'Stated after the chosen date',
      chartKey: '● exact  ○ about  ▲ at least / more than; a line shows the period counted.',
      tableTitle: 'All events', filter: 'Filter events', allSides: 'All sides',
      allAssessments: 'All assessments', shown: '{n} of {m} events known by {date}',
      colDate: 'Date', colCrossing: 'Crossing', colType: 'What', colClaimant: 'Who (side)',
      colSummary: 'Claim', colAssessment: 'Assessment', colSource: 'Source', noCrossing: '—',
      sortBy: 'Sort by {col}',
      aboutTitle: 'About this map',
      aboutText: 'The map gathers what five news reports (and a cross-check of other reporting) ' +
        'say about the "humanitarian crossings" that the Syrian government and Russia announced ' +
        'out of Idlib. Every claim is kept with who made it and its source; a counter-claim ' +
        'is shown beside the claim it disputes.',
      privacy: 'This page loads nothing from any other website: the map, its libraries and the ' +
        'data are all served from here, and it works offline once loaded.',
      downloads: 'Download the data', licences: 'Licences and credits',
      leaflet: 'Map library: Leaflet 1.9.4 (BSD 2-Clause licence)',
      mapLabel: 'Map of the crossings', markerLabel: '{name}: {status}. Press Enter for its claims.',
      skipToCrossings: 'Skip to the crossings', timeBar: 'Time bar',
      sheetFull: 'Expand', sheetHalf: 'Show the map',
      legendTowns: 'Grey dot and name: a town (an administrative capital), to find your way.'
    },
    ar: {
      title: 'المعابر «الإنسانية» في شمال غرب سوريا، ٢٠١٩–٢٠٢١',
      subtitle: 'ما أعلنته الحكومة السورية وروسيا، ومن نفاه، وكم شخصاً نزحوا. اختر تاريخاً ثم ' +
        'اختر معبراً.',
      search: 'ابحث عن معبر', searchHint: 'الاسم، مثل سراقب أو Saraqib',
      found: 'النتائج: {n}', notFound: 'لا يوجد معبر بهذا الاسم',
      figures: 'النزوح', table: 'كل الأحداث', about: 'عن الخريطة والبيانات', language: 'English',
      languageName: 'Switch the interface to English',
      play: 'تشغيل', pause: 'إيقاف', prev: 'الحدث السابق', next: 'الحدث التالي',
      date: 'التاريخ المعروض على الخريطة', close: 'إغلاق اللوحة',
      legend: 'مفتاح الخريطة', legendStatus: 'الحالة في التاريخ المختار',
      legendApprox: 'إطار متقطع وحلقة متقطعة: الموقع تقريبي، والمعبر في مكان ما داخل الحلقة.',
      legendExact: 'إطار متصل: الموقع دقيق.',
      legendDates: '≈ وخط مائل: تاريخ غير مؤكد، معروف بالشهر أو السنة فقط، أو مأخوذ من مصدر ' +
        'تاريخه هو نفسه مستنتج أو غير متحقق منه (مرّر المؤشر عليه لمعرفة السبب). تحتسب الخريطة ' +
        'الشهر أو السنة من آخر يوم فيهما.',
      legendAssess: 'متنازع عليه: الأطراف مختلفة. مؤكَّد: مصدر آخر يوافق. مصدر واحد: تقرير ' +
        'واحد فقط.',
      statusOn: 'الحالة في {date}:', since: 'منذ {date}، بحسب {who}',
      approx: 'موقع تقريبي: يقع المعبر على بعد نحو {km} كم من النقطة المعلَّمة.',
      exact: 'موقع دقيق.',
      claimsUpTo: 'الادعاءات والردود المعروفة حتى {date}',
      disputedBy: 'اعترض عليه', answeredBy: 'ردّ عليه', answers: 'ردّاً على: {text}',
      laterHidden: 'أُخفي {n} من الأحداث اللاحقة. قدّم التاريخ لرؤيتها.',
      noEvents: 'لم يُذكر شيء عن هذا المعبر حتى هذا التاريخ.',
      source: 'المصدر:', noLink: 'بلا رابط', crossChecked: 'بلا رابط (تحقق من تقارير أخرى)',
      unsureInferred: 'تاريخ المصدر نفسه مستنتج، غير مذكور فيه',
      unsureUnverified: 'تعذّر التحقق من تاريخ المصدر نفسه',
      noFigures: 'لا أرقام في هذه البيانات.',
      noEventsAtAll: 'لا أحداث في هذه البيانات: لا شيء يُعرض عبر الزمن.',
      figuresLayer: 'الأرقام', figuresLayerName: 'اعرض الأرقام على الخريطة',
      legendFiguresHead: 'الأرقام (دوائر على مناطقها)',
      legendFigures: 'تكبر المساحة مع الرقم (أصغرها بحجم أدنى). لكل رقم دائرته: الأرقام ' +
        'المتداخلة لا تُجمع أبداً. حافة متقطعة: رقم غير دقيق. يظهر الرقم من يوم ذكره.',
      eventNote: 'مدى اليقين ولماذا', englishOriginal: 'النص الإنجليزي',
      englishOnly: 'بالإنجليزية فقط',
      translationNote: 'الملخصات والملاحظات وأسماء أصحاب الادعاءات والأماكن والمصادر في هذه ' +
        'الصفحة ترجمةُ الأطلس إلى العربية لملخصاته الإنجليزية، لا للتقارير الأصلية. النص ' +
        'الإنجليزي هو المرجع: تجده تحت «النص الإنجليزي» في كل بند، وفي ملفات البيانات أدناه. ' +
        'وما لم يُترجم بعد يظهر بالإنجليزية مع عبارة «بالإنجليزية فقط».',
      zoomIn: 'تكبير', zoomOut: 'تصغير',
      monthOnly: 'معروف بالشهر فقط', yearOnly: 'معروف بالسنة فقط',
      figuresTitle: 'أرقام النزوح وغيرها',
      figuresIntro: 'كل رقم كما أورده مصدره. الأرقام متداخلة في الزمن والمنطقة، لذلك تُعرض ' +
        'جنباً إلى جنب ولا تُجمع أبداً.',
      chartLabel: 'رسم بياني لـ {n} أرقام عبر الزمن بمقياس لوغاريتمي؛ الأرقام نفسها مدرجة أدناه.',
      logScale: 'مقياس لوغاريتمي', period: 'محسوب من {a} إلى {b}',
      asOf: 'حتى {date}', area: 'المنطقة: {area}', according: 'بحسب {who}',
      afterDate: 'ذُكر بعد التاريخ المختار',
      chartKey: '● دقيق  ○ نحو  ▲ على الأقل / أكثر من؛ الخط يبيّن الفترة المحسوبة.',
      tableTitle: 'كل الأحداث', filter: 'تصفية الأحداث', allSides: 'كل الأطراف',
      allAssessments: 'كل التقييمات', shown: '{n} من {m} حدثاً معروفاً حتى {date}',
      colDate: 'التاريخ', colCrossing: 'المعبر', colType: 'ماذا', colClaimant: 'من (الطرف)',
      colSummary: 'الادعاء', colAssessment: 'التقييم', colSource: 'المصدر', noCrossing: '—',
      sortBy: 'رتّب حسب {col}',
      aboutTitle: 'عن هذه الخريطة',
      aboutText: 'تجمع الخريطة ما قالته خمسة تقارير إخبارية (مع مراجعة لتقارير أخرى) عن ' +
        '«المعابر الإنسانية» التي أعلنتها الحكومة السورية وروسيا للخروج من إدلب. يُحفظ كل ' +
        'ادعاء مع صاحبه ومصدره، ويظهر الرد بجانب الادعاء الذي ينفيه.',
      privacy: 'لا تحمّل هذه الصفحة شيئاً من أي موقع آخر: الخريطة ومكتباتها والبيانات كلها ' +
        'من هنا، وتعمل دون اتصال بعد تحميلها.',
      downloads: 'تنزيل البيانات', licences: 'التراخيص والمصادر',
      leaflet: 'مكتبة الخريطة: Leaflet، الإصدار ١٫٩٫٤ (رخصة BSD ذات البندين)',
      mapLabel: 'خريطة المعابر', markerLabel: '{name}: {status}. اضغط Enter لعرض الادعاءات.',
      skipToCrossings: 'انتقل إلى المعابر', timeBar: 'شريط الزمن',
      sheetFull: 'توسيع', sheetHalf: 'أظهر الخريطة',
      legendTowns: 'نقطة رمادية واسم: بلدة (مركز إداري) للاستدلال على المكان.'
    }
  };

  var LOCALES = { en: 'en-GB', ar: 'ar-SY' };
  var lang = 'en';
  // The vocabulary's labels, {kind: {key: {en, ar}}}, from the page data (geo/schema.py
  // PAGE_TERMS); atlas.js hands them over once at start-up.
  var terms = {};

  function useTerms(pageTerms) { terms = pageTerms || {}; }

  /** Add a feature's own strings, {en: {…}, ar: {…}}: a script loaded only on some pages
   * (activity.js, areafigures.js) brings its strings with it, so other pages do not carry them. */
  function addStrings(more) {
    Object.keys(STRINGS).forEach(function (code) { Object.assign(STRINGS[code], more[code]); });
  }

  function setLanguage(code) { lang = STRINGS[code] ? code : 'en'; }
  function language() { return lang; }

  /** An interface string with {placeholders} filled in. */
  function t(key, values) {
    var text = STRINGS[lang][key];
    if (text === undefined) text = STRINGS.en[key];
    return String(text).replace(/\{(\w+)\}/g, function (m, name) {
      return values && values[name] !== undefined ? String(values[name]) : m;
    });
  }

  /** A word from the data contract's vocabulary, e.g. term('status', 'opened'). */
  function term(kind, key) {
    var word = (terms[kind] || {})[key];
    return word ? word[lang] : String(key).replace(/_/g, ' ');
  }

  var formatters = {}; // Intl objects are slow to build; one per language and style

  function formatter(options) {
    var key = lang + JSON.stringify(options);
    if (!formatters[key]) {
      formatters[key] = new Intl.DateTimeFormat(LOCALES[lang],
        Object.assign({ timeZone: 'UTC' }, options));
    }
    return formatters[key];
  }

  /** A date written only as precisely as it is known: '2020-01' -> 'Jan 2020' / 'كانون الثاني'. */
  function formatDate(text, precision) {
    var when = D.utcDate(D.dayNumber(text)), written = D.precisionOf(text);
    if (precision === 'year' || written === 'year') return formatter({ year: 'numeric' }).format(when);
    if (precision === 'month' || written === 'month') {
      return formatter({ year: 'numeric', month: 'long' }).format(when);
    }
    return formatter({ year: 'numeric', month: 'short', day: 'numeric' }).format(when);
  }

  function formatNumber(n) {
    var key = lang + ' number';
    if (!formatters[key]) formatters[key] = new Intl.NumberFormat(LOCALES[lang]);
    return formatters[key].format(n);
  }

  window.AtlasText = {
    t: t, term: term, useTerms: useTerms, addStrings: addStrings, setLanguage: setLanguage,
    language: language,
    formatDate: formatDate, formatNumber: formatNumber, languages: Object.keys(STRINGS)
  };
})();
