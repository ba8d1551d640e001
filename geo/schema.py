"""The data contract: the input files, their columns, and every allowed value and its meaning.

The one place for it, so the loader, the validator, the exports and the docs agree; the data
dictionary (`fields.py`) describes each field in these terms.
"""

from __future__ import annotations

CROSSINGS_FILE = "crossings.geojson"
EVENTS_FILE = "events.csv"
FIGURES_FILE = "displacement.csv"
SOURCES_FILE = "sources.csv"
BOUNDARIES_DIR = "boundaries"
# In BOUNDARIES_DIR: the OCHA administrative capitals, drawn as town labels for context
# (scripts/prepare_towns.py writes it; data/boundaries/README.md says how it is named).
TOWNS_FILE = "towns.geojson"
TOWN_PROPERTIES = ["pcode", "level", "name", "name_ar"]
# A town's level (OCHA adm_p_lvl): what it is the capital of, and the length of that area's
# P-code ("SY" for the country).
TOWN_LEVELS = {0: "national capital", 1: "governorate capital", 2: "district capital",
               3: "sub-district capital"}
TOWN_PCODE_LENGTHS = {0: 2, 1: 4, 2: 6, 3: 8}

EVENT_COLUMNS = [
    "event_id", "date", "date_precision", "crossing_ids", "place", "lat", "lon",
    "event_type", "claimant", "claimant_side", "responds_to", "summary", "source_id", "note",
]
# Columns an editor may leave out entirely; everything else must be present (even if blank).
EVENT_OPTIONAL = {"place", "lat", "lon", "responds_to", "note"}

FIGURE_COLUMNS = [
    "figure_id", "figure", "qualifier", "metric", "as_of", "as_of_precision", "period_start",
    "area", "area_name", "source_id", "claimant", "note",
]
FIGURE_OPTIONAL = {"as_of_precision", "period_start", "area_name", "claimant", "note"}

SOURCE_COLUMNS = ["source_id", "outlet", "title", "published", "date_confidence", "url", "language"]
SOURCE_OPTIONAL = {"published", "date_confidence", "url", "language"}

CROSSING_PROPERTIES = [
    "id", "name", "name_ar", "aliases", "kind", "admin1_pcode", "admin2_pcode", "admin3_pcode",
    "location_precision", "precision_m", "location_source", "first_reported", "summary",
    "source_ids",
]
CROSSING_OPTIONAL = {"name_ar", "aliases", "admin1_pcode", "admin2_pcode", "admin3_pcode",
                     "first_reported", "summary", "source_ids"}

EVENT_TYPES = {
    "announced": "a side says a crossing will open, or is open, for civilians",
    "opened": "a report that a crossing physically opened",
    "proposed": "a crossing offered but not agreed",
    "rejected": "a party refuses a proposal",
    "denied": "a party says a claim is false",
    "no_crossings_reported": "a witness, monitor or aid group reports that no civilians crossed",
    "closed": "a crossing shut or suspended",
    "statement": "a claim about the crossings that is none of the above",
    "protest": "a demonstration about the crossings",
    "attack": "fighting or shelling reported near the crossings",
    "leaflets": "leaflets dropped calling on civilians to leave",
}

# An answer of these types disputes the claim it answers, whoever gives it.
DISPUTING_TYPES = {"denied", "rejected", "no_crossings_reported"}

# The status a crossing takes from an event of each type; types not listed leave it unchanged.
STATUS_FROM_EVENT = {
    "proposed": "proposed",
    "announced": "announced",
    "opened": "opened",
    "no_crossings_reported": "unused",
    "rejected": "rejected",
    "closed": "closed",
}
# Statuses in display order, with what each means to a reader.
STATUSES = {
    "proposed": "Proposed, not agreed",
    "announced": "Announced as open",
    "opened": "Reported open",
    "unused": "Open, but no civilians reported crossing",
    "rejected": "Proposal rejected",
    "closed": "Closed or suspended",
    "none": "No event yet",
}

SIDES = {
    "government": "Syrian government and its media",
    "russia": "Russian military and officials",
    "opposition": "armed opposition groups and opposition activists",
    "monitor": "monitoring groups (e.g. SOHR)",
    "humanitarian": "aid workers and humanitarian groups",
    "media": "a newsroom's own correspondent",
    "turkey": "Turkish officials and sources",
}
# Which sides are on which side of the dispute, for labelling claims "contested".
CAMP = {
    "government": "pro-government", "russia": "pro-government",
    "opposition": "opposition", "monitor": "independent", "humanitarian": "independent",
    "media": "independent", "turkey": "independent",
}

DATE_PRECISIONS = ("day", "month", "year")
# How sure a source's own publication date is (sources.csv date_confidence). Only a sure date
# may cap or contradict an event's date; an inferred or unverified one may not.
DATE_CONFIDENCES = ("confirmed", "month_only", "inferred", "unverified")
TRUSTED_DATE_CONFIDENCES = {"confirmed", "month_only"}
QUALIFIERS = {"exact": "", "about": "about", "at_least": "at least", "more_than": "more than"}
METRICS = {
    "displaced": "people displaced", "population": "population", "killed": "civilians killed",
}
# What a figures table's values count (its `metric`): the keys a researcher may give, and what
# each means. A table may instead name its metric in its own words, which are shown as given.
TABLE_METRICS = {
    "idp_movements": "IDP movements",
    "idps": "internally displaced people",
    "idp_returnees": "IDP returnees",
    "population": "population",
    "people_in_need": "people in need",
}
LOCATION_PRECISIONS = ("exact", "approximate")
CROSSING_KINDS = {"humanitarian_corridor", "commercial_crossing"}

# OCHA P-codes: the level of an area by the length of its code (SY07, SY0700, SY070003).
PCODE_LEVELS = {"admin1": 4, "admin2": 6, "admin3": 8}
LEVEL_OF_PCODE_LENGTH = {length: level for level, length in PCODE_LEVELS.items()}

# What the atlas derives, as written in the exports.
ASSESSMENTS = ("contested", "corroborated", "single source")
MATCHES = ("named", "nearest", "none")  # how an event was tied to a crossing
AREA_LEVELS = ("admin", "admin1", "admin2", "admin3", "crossing")  # where a figure is placed

# A spreadsheet runs a cell starting with one of these as a formula ("CSV injection"); the
# exports put an apostrophe before such text and the loader takes it off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# The page's words for the vocabulary above, short enough for a badge, a legend row or a table
# cell, in both interface languages: {kind: {key: {"en": ..., "ar": ...}}}. The page reads them
# from its data (`terms`); tests/test_page_terms.py checks every key has both. "kind" is the
# crossing kind, "table_metric" what a figures table counts, "bad_row" why an events-table row
# was set aside (geo/events_table/clean.py, in the order it checks them), "location_level" how
# well an events-table row is located (geo/events_table/precision.py, best first). An exact
# figure is written without its qualifier.
PAGE_TERMS = {
    "status": {
        "proposed": {"en": "Proposed, not agreed", "ar": "مقترح، لم يُتفق عليه"},
        "announced": {"en": "Announced as open", "ar": "أُعلن فتحه"},
        "opened": {"en": "Reported open", "ar": "أُفيد بفتحه"},
        "unused": {"en": "Open, but no civilians reported crossing",
                   "ar": "مفتوح، ولم يُبلَّغ عن عبور مدنيين"},
        "rejected": {"en": "Proposal rejected", "ar": "رُفض الاقتراح"},
        "closed": {"en": "Closed or suspended", "ar": "مغلق أو معلّق"},
        "none": {"en": "No event yet", "ar": "لا أحداث بعد"},
    },
    "type": {
        "announced": {"en": "Announced", "ar": "إعلان"},
        "opened": {"en": "Opened", "ar": "فتح"},
        "proposed": {"en": "Proposed", "ar": "اقتراح"},
        "rejected": {"en": "Rejected", "ar": "رفض"},
        "denied": {"en": "Denied", "ar": "نفي"},
        "no_crossings_reported": {"en": "No one crossed", "ar": "لم يعبر أحد"},
        "closed": {"en": "Closed", "ar": "إغلاق"},
        "statement": {"en": "Statement", "ar": "تصريح"},
        "protest": {"en": "Protest", "ar": "احتجاج"},
        "attack": {"en": "Attack", "ar": "هجوم"},
        "leaflets": {"en": "Leaflets", "ar": "منشورات"},
    },
    "side": {
        "government": {"en": "Syrian government", "ar": "الحكومة السورية"},
        "russia": {"en": "Russia", "ar": "روسيا"},
        "opposition": {"en": "opposition", "ar": "المعارضة"},
        "monitor": {"en": "monitor", "ar": "مرصد"},
        "humanitarian": {"en": "humanitarian", "ar": "جهة إنسانية"},
        "media": {"en": "media", "ar": "إعلام"},
        "turkey": {"en": "Turkey", "ar": "تركيا"},
    },
    "assessment": {
        "contested": {"en": "contested", "ar": "متنازع عليه"},
        "corroborated": {"en": "corroborated", "ar": "مؤكَّد"},
        "single source": {"en": "single source", "ar": "مصدر واحد"},
    },
    "qualifier": {
        "exact": {"en": "exact", "ar": "دقيق"},
        "about": {"en": "about", "ar": "نحو"},
        "at_least": {"en": "at least", "ar": "على الأقل"},
        "more_than": {"en": "more than", "ar": "أكثر من"},
    },
    "metric": {
        "displaced": {"en": "people displaced", "ar": "نازح"},
        "population": {"en": "population", "ar": "عدد السكان"},
        "killed": {"en": "civilians killed", "ar": "قتيل مدني"},
    },
    "period": {  # an events table's (month, week) and a figures table's (all four)
        "month": {"en": "month", "ar": "شهر"},
        "week": {"en": "week", "ar": "أسبوع"},
        "day": {"en": "day", "ar": "يوم"},
        "year": {"en": "year", "ar": "سنة"},
    },
    "table_metric": {  # what a figures table counts (TABLE_METRICS)
        "idp_movements": {"en": "IDP movements", "ar": "تحركات النازحين داخلياً"},
        "idps": {"en": "internally displaced people", "ar": "النازحون داخلياً"},
        "idp_returnees": {"en": "IDP returnees", "ar": "النازحون العائدون"},
        "population": {"en": "population", "ar": "عدد السكان"},
        "people_in_need": {"en": "people in need", "ar": "الأشخاص المحتاجون"},
    },
    "kind": {
        "humanitarian_corridor": {"en": "Humanitarian corridor", "ar": "ممر إنساني"},
        "commercial_crossing": {"en": "Commercial crossing", "ar": "معبر تجاري"},
    },
    "bad_row": {
        "missing_coordinates": {"en": "coordinates missing", "ar": "الإحداثيات مفقودة"},
        "unparsable_coordinates": {"en": "coordinates not numbers",
                                   "ar": "الإحداثيات ليست أرقاماً"},
        "impossible_coordinates": {
            "en": "coordinates impossible (latitude beyond ±90 or longitude beyond ±180)",
            "ar": "إحداثيات مستحيلة (خط عرض يتجاوز ±90 أو خط طول يتجاوز ±180)"},
        "outside_region": {"en": "coordinates outside Syria and its borderlands",
                           "ar": "إحداثيات خارج سوريا والمناطق المحاذية لها"},
        "missing_date": {"en": "date missing", "ar": "التاريخ مفقود"},
        "unparsable_date": {"en": "date not understood", "ar": "التاريخ غير مفهوم"},
        "date_out_of_range": {"en": "date before 1900 or after the build",
                              "ar": "تاريخ قبل 1900 أو بعد يوم البناء"},
        "unparsable_end_date": {"en": "end date not understood",
                                "ar": "تاريخ الانتهاء غير مفهوم"},
        "end_before_start": {"en": "end date before the start date",
                             "ar": "تاريخ الانتهاء قبل تاريخ البدء"},
    },
    "location_level": {
        "not_given": {"en": "no location precision given (the point is taken as the place)",
                      "ar": "لم تُذكر دقة الموقع (تُعدّ النقطة مكانَ الحدث)"},
        "exact": {"en": "the place itself", "ar": "المكان نفسه"},
        "metres": {"en": "within a stated distance", "ar": "ضمن مسافة مذكورة"},
        "near_place": {"en": "near a named place", "ar": "قرب مكان مسمّى"},
        "admin2": {"en": "only a district, at its centroid",
                   "ar": "المنطقة الإدارية فقط، عند مركزها"},
        "admin1": {"en": "only a province or governorate, at its centroid",
                   "ar": "المحافظة فقط، عند مركزها"},
        "region": {"en": "only a larger region", "ar": "إقليم أوسع فقط"},
        "part_of_country": {"en": "only part of the country, or between places",
                            "ar": "جزء من البلاد فقط، أو نقطة بين مكانين"},
        "country": {"en": "only the country, at its centroid", "ar": "البلد فقط، عند مركزه"},
        "water_or_airspace": {"en": "over water or in international airspace",
                              "ar": "فوق الماء أو في المجال الجوي الدولي"},
        "unknown": {"en": "a precision the codebook or mapping does not define, or none",
                    "ar": "دقة لا يعرّفها دليل الترميز ولا جدول التحويل، أو لا دقة مذكورة"},
    },
}
