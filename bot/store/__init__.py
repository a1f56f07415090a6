"""Persistence: ``Store`` owns every SQL statement; nothing else touches the database.

The SQL is grouped by subject (people, proposals, outbox, …) in classes that share one
connection (``base.StoreBase``); ``Store`` combines them.
"""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from bot.clock import Clock
from bot.store.base import current_update, from_db, to_db
from bot.store.digest import DigestQueries
from bot.store.moderation import ModerationQueries
from bot.store.outbox import OutboxQueries
from bot.store.people import PeopleQueries
from bot.store.privacy import PERSON_REFERENCES, PrivacyQueries
from bot.store.prompts import PromptQueries
from bot.store.proposals import ProposalQueries

__all__ = ["PERSON_REFERENCES", "Store", "current_update", "from_db", "to_db"]


class Store(
    PeopleQueries,
    ProposalQueries,
    PromptQueries,
    DigestQueries,
    ModerationQueries,
    PrivacyQueries,
    OutboxQueries,
):
    """Async access to the bot's database; construct with ``await Store.open(path, clock)``."""

    @classmethod
    async def open(cls, path: Path, clock: Clock) -> Store:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date."""
        path.parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(path, isolation_level=None)
        db.row_factory = aiosqlite.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA busy_timeout=5000",
        ):
            await db.execute(pragma)
        store = cls(db, clock)
        await store._migrate()
        return store
