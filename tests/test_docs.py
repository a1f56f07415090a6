"""The docs stay true: every module is in the architecture doc, the paths and links they give
exist, and the README's commands table is the one the command registry makes."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
COMMANDS_TABLE = ROOT / "scripts" / "commands-table"

# A path inside the repository as the docs write it: `bot/store/database.py`, tests/conftest.py.
_REPO_PATH = re.compile(r"(?<![\w./-])((?:bot|tests|bench|scripts|docs|locales)/[\w./-]*\w)")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def _modules() -> list[str]:
    """Every module under bot/ (but the packages' __init__.py), by its path in the repo."""
    return sorted(
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "bot").rglob("*.py")
        if path.name != "__init__.py"
    )


def test_every_module_is_in_the_architecture_doc() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    missing = [module for module in _modules() if f"`{module}`" not in text]
    assert not missing, (
        "docs/architecture.md does not name these modules. Add a row for each to its folder's "
        "table under “Layout: every module”, as | `bot/…/name.py` | what it is for |:\n  "
        + "\n  ".join(missing)
    )


def test_paths_in_the_docs_exist() -> None:
    """A renamed or removed module, test or script must not linger in the docs (nor in a
    docstring that sends the reader to a docs page)."""
    sources = [*DOCS, *sorted((ROOT / "bot").rglob("*.py"))]
    gone = [
        f"{source.relative_to(ROOT)}: {path}"
        for source in sources
        for path in _REPO_PATH.findall(source.read_text(encoding="utf-8"))
        if not (ROOT / path).exists()
    ]
    assert not gone, "these paths do not exist (fix or remove them):\n  " + "\n  ".join(gone)


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(doc: Path) -> set[str]:
    text = _FENCE.sub("", doc.read_text(encoding="utf-8"))
    return {_slug(m) for m in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}


def test_links_in_the_docs_lead_somewhere() -> None:
    broken = []
    for doc in DOCS:
        text = _FENCE.sub("", doc.read_text(encoding="utf-8"))
        for link in _LINK.findall(text):
            if link.startswith(("http://", "https://")):
                continue
            target, _, anchor = link.partition("#")
            path = (doc.parent / target).resolve() if target else doc
            if not path.exists():
                broken.append(f"{doc.relative_to(ROOT)}: {link} (no such file)")
            elif anchor and anchor not in _anchors(path):
                broken.append(f"{doc.relative_to(ROOT)}: {link} (no such heading)")
    assert not broken, "broken links:\n  " + "\n  ".join(broken)


def test_slugs_are_githubs() -> None:
    assert _slug("Layout: every module") == "layout-every-module"
    assert _slug("Where an update's time goes") == "where-an-updates-time-goes"
    assert _slug("`bot/store/`: all SQL") == "botstore-all-sql"


def test_the_quick_start_commands_are_in_the_readme() -> None:
    """The two commands a newcomer types first (CI runs the same ones: .ci/run)."""
    text = README.read_text(encoding="utf-8")
    assert (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/cydlais" in text
    )
    assert "\n.venv/bin/python -m pytest\n" in text


def _commands_table() -> ModuleType:
    """scripts/commands-table, loaded as a module (it has no .py ending)."""
    loader = SourceFileLoader("commands_table", str(COMMANDS_TABLE))
    spec = importlib.util.spec_from_loader("commands_table", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_the_readmes_commands_table_is_the_registrys() -> None:
    script = _commands_table()
    in_readme = script.in_readme(README.read_text(encoding="utf-8"))
    assert in_readme is not None, f"README.md has lost its {script.START} … {script.END} markers"
    assert in_readme == script.block(), (
        "README.md's commands table differs from COMMANDS in bot/telegram/commands.py: "
        "run `.venv/bin/python scripts/commands-table --update` and commit README.md"
    )


def test_the_commands_table_names_every_command() -> None:
    from bot.telegram.commands import COMMANDS

    table = _commands_table().table()
    for command in COMMANDS:
        assert f"| `/{command.name}` |" in table
        assert command.alias is None or f"`/{command.alias}`" in table


def test_commands_table_runs_as_a_script() -> None:
    result = subprocess.run(
        [sys.executable, str(COMMANDS_TABLE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == _commands_table().table() + "\n"
