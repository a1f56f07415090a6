"""A consistent copy of the live database, taken with SQLite's online backup API.

It works while the bot runs (WAL mode lets readers and the writer carry on): the copy is the
database as of one moment, with every transaction committed by then and none half-done.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def backup_database(source: Path, target: Path) -> int:
    """Copy ``source`` to ``target`` (replacing it); returns the number of pages copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    live = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    try:
        live.backup(copy, pages=1024)
        pages = int(copy.execute("PRAGMA page_count").fetchone()[0])
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise RuntimeError("the backup copy failed its integrity check")
    finally:
        copy.close()
        live.close()
    partial.replace(target)  # never leave a half-written file under the real name
    return pages
