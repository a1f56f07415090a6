"""The database file looked at from outside, read-only (for `cydlais doctor`): no migration runs.

Like backup.py it works on the file while the bot runs or not, so it is an entrance of its own
rather than a part of the `Store` (which would migrate the schema on opening).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.config import PlaceSetting
from bot.store.migrations import MIGRATIONS


@dataclass(frozen=True)
class DatabaseHealth:
    """What a health check needs to know about the database file."""

    exists: bool
    folder_writable: bool
    file_writable: bool = False
    schema: int = 0
    latest: int = len(MIGRATIONS)
    intact: bool = True
    error: str | None = None  # why it could not be read, if it could not


def database_health(path: Path) -> DatabaseHealth:
    """Read ``path``'s schema version and quick integrity check without changing anything."""
    folder = path.parent
    folder_writable = folder.is_dir() and os.access(folder, os.W_OK)
    if not path.exists():
        return DatabaseHealth(exists=False, folder_writable=folder_writable)
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
            schema = int(connection.execute("PRAGMA user_version").fetchone()[0])
            intact = connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.Error as error:
        return DatabaseHealth(True, folder_writable, os.access(path, os.W_OK), error=str(error))
    return DatabaseHealth(True, folder_writable, os.access(path, os.W_OK), schema, intact=intact)


def linked_groups(path: Path) -> dict[tuple[str, str], tuple[int | None, int | None]]:
    """The forum groups linked or unlinked in the chat (/link), read-only; none if the file or
    its table is not there (an older schema, or a new install)."""
    if not path.exists():
        return {}
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
            rows = connection.execute(
                "SELECT forum_id, side, chat_id, thread_id FROM group_links"
            ).fetchall()
    except sqlite3.Error:
        return {}
    return {(row[0], row[1]): (row[2], row[3]) for row in rows}


def chat_forums(path: Path) -> tuple[PlaceSetting, ...]:
    """The forums added or changed in the chat (/settings), read-only (names and whether they
    are archived); none if the file or its table is not there."""
    if not path.exists():
        return ()
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as connection:
            rows = connection.execute(
                """SELECT id, name_cy, name_en, archived FROM place_settings
                   WHERE kind = 'forum' ORDER BY position, id"""
            ).fetchall()
    except sqlite3.Error:
        return ()
    return tuple(PlaceSetting(r[0], r[1], r[2], bool(r[3])) for r in rows)
