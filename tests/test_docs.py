"""The README documents every command-line option and the two set-up commands."""

from __future__ import annotations

import build_map
from tests.conftest import ROOT


def _options() -> set[str]:
    options = set()
    main = build_map.parser()
    for action in main._subparsers._group_actions:
        for sub in action.choices.values():
            for sub_action in sub._actions:
                options.update(o for o in sub_action.option_strings if o.startswith("--"))
    return options - {"--help"}


def test_readme_names_every_cli_option_and_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(o for o in _options() if o not in readme)
    assert not missing, f"README.md does not mention {missing}"
    for command in build_map.COMMANDS:
        assert f"build_map.py {command}" in readme or f"[{command}]" in readme, command


def test_readme_gives_the_two_commands_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./run.sh build" in readme and "./run.sh test" in readme
    assert "./run.sh test" in ci
