"""Every word of the data contract the page shows has a label in English and in Arabic."""

from __future__ import annotations

import re

import pytest

from geo import schema
from geo.events_table import PERIODS
from geo.events_table.clean import BAD_KINDS
from geo.events_table.precision import LOCATION_LEVELS, POINT_LEVELS
from geo.figures_table import PERIODS as FIGURE_PERIODS
from geo.page import STATUS_COLOURS, page_data

# The vocabulary of the contract, by the kind the page looks it up under. The assessments are
# timeline.py's three labels, the periods an events or figures table may be counted in, and what
# a figures table counts.
CONTRACT = {
    "status": set(schema.STATUSES),
    "type": set(schema.EVENT_TYPES),
    "side": set(schema.SIDES),
    "assessment": set(schema.ASSESSMENTS),
    "qualifier": set(schema.QUALIFIERS),
    "metric": set(schema.METRICS),
    "period": set(PERIODS) | set(FIGURE_PERIODS),
    "table_metric": set(schema.TABLE_METRICS),
    "kind": set(schema.CROSSING_KINDS),
    "bad_row": set(BAD_KINDS),
    "location_level": set(LOCATION_LEVELS),
}
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def test_page_terms_cover_exactly_the_contract():
    assert {kind: set(words) for kind, words in schema.PAGE_TERMS.items()} == CONTRACT


@pytest.mark.parametrize("kind", sorted(CONTRACT))
def test_every_term_has_a_label_in_both_languages(kind):
    for key, label in schema.PAGE_TERMS[kind].items():
        assert set(label) == {"en", "ar"}, (kind, key)
        assert label["en"].strip() and label["ar"].strip(), (kind, key)
        assert ARABIC_LETTER.search(label["ar"]), f"{kind} {key!r}: {label['ar']!r} is not Arabic"
        assert not ARABIC_LETTER.search(label["en"]), (kind, key)


def test_location_levels_run_from_points_to_areas():
    levels = list(schema.PAGE_TERMS["location_level"])
    assert levels[:len(POINT_LEVELS)] == list(POINT_LEVELS)
    assert levels[-1] == "unknown"


def test_statuses_keep_the_contract_order_for_the_legend():
    assert list(schema.PAGE_TERMS["status"]) == list(schema.STATUSES)
    assert list(schema.PAGE_TERMS["side"]) == list(schema.SIDES)


def test_page_data_carries_the_terms_and_the_status_colours_in_display_order(timeline):
    data = page_data(timeline)
    assert data["terms"] == schema.PAGE_TERMS
    assert list(data["status_colours"]) == list(schema.STATUSES)
    assert data["status_colours"] == {k: STATUS_COLOURS[k] for k in schema.STATUSES}
    for dropped in ("statuses", "event_types", "sides", "qualifiers", "metrics"):
        assert dropped not in data


def test_figures_table_metrics_read_as_the_contract_words_them():
    assert {k: v["en"] for k, v in schema.PAGE_TERMS["table_metric"].items()} == \
        schema.TABLE_METRICS
