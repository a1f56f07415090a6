"""The codebase keeps its shape: layers, lint and types."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Only these may import python-telegram-bot: the Telegram glue, the sandbox (a fake Telegram)
# and the command line that starts them. Everything else in bot/ (the domain core, the store,
# the services, rendering, i18n, config) never sees Telegram, new modules included.
TELEGRAM_GLUE = ("bot/telegram", "bot/sandbox", "bot/__main__.py")
TELEGRAM_FREE = sorted(
    path.relative_to(ROOT).as_posix()
    for path in (ROOT / "bot").iterdir()
    if (path.is_dir() and path.name != "__pycache__") or path.suffix == ".py"
    if path.relative_to(ROOT).as_posix() not in TELEGRAM_GLUE
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_what_must_stay_free_of_telegram_is_everything_but_the_glue() -> None:
    """The list is worked out, not written: a new module or folder is checked by default."""
    assert {"bot/domain", "bot/store", "bot/services", "bot/render", "bot/config.py"} <= set(
        TELEGRAM_FREE
    )
    assert not set(TELEGRAM_FREE) & set(TELEGRAM_GLUE)


@pytest.mark.parametrize("place", TELEGRAM_FREE)
def test_core_has_no_telegram_imports(place: str) -> None:
    target = ROOT / place
    files = [target] if target.is_file() else sorted(target.rglob("*.py"))
    assert files
    for path in files:
        telegram = {n for n in _imports(path) if n.split(".")[0] == "telegram"}
        assert not telegram, f"{path.relative_to(ROOT)} imports {telegram}"


def test_sql_lives_only_in_the_store() -> None:
    for path in (ROOT / "bot").rglob("*.py"):
        if "store" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for keyword in (
            "SELECT ",
            "INSERT INTO",
            "UPDATE ",
            "DELETE FROM",
            "aiosqlite",
            "sqlite3",
        ):
            assert keyword not in text, f"{path.relative_to(ROOT)} contains {keyword!r}"


def _python_files(*places: str) -> list[Path]:
    return sorted(path for place in places for path in (ROOT / place).rglob("*.py"))


# The one module that may use aiosqlite, and its private API (pyproject bounds the version).
DATABASE_ADAPTER = ROOT / "bot/store/database.py"
# What code outside bot/store may import from it: the facade, and the file-level backup the
# command line runs without opening the store.
STORE_ENTRANCES = {"bot.store", "bot.store.backup", "bot.store.health"}


def test_only_the_database_adapter_touches_aiosqlite() -> None:
    for path in _python_files("bot", "tests", "bench"):
        if path == DATABASE_ADAPTER:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(ROOT)
        assert not {n for n in _imports(path) if n.split(".")[0] == "aiosqlite"}, name
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("_execute", "_conn"), f"{name}:{node.lineno}"


def test_the_store_parts_are_reached_through_the_facade() -> None:
    """``context.store.proposals.page(…)``, never ``from bot.store.proposals import …``: the
    parts share one database and one cache, which only the facade wires together."""
    for path in _python_files("bot", "bench"):
        if "store" in path.relative_to(ROOT).parts:
            continue
        inside = {n for n in _imports(path) if n.startswith("bot.store.")}
        assert inside <= STORE_ENTRANCES, f"{path.relative_to(ROOT)} imports {inside}"


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_is_clean() -> None:
    result = _tool("ruff", "check", ".")
    assert result.returncode == 0, result.stdout[-3000:]
    result = _tool("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout[-3000:]


def test_mypy_is_clean() -> None:
    result = _tool("mypy")
    assert result.returncode == 0, result.stdout[-3000:]


def test_no_translatable_literal_hides_in_an_f_string() -> None:
    """Babel does not extract from f-strings: `f"{t._('x')}"` would never be translated."""
    for path in (ROOT / "bot").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, (ast.Attribute, ast.Name))
                    and (call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id)
                    in ("_", "n_", "N_")
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    raise AssertionError(f"{path.relative_to(ROOT)}:{call.lineno}")


def test_no_grab_bag_modules() -> None:
    """One name per idea: a module is named for what it does, not "common" or "guards"."""
    vague = {"common", "guards", "utils", "helpers", "misc"}
    found = [p.relative_to(ROOT) for p in (ROOT / "bot").rglob("*.py") if p.stem in vague]
    assert not found, found


# Imports every module of bot/ outside bot/sandbox (the run path and all it could reach), then
# lists the sandbox modules that came along.
_LOAD_ALL_BUT_THE_SANDBOX = """
import importlib, sys
from pathlib import Path
root = Path("bot")
for path in sorted(root.rglob("*.py")):
    if "sandbox" not in path.parts:
        importlib.import_module(".".join(path.with_suffix("").parts).removesuffix(".__init__"))
print(sorted(name for name in sys.modules if name.startswith("bot.sandbox")))
"""


def test_cydlais_run_never_loads_the_sandbox() -> None:
    """The fake Bot API, the scenario language and the demo are for tests, benches and
    `cydlais demo` (which imports them when it is asked for): nothing `cydlais run` loads, nor
    any other module of bot/, imports them."""
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_ALL_BUT_THE_SANDBOX],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "[]", result.stdout


# ---- the house patterns (issue 12), with the handler modules not yet converted named ------
# Each list is debt, not a licence: a module on it must still break the rule (the test says
# when to take it off), and a module not on it must keep the rule.
HANDLERS = ROOT / "bot" / "telegram" / "handlers"
STILL_BUILDING_KEYBOARDS: set[str] = set()
STILL_OVER_300_LINES: set[str] = set()
HANDLER_LINES = 310
_BUILDS_KEYBOARDS = ("InlineKeyboardMarkup(", "Keyboard(", "keyboards.button(", "keyboards.parse(")


def _handler_modules() -> dict[str, str]:
    return {
        path.relative_to(HANDLERS).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(HANDLERS.rglob("*.py"))
    }


def test_handlers_leave_keyboards_to_views() -> None:
    """Views own text and buttons; a handler parses, acts and sends a view."""
    for name, text in _handler_modules().items():
        builds = any(marker in text for marker in _BUILDS_KEYBOARDS)
        if name in STILL_BUILDING_KEYBOARDS:
            assert builds, f"{name} no longer builds keyboards: take it off the list"
        else:
            assert not builds, f"{name} builds a keyboard: move it to a view module"


def test_handler_modules_are_split_by_flow() -> None:
    for name, text in _handler_modules().items():
        lines = text.count("\n")
        if name in STILL_OVER_300_LINES:
            assert lines > HANDLER_LINES, f"{name} is {lines} lines now: take it off the list"
        else:
            assert lines <= HANDLER_LINES, f"{name} is {lines} lines: split it by flow"


def test_button_data_is_made_only_by_button_types() -> None:
    """Callback data is packed by CallbackData classes: no "prefix:..." strings written by
    hand and no split(":") in handlers outside the modules still to convert."""
    for name, text in _handler_modules().items():
        if name in STILL_BUILDING_KEYBOARDS:
            continue
        assert '.split(":")' not in text, name
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                assert not (value[:1].isalpha() and value.count(":") >= 1 and " " not in value
                            and value.split(":")[0].islower() and len(value) <= 64
                            and value.split(":")[0].isalpha() and len(value.split(":")[0]) <= 4), (
                    f"{name}: {value!r} looks like hand-written button data"
                )  # fmt: skip
