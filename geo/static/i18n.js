/* The crossings atlas: interface strings in English and Arabic, the vocabulary's labels (from
 * the page data), and dates and numbers in the reader's language. Data (summaries, claimants,
 * notes) stays in English; only the interface is translated. */
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
      eventNote: 'How sure, and why', englishData: '',
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
      legendTowns: 'Grey dot and name: a town (an administrative capital), to find your way.',
      // External events (--events-table): activity.js. {window} is filled in by activity.js.
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
      activityCsv: 'Counts per crossing and {period} (CSV)',
      // Figures tables (--figures-table): areafigures.js.
      areaLegendHead: 'Figures by area:', areaLegendZero: 'Zero',
      areaLegendNoData: 'No data (blank or suppressed in the table; never read as zero)',
      areaLegendNote: 'Circle area grows with the value for the period ({period}) that holds ' +
        'the chosen date; dashed: a sum missing some of its parts. Tables are never added ' +
        'together.',
      areaShown: 'Shown: {period}',
      areaCovers: 'The table covers {a} to {b} only: nothing to show for the chosen date.',
      areaOutside: 'no value for the chosen date', areaNoData: 'no data',
      areaAtLeast: 'at least {n}', areaWeekOf: 'week of {date}',
      areaSizes: 'Circle sizes for {values}', areaChoose: 'Table shown on the map',
      areaIntro: 'Values for this {level} from the figures tables added to this map, as each ' +
        'table gives them. Tables are never added together.',
      areaLevel_admin1: 'governorate', areaLevel_admin2: 'district',
      areaLevel_admin3: 'sub-district',
      areaValueIn: '{period}: {value}',
      areaChartLabel: 'Chart of the values over time: {n} of {m} periods have a value, from {a} ' +
        'to {b}.',
      areaChartKey: 'A bar per period; a line on the axis: zero; a grey mark under it: no data; ' +
        'outlined: the period of the chosen date.',
      areaRows: '{read} rows read from {table}; {aside} set aside (see the build summary).',
      areaUnknown: 'No figures table has this area.',
      areaCsv: 'Every value of every table (CSV)'
    },
    ar: {
      title: 'المعابر «الإنسانية» في شمال غرب سوريا، 2019–2021',
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
      eventNote: 'مدى اليقين ولماذا',
      englishData: 'ملخصات الأحداث وأسماء أصحابها والملاحظات والمصادر باللغة الإنجليزية كما ' +
        'جُمعت؛ الواجهة وحدها مترجمة.',
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
      leaflet: 'مكتبة الخريطة: Leaflet 1.9.4 (رخصة BSD ذات البندين)',
      mapLabel: 'خريطة المعابر', markerLabel: '{name}: {status}. اضغط Enter لعرض الادعاءات.',
      skipToCrossings: 'انتقل إلى المعابر', timeBar: 'شريط الزمن',
      sheetFull: 'توسيع', sheetHalf: 'أظهر الخريطة',
      legendTowns: 'نقطة رمادية واسم: بلدة (مركز إداري) للاستدلال على المكان.',
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
      activityCsv: 'الأعداد لكل معبر و{period} (CSV)',
      areaLegendHead: 'أرقام حسب المنطقة:', areaLegendZero: 'صفر',
      areaLegendNoData: 'لا بيانات (خانة فارغة أو محجوبة في الجدول، ولا تُقرأ صفراً أبداً)',
      areaLegendNote: 'تكبر مساحة الدائرة مع القيمة في الفترة ({period}) التي تضم التاريخ ' +
        'المختار؛ الخط المتقطع: مجموع ينقصه بعض أجزائه. لا تُجمع الجداول معاً أبداً.',
      areaShown: 'المعروض: {period}',
      areaCovers: 'يغطي الجدول الفترة من {a} إلى {b} فقط: لا شيء يُعرض للتاريخ المختار.',
      areaOutside: 'لا قيمة للتاريخ المختار', areaNoData: 'لا بيانات',
      areaAtLeast: '{n} على الأقل', areaWeekOf: 'أسبوع {date}',
      areaSizes: 'أحجام الدوائر للقيم {values}', areaChoose: 'الجدول المعروض على الخريطة',
      areaIntro: 'قيم هذه {level} من جداول الأرقام المضافة إلى هذه الخريطة، كما يعطيها كل جدول. ' +
        'لا تُجمع الجداول معاً أبداً.',
      areaLevel_admin1: 'المحافظة', areaLevel_admin2: 'المنطقة', areaLevel_admin3: 'الناحية',
      areaValueIn: '{period}: {value}',
      areaChartLabel: 'مخطط القيم عبر الزمن: {n} من {m} فترة لها قيمة، من {a} إلى {b}.',
      areaChartKey: 'عمود لكل فترة؛ خط على المحور: صفر؛ علامة رمادية تحته: لا بيانات؛ ' +
        'المحاط بإطار: فترة التاريخ المختار.',
      areaRows: 'قُرئ {read} صفاً من {table}؛ واستُبعد {aside} (انظر ملخص البناء).',
      areaUnknown: 'لا يضم أي جدول أرقام هذه المنطقة.',
      areaCsv: 'كل قيم كل الجداول (CSV)'
    }
  };

  var LOCALES = { en: 'en-GB', ar: 'ar-SY' };
  var lang = 'en';
  // The vocabulary's labels, {kind: {key: {en, ar}}}, from the page data (geo/schema.py
  // PAGE_TERMS); atlas.js hands them over once at start-up.
  var terms = {};

  function useTerms(pageTerms) { terms = pageTerms || {}; }

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
    t: t, term: term, useTerms: useTerms, setLanguage: setLanguage, language: language,
    formatDate: formatDate, formatNumber: formatNumber, languages: Object.keys(STRINGS)
  };
})();
