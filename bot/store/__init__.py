"""Persistence: the store owns every SQL statement; nothing else touches the database.

``Store`` is a facade: it opens the database, brings its schema up to date, and holds one part
per subject (``store.people.get(…)``, ``store.proposals.create(…)``, …). The parts share one
``Database`` (bot/store/database.py, the seam a PostgreSQL backend implements) and one
``Cache`` (bot/store/cache.py). Every public method of a part is one logical operation,
committed when it returns, with the Telegram update being handled recorded in the same
transaction. Reach the parts through the facade; import only what this module exports.
"""

from __future__ import annotations

from pathlib import Path

from bot.clock import Clock
from bot.store.accountability import Accountability, Decisions, FollowUps
from bot.store.base import from_db, to_db
from bot.store.cache import Cache
from bot.store.conversations import Conversations
from bot.store.database import (
    Database,
    DatabaseUnavailableError,
    SqliteDatabase,
    current_update,
)
from bot.store.digest_runs import DigestRuns
from bot.store.figures import Figures
from bot.store.forums import Forums
from bot.store.group_links import GroupLinks
from bot.store.indicators import Indicators
from bot.store.invites import Invites
from bot.store.meetings import Meetings
from bot.store.migrations import MIGRATIONS
from bot.store.moderation import Moderation
from bot.store.outbox import Outbox
from bot.store.people import People
from bot.store.posts import Posts
from bot.store.privacy import PERSON_REFERENCES, Privacy
from bot.store.prompts import Prompts
from bot.store.proposals import Proposals
from bot.store.rounds import Dealt, Rounds, RoundVotes
from bot.store.schedules import Schedules
from bot.store.sense_checks import SenseChecks
from bot.store.settings import COMMUNITY, FORUM, SettingChange, Settings
from bot.store.updates import Updates

__all__ = [
    "COMMUNITY",
    "FORUM",
    "PERSON_REFERENCES",
    "DatabaseUnavailableError",
    "Dealt",
    "RoundVotes",
    "SettingChange",
    "Store",
    "current_update",
    "from_db",
    "to_db",
]


class Store:
    """The bot's database, one part per subject; open with ``await Store.open(path, clock)``."""

    def __init__(self, db: Database, cache: Cache, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        parts = (db, cache, clock)
        self.people = People(*parts)
        self.forums = Forums(*parts)
        self.conversations = Conversations(*parts)
        self.proposals = Proposals(*parts)
        self.prompts = Prompts(*parts)
        self.schedules = Schedules(*parts)
        self.figures = Figures(*parts)
        self.digest_runs = DigestRuns(*parts)
        self.invites = Invites(*parts)
        self.moderation = Moderation(*parts)
        self.privacy = Privacy(*parts)
        self.outbox = Outbox(*parts)
        self.accountability = Accountability(*parts)
        self.follow_ups = FollowUps(*parts)
        self.decisions = Decisions(*parts)
        self.rounds = Rounds(*parts)
        self.indicators = Indicators(*parts)
        self.sense_checks = SenseChecks(*parts)
        self.group_links = GroupLinks(*parts)
        self.settings = Settings(*parts)
        self.meetings = Meetings(*parts)
        self.posts = Posts(*parts)
        self.updates = Updates(*parts)

    @classmethod
    async def open(cls, path: Path, clock: Clock) -> Store:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date."""
        cache = Cache()
        db = await SqliteDatabase.open(path, clock, saw_update=cache.update_recorded)
        try:
            await db.migrate(MIGRATIONS)
        except BaseException:
            await db.close()  # aiosqlite's thread would otherwise keep the process alive
            raise
        return cls(db, cache, clock)

    @property
    def clock(self) -> Clock:
        """The clock used for timestamps."""
        return self._clock

    async def schema_version(self) -> int:
        """The number of the last migration applied."""
        return await self._db.schema_version()

    async def integrity_ok(self) -> bool:
        """The database's own check of its consistency."""
        return await self._db.integrity_ok()

    async def close(self) -> None:
        """Close the database (every write has committed already)."""
        await self._db.close()
