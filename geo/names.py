"""Match place names as editors type them to gazetteer ids, whatever the spelling."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Latin articles the reports attach or drop at will: al-Eis, el-Eis, Eis; Abu al-Duhur, Abu Duhur.
_ARTICLES = {"al", "el", "ar", "as", "ad", "ash", "at", "az", "an"}
# Apostrophes and ayn/hamza marks used (or not) in transliterations: Ma'arrat, Maʿarrat, Maarrat.
_MARKS = "'’‘`ʿʾ´"
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alef, tatweel
_ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})


def name_key(name: str) -> str:
    """Fold a name to the key two spellings share when they differ only in form.

    Case, Latin diacritics, apostrophes, hyphens, spaces, the al-/el- article and Arabic
    vowel marks, alef forms and the ال article do not count; letters do.
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ALEF_FORMS).casefold()
    text = re.sub(f"[{_MARKS}]", "", text)
    tokens = re.split(r"[\s\-_/.,()]+", text)
    kept = []
    for token in tokens:
        if not token or token in _ARTICLES:
            continue
        if token.startswith("ال") and len(token) > 3:
            token = token[2:]
        kept.append(token)
    return "".join(kept)


# Latin letters that transliterations of one Arabic name swap or double at will (Idleb/Idlib,
# Dar'a/Daraa, Hasakeh/Hasakah, Tartous/Tartus, Sweida/Suwayda): the vowels and y.
_VOWELS = re.compile("[aeiouy]")


def spelling_key(name: str) -> str:
    """A looser key than `name_key`, shared by transliterations of one Arabic name.

    Vowels, y, doubled letters and a final h after a vowel (ta marbuta: Hamah/Hama) do not
    count, so it matches more than the right name: use it only after `name_key` found
    nothing, and only where it points at one place.
    """
    key = re.sub(r"(?<=[aeiouy])h\b", "", name_key(name))
    key = _VOWELS.sub("", key)
    return re.sub(r"(.)\1+", r"\1", key)


class AliasIndex:
    """Every id, name and alias of the gazetteer, keyed by `name_key`."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]):
        self._by_key: dict[str, str] = {}
        self._labels: dict[str, str] = {}  # key -> a spelling to suggest
        self.clashes: list[tuple[str, str, str]] = []  # (spelling, first id, second id)
        for crossing_id, names in entries:
            # Names before the id, so a "did you mean" offers 'Abu al-Duhur', not its slug.
            for spelling in [*names, crossing_id]:
                if not spelling:
                    continue
                key = name_key(spelling)
                owner = self._by_key.setdefault(key, crossing_id)
                if owner != crossing_id:
                    self.clashes.append((spelling, owner, crossing_id))
                self._labels.setdefault(key, spelling)

    def resolve(self, name: str) -> str | None:
        """The crossing id a name or alias belongs to, or None."""
        return self._by_key.get(name_key(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Spellings of distinct crossings close to `name`, best first, for a "did you mean"."""
        keys = difflib.get_close_matches(name_key(name), self._by_key, n=len(self._by_key),
                                         cutoff=0.6)
        best: dict[str, str] = {}  # one spelling per crossing: the closest
        for key in keys:
            best.setdefault(self._by_key[key], self._labels[key])
        return list(best.values())[:n]
