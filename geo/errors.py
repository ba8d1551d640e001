"""The few exceptions the atlas raises; the CLI turns them into `Error: …` and exit 1."""

from __future__ import annotations

from dataclasses import dataclass

# How many problems a single report lists before it says "… and N more".
MAX_LISTED = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one input file, with the fix."""

    file: str
    where: str  # "row 14", "feature 3 (id 'souran')", or "" for the whole file
    message: str  # what was found and what was expected
    fix: str = ""

    def __str__(self) -> str:
        place = f"{self.file} {self.where}".strip()
        text = f"{place}: {self.message}"
        if not self.fix:
            return text
        return f"{text} Fix: {self.fix}" if text.endswith((".", "?")) else \
            f"{text}. Fix: {self.fix}"


class DataError(Exception):
    """The input data cannot be trusted as it is; every problem found is listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))


class BuildError(Exception):
    """The site could not be written (missing front-end files, unwritable folder…)."""


def format_problems(problems: list[Problem], limit: int = MAX_LISTED) -> str:
    """Number the problems, cap the list, and give the total."""
    if len(problems) == 1:
        return str(problems[0])
    lines = [f"{len(problems)} problems in the input data:"]
    lines += [f"  {n}. {p}" for n, p in enumerate(problems[:limit], start=1)]
    if len(problems) > limit:
        lines.append(f"  … and {len(problems) - limit} more (fix these and run again).")
    return "\n".join(lines)
