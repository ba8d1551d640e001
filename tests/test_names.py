"""Every spelling of every crossing resolves to it; near misses do not."""

from __future__ import annotations

import pytest

from geo.names import AliasIndex, name_key


def test_every_alias_of_every_crossing_resolves(atlas):
    for _, crossing in atlas.crossings.iterrows():
        for spelling in [crossing["id"], crossing["name"], crossing["name_ar"],
                         *crossing["aliases"]]:
            if spelling:
                assert atlas.aliases.resolve(spelling) == crossing["id"], spelling


@pytest.mark.parametrize("typed, expected", [
    ("ABU AL-DUHUR", "abu-al-duhur"),      # case
    ("Abu el Duhur", "abu-al-duhur"),      # el- for al-, space for hyphen
    ("abu duhur", "abu-al-duhur"),         # article dropped
    ("Abū al-Ḍuhūr", "abu-al-duhur"),      # Latin diacritics
    ("Al-Ais", "al-hadr-al-eis"),
    ("Miznar", "miznaz"),                  # the New Arab's typo is kept as an alias
    ("Abu al-Zandeen", "abu-zendin"),
    ("Saraqib", "saraqib"),
    ("سَراقِب", "saraqib"),                # Arabic with vowel marks
    ("  souran ", "souran"),
])
def test_spellings_editors_type_resolve(atlas, typed, expected):
    assert atlas.aliases.resolve(typed) == expected


@pytest.mark.parametrize("near_miss", ["Abu Dahur", "Sarakeb", "Mizna", "Habitt", "Idlib"])
def test_near_misses_do_not_resolve_but_get_suggestions(atlas, near_miss):
    assert atlas.aliases.resolve(near_miss) is None
    if near_miss != "Idlib":
        assert atlas.aliases.suggest(near_miss), near_miss


def test_near_miss_suggests_the_right_crossing(atlas):
    suggestions = atlas.aliases.suggest("Abu Dahur")
    assert suggestions and atlas.aliases.resolve(suggestions[0]) == "abu-al-duhur"


def test_name_key_ignores_form_not_letters():
    assert name_key("al-Eis") == name_key("El Eis") == name_key("eis")
    assert name_key("Ma'arrat") == name_key("Maarrat")
    assert name_key("العيس") == name_key("عيس")
    assert name_key("Saraqib") != name_key("Saraqeb")


def test_an_alias_shared_by_two_crossings_is_a_clash():
    index = AliasIndex([("a", ["Tarnaba"]), ("b", ["tarnaba"])])
    assert index.clashes == [("tarnaba", "a", "b")]
