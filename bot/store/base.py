"""The connection every query group shares: one aiosqlite connection, WAL, one lock.

Every public store method is one logical operation: writes run in a single transaction that
has committed by the time the method returns, so a caller can acknowledge to a person only
after its data is safe. The lock keeps concurrent handlers from interleaving statements on the
shared connection. SQL is kept to what PostgreSQL also understands where that costs nothing
(``ON CONFLICT``, ``RETURNING``, ISO-8601 UTC timestamps as text), so a second backend is an
addition rather than a rewrite.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import aiosqlite

from bot.clock import Clock
from bot.domain.notifications import Kind
from bot.domain.people import Person
from bot.store.migrations import MIGRATIONS

logger = logging.getLogger(__name__)

# The Telegram update being handled, if any. Every write transaction made while handling it
# records the update id too, so the id is committed together with the update's effect: if
# Telegram delivers the update again (after a crash), the bot sees it was handled.
current_update: ContextVar[int | None] = ContextVar("current_update", default=None)
RECORD_UPDATE = """INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)
                   ON CONFLICT (update_id) DO NOTHING"""
T = TypeVar("T")

Row = aiosqlite.Row


def to_db(instant: datetime) -> str:
    """A timezone-aware instant as fixed-width ISO-8601 UTC text (sorts as it should)."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db(text: str | None) -> datetime | None:
    """The inverse of ``to_db``; None stays None."""
    if text is None:
        return None
    return datetime.fromisoformat(text)  # reads the trailing Z; ~50 times faster than strptime


def when(text: str) -> datetime:
    """A NOT NULL timestamp column."""
    value = from_db(text)
    assert value is not None
    return value


class StoreBase:
    """Connection, transactions and the caches the query groups share."""

    def __init__(self, db: aiosqlite.Connection, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._lock = asyncio.Lock()
        # Every update needs its sender's profile; keep it in memory and drop it on each write.
        self._people: dict[int, Person | None] = {}
        self._memberships: dict[int, frozenset[str]] = {}
        self._grants: dict[int, frozenset[tuple[str, str | None, str | None]]] = {}
        self._seen_on: dict[int, date] = {}
        self._newest_update: int | None = None
        self._prompts: dict[int, Any] = {}
        # Pending conversations (flow, data as JSON, updated_at), written through on change.
        self._conversations: dict[int, tuple[str, str, str] | None] = {}
        # How many proposals each forum shows, dropped whenever one appears or disappears
        # (only this process writes proposals; the command-line tools only read).
        self._visible_counts: dict[str, int] = {}

    @property
    def clock(self) -> Clock:
        """The clock used for timestamps."""
        return self._clock

    def _now(self) -> str:
        return to_db(self._clock.now())

    async def close(self) -> None:
        """Close the connection (pending transactions have already committed)."""
        await self._db.close()

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
                update_id = current_update.get()
                if update_id is not None:
                    await self._db.execute(RECORD_UPDATE, (update_id, self._now()))
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")
            self._saw_update(update_id)

    async def _atomic(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` on the connection's own thread as one transaction, in one hop.

        Each ``await db.execute`` is a round trip to aiosqlite's thread that costs more than a
        small query itself (see docs/performance); the busiest operations therefore run whole
        on that thread. aiosqlite has no public call for this, so this uses its ``_execute``.
        """
        update_id = current_update.get()
        now = self._now()

        def transaction() -> T:
            connection = self._db._conn  # on aiosqlite's own thread
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = work(connection)
                if update_id is not None:
                    connection.execute(RECORD_UPDATE, (update_id, now))
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
            self._saw_update(update_id)
            return result

        async with self._lock:
            return await self._db._execute(transaction)

    async def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run read-only ``work`` on the connection's thread in one hop."""
        async with self._lock:
            return await self._db._execute(lambda: work(self._db._conn))

    async def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._lock:
            return list(await self._db.execute_fetchall(sql, params))

    async def _fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = await self._fetchall(sql, params)
        return rows[0] if rows else None

    async def _enqueue(
        self,
        db: aiosqlite.Connection,
        person_id: int | None,
        kind: Kind,
        payload: dict[str, Any],
        dedupe_key: str,
        chat_id: int | None = None,
        thread_id: int | None = None,
        not_before: datetime | None = None,
    ) -> None:
        now = self._now()
        await db.execute(
            """INSERT INTO outbox (person_id, chat_id, thread_id, kind, payload, dedupe_key,
                   created_at, not_before)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""",
            (
                person_id, chat_id, thread_id, kind.value, json.dumps(payload, ensure_ascii=False),
                dedupe_key, now, to_db(not_before) if not_before else now,
            ),
        )  # fmt: skip

    def _end_conversation(self, db: sqlite3.Connection, person_id: int) -> bool:
        """Within a transaction on the connection's thread: the person's flow is over (returns
        whether there was one).

        Ending a flow in the same transaction as what it was for (an answer, a proposal) means
        a crash can never leave one without the other. Call ``_conversation_ended`` once the
        transaction has committed.
        """
        return (
            db.execute("DELETE FROM conversations WHERE person_id = ?", (person_id,)).rowcount > 0
        )

    def _conversation_ended(self, person_id: int) -> None:
        """After the commit: remember that the person is in no flow."""
        self._conversations[person_id] = None

    def _drop_cached(self, person_id: int, telegram_id: int | None) -> None:
        """Forget what is cached about a person whose rows were deleted."""
        if telegram_id is not None:
            self._people.pop(telegram_id, None)
        self._memberships.pop(person_id, None)
        self._grants.pop(person_id, None)
        self._conversations.pop(person_id, None)

    def _saw_update(self, update_id: int | None) -> None:
        if update_id is not None and self._newest_update is not None:
            self._newest_update = max(self._newest_update, update_id)

    async def update_handled(self, update_id: int) -> bool:
        """Whether an update's effect has been committed already.

        Telegram's update ids only grow, so an id above the highest one recorded when the
        store opened is new and needs no look-up: only redeliveries after a restart do.
        """
        if self._newest_update is None:
            row = await self._fetchone("SELECT MAX(update_id) FROM processed_updates")
            self._newest_update = int(row[0]) if row and row[0] is not None else -1
        if update_id > self._newest_update:
            return False
        row = await self._fetchone(
            "SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)
        )
        return row is not None

    async def forget_old_updates(self, before: datetime) -> int:
        """Drop update ids older than ``before`` (Telegram redelivers within hours, not weeks)."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "DELETE FROM processed_updates WHERE processed_at < ?", (to_db(before),)
            )
            return cursor.rowcount

    async def schema_version(self) -> int:
        """The number of the last migration applied."""
        row = await self._fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def integrity_ok(self) -> bool:
        """SQLite's own integrity check of the whole file."""
        row = await self._fetchone("PRAGMA integrity_check")
        return row is not None and row[0] == "ok"
