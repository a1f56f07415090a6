"""The SQLite store: the only module that holds SQL.

One aiosqlite connection in WAL mode. Every public method is one logical operation: writes run
inside a single transaction that has committed by the time the method returns, so a caller can
acknowledge to a person only after its data is safe. An asyncio lock keeps concurrent handlers
from interleaving statements on the shared connection.

The SQL is kept to what PostgreSQL also understands where that costs nothing (``ON CONFLICT``,
``RETURNING``, ISO-8601 UTC timestamps as text) so a second backend is an addition.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from bot.clock import Clock
from bot.config import ForumConfig
from bot.domain.people import Person
from bot.store.migrations import MIGRATIONS

logger = logging.getLogger(__name__)


def to_db(instant: datetime) -> str:
    """A timezone-aware instant as fixed-width ISO-8601 UTC text (sorts as it should)."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db(text: str | None) -> datetime | None:
    """The inverse of ``to_db``; None stays None."""
    if text is None:
        return None
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _person(row: aiosqlite.Row) -> Person:
    consent_at = from_db(row["consent_at"])
    assert consent_at is not None
    return Person(
        id=row["id"],
        telegram_id=row["telegram_id"],
        display_name=row["display_name"],
        language=row["language"],
        age_band=row["age_band"],
        consent_at=consent_at,
        onboarded_at=from_db(row["onboarded_at"]),
        active=bool(row["active"]),
    )


class Store:
    """Async access to the bot's database; construct with ``await Store.open(path, clock)``."""

    def __init__(self, db: aiosqlite.Connection, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._lock = asyncio.Lock()
        # Every update needs its sender's profile; keep it in memory and drop it on each write.
        self._people: dict[int, Person | None] = {}
        self._memberships: dict[int, frozenset[str]] = {}

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

    async def close(self) -> None:
        """Close the connection (pending transactions have already committed)."""
        await self._db.close()

    @property
    def clock(self) -> Clock:
        """The clock used for timestamps."""
        return self._clock

    def _now(self) -> str:
        return to_db(self._clock.now())

    async def _migrate(self) -> None:
        async with self._transaction() as db:
            version = (await (await db.execute("PRAGMA user_version")).fetchone() or [0])[0]
            for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in statements:
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {number}")
                logger.info("Applied database migration %s", number)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run the block in one write transaction; it has committed when the block exits."""
        async with self._lock:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")

    async def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self._lock:
            return list(await self._db.execute_fetchall(sql, params))

    async def _fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        rows = await self._fetchall(sql, params)
        return rows[0] if rows else None

    async def schema_version(self) -> int:
        """The number of the last migration applied."""
        row = await self._fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def integrity_ok(self) -> bool:
        """SQLite's own integrity check of the whole file."""
        row = await self._fetchone("PRAGMA integrity_check")
        return row is not None and row[0] == "ok"

    # ---- forums -------------------------------------------------------------------------

    async def sync_forums(self, forums: Sequence[ForumConfig]) -> None:
        """Make the forums table match the config; forums no longer listed become inactive."""
        async with self._transaction() as db:
            await db.execute("UPDATE forums SET active = 0")
            await db.executemany(
                """INSERT INTO forums (id, name_cy, name_en, position, active)
                   VALUES (?, ?, ?, ?, 1)
                   ON CONFLICT (id) DO UPDATE SET name_cy = excluded.name_cy,
                       name_en = excluded.name_en, position = excluded.position, active = 1""",
                [(f.id, f.name_cy, f.name_en, i) for i, f in enumerate(forums)],
            )
        self._memberships.clear()

    # ---- people -------------------------------------------------------------------------

    async def person(self, telegram_id: int) -> Person | None:
        """The person with this Telegram id, or None if they have not consented."""
        if telegram_id in self._people:
            return self._people[telegram_id]
        row = await self._fetchone("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        found = _person(row) if row else None
        self._people[telegram_id] = found
        return found

    async def people_by_ids(self, person_ids: Iterable[int]) -> dict[int, Person]:
        """People by internal id (for notifications)."""
        ids = sorted(set(person_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self._fetchall(f"SELECT * FROM people WHERE id IN ({marks})", ids)
        return {row["id"]: _person(row) for row in rows}

    async def create_person(
        self, telegram_id: int, display_name: str, language: str, age_band: str | None
    ) -> Person:
        """Record consent: create the person, or refresh an existing one's consent and answers.

        Idempotent: a second consent (a double tap, /start again) never makes a second row.
        """
        now = self._now()
        async with self._transaction() as db:
            cursor = await db.execute(
                """INSERT INTO people (telegram_id, display_name, language, age_band,
                                       consent_at, last_seen_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (telegram_id) DO UPDATE SET display_name = excluded.display_name,
                       language = excluded.language, age_band = excluded.age_band,
                       last_seen_at = excluded.last_seen_at, active = 1
                   RETURNING *""",
                (telegram_id, display_name, language, age_band, now, now),
            )
            row = await cursor.fetchone()
            await db.execute("DELETE FROM declined_consent WHERE telegram_id = ?", (telegram_id,))
        assert row is not None
        person = _person(row)
        self._people[telegram_id] = person
        return person

    async def record_declined_consent(self, telegram_id: int) -> None:
        """Remember only that this Telegram id declined, so the bot does not keep asking."""
        async with self._transaction() as db:
            await db.execute(
                """INSERT INTO declined_consent (telegram_id, declined_at) VALUES (?, ?)
                   ON CONFLICT (telegram_id) DO UPDATE SET declined_at = excluded.declined_at""",
                (telegram_id, self._now()),
            )

    async def has_declined_consent(self, telegram_id: int) -> bool:
        """Whether this Telegram id declined the privacy notice (and has not consented since)."""
        row = await self._fetchone(
            "SELECT 1 FROM declined_consent WHERE telegram_id = ?", (telegram_id,)
        )
        return row is not None

    async def _update_person(self, person: Person, sql: str, params: Sequence[Any]) -> Person:
        async with self._transaction() as db:
            cursor = await db.execute(sql + " WHERE id = ? RETURNING *", (*params, person.id))
            row = await cursor.fetchone()
        self._people.pop(person.telegram_id, None)
        if row is None:
            raise LookupError(f"person {person.id} no longer exists")
        updated = _person(row)
        self._people[person.telegram_id] = updated
        return updated

    async def set_language(self, person: Person, language: str) -> Person:
        """Change the language the person reads the bot in."""
        return await self._update_person(person, "UPDATE people SET language = ?", (language,))

    async def mark_onboarded(self, person: Person) -> Person:
        """Record that the person finished onboarding (keeps the first time)."""
        return await self._update_person(
            person, "UPDATE people SET onboarded_at = COALESCE(onboarded_at, ?)", (self._now(),)
        )

    # ---- memberships --------------------------------------------------------------------

    async def memberships(self, person: Person) -> frozenset[str]:
        """Ids of the active forums the person belongs to."""
        if person.id in self._memberships:
            return self._memberships[person.id]
        rows = await self._fetchall(
            """SELECT m.forum_id FROM memberships m JOIN forums f ON f.id = m.forum_id
               WHERE m.person_id = ? AND f.active = 1""",
            (person.id,),
        )
        joined = frozenset(row["forum_id"] for row in rows)
        self._memberships[person.id] = joined
        return joined

    async def set_membership(self, person: Person, forum_id: str, member: bool) -> bool:
        """Join or leave a forum; returns False when nothing changed (already so)."""
        async with self._transaction() as db:
            if member:
                cursor = await db.execute(
                    """INSERT INTO memberships (person_id, forum_id, joined_at)
                       SELECT ?, id, ? FROM forums WHERE id = ? AND active = 1
                       ON CONFLICT (person_id, forum_id) DO NOTHING""",
                    (person.id, self._now(), forum_id),
                )
            else:
                cursor = await db.execute(
                    "DELETE FROM memberships WHERE person_id = ? AND forum_id = ?",
                    (person.id, forum_id),
                )
            changed = cursor.rowcount > 0
        self._memberships.pop(person.id, None)
        return changed

    # ---- pending conversations ----------------------------------------------------------

    async def conversation(self, person: Person) -> tuple[str, dict[str, Any]] | None:
        """The flow the person is in the middle of (name and its data), if any."""
        row = await self._fetchone(
            "SELECT flow, data FROM conversations WHERE person_id = ?", (person.id,)
        )
        return (row["flow"], json.loads(row["data"])) if row else None

    async def set_conversation(self, person: Person, flow: str, data: dict[str, Any]) -> None:
        """Remember where the person is in a multi-step flow (survives restarts)."""
        async with self._transaction() as db:
            await db.execute(
                """INSERT INTO conversations (person_id, flow, data, updated_at)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (person_id) DO UPDATE SET flow = excluded.flow,
                       data = excluded.data, updated_at = excluded.updated_at""",
                (person.id, flow, json.dumps(data, ensure_ascii=False), self._now()),
            )

    async def clear_conversation(self, person: Person) -> bool:
        """Leave any flow; returns whether there was one."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "DELETE FROM conversations WHERE person_id = ?", (person.id,)
            )
            return cursor.rowcount > 0
