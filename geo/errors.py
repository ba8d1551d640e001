"""The few exceptions the atlas raises; the command line turns them into `Error: …` and exit 1.

The library speaks of its settings by their Python names (`radius_m`, `joined_events`, the
`build()` and `EventsSpec` arguments, which are also the TOML keys); only the command line
knows their flags. A message refers to a setting with `setting("radius_m")`, and whoever shows
the message names it: `build_map.py` as `--radius-m`, plain `str()` as `radius_m`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# How many problems a single report lists before it says "… and N more".
MAX_LISTED = 50
# A setting's name between two marks: a private-use character no message or data text uses
# (and not whitespace, which str.strip() would take off).
_MARK = "\ue000"
_REFERENCE = re.compile(f"{_MARK}(\\w+){_MARK}")


def setting(name: str) -> str:
    """A reference to a setting inside a message, named when the message is shown."""
    return f"{_MARK}{name}{_MARK}"


def name_settings(text: str, names: Mapping[str, str] | None = None) -> str:
    """Text with each setting reference replaced by its name in `names` (else its own name)."""
    names = names or {}
    return _REFERENCE.sub(lambda m: names.get(m.group(1), m.group(1)), text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one input file (or one setting), with the fix."""

    file: str  # the file, or a setting("…") reference when the problem is a setting's value
    where: str  # "row 14", "feature 3 (id 'souran')", or "" for the whole file
    message: str  # what was found and what was expected
    fix: str = ""

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """The problem as one line, settings named by `names` (e.g. their flags)."""
        place = f"{self.file} {self.where}".strip()
        text = f"{place}: {self.message}" if place else self.message
        if self.fix:
            text += f" Fix: {self.fix}" if text.endswith((".", "?")) else f". Fix: {self.fix}"
        return name_settings(text, names)

    def __str__(self) -> str:
        return self.describe()


class AtlasError(Exception):
    """Something the atlas cannot do as asked; every problem found is listed."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(self.describe())

    def __reduce__(self):
        # Rebuilt from its problems, not its text, when it crosses processes (a Dask worker's).
        return self.__class__, (self.problems,)

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """Every problem, numbered and capped, settings named by `names`."""
        return format_problems(self.problems, names=names)


class DataError(AtlasError):
    """The input data or a setting cannot be trusted as it is; every problem found is listed."""


class BuildError(AtlasError):
    """The output could not be written (missing front-end files, unwritable folder…)."""


def format_problems(problems: list[Problem], limit: int = MAX_LISTED,
                    names: Mapping[str, str] | None = None) -> str:
    """Number the problems, cap the list, and give the total."""
    if len(problems) == 1:
        return problems[0].describe(names)
    lines = [f"{len(problems)} problems in the input data:"]
    lines += [f"  {n}. {p.describe(names)}" for n, p in enumerate(problems[:limit], start=1)]
    if len(problems) > limit:
        lines.append(f"  … and {len(problems) - limit} more (fix these and run again).")
    return "\n".join(lines)
