"""What stops Cydlais starting is said in one line naming what to fix, and it exits (no hang)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.config import example_config_path
from bot.store.migrations import MIGRATIONS


def _config_with_database(tmp_path: Path, database: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        example_config_path().read_text().replace('path = "cydlais.db"', f'path = "{database}"')
    )
    return config


def _export(config: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "export", "--config", str(config),
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_an_unusable_database_path_is_named_with_the_reason(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    database = not_a_folder / "cydlais.db"
    result = _export(_config_with_database(tmp_path, database), tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"cydlais: cannot open the database {database}: {not_a_folder} is a file, not a folder"
    ]


def test_a_schema_newer_than_this_release_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "newer.db"
    with sqlite3.connect(database) as connection:
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    result = _export(_config_with_database(tmp_path, database), tmp_path)
    assert result.returncode == 2
    assert "newer than this release knows" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with sqlite3.connect(database) as connection:  # nothing was changed
        assert connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) + 1
        assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
