"""The database behind the store: one small seam, ``Database``, and its SQLite implementation.

Every store part talks to the database only through ``Database``: ``read`` and ``write`` run a
synchronous function of a ``Tx`` on the database's own thread, in one hop. ``write`` is one
transaction that has committed when it returns (so a caller acknowledges only what is safe)
and records the Telegram update being handled in the same transaction. A PostgreSQL backend
implements the same class (with psycopg or asyncpg, translating the ``?`` placeholders); the
parts keep their SQL to what both understand where that costs nothing (``ON CONFLICT``,
``RETURNING``, ISO-8601 UTC timestamps as text).

This module is the only one that imports aiosqlite, and the only one that uses its private
``_execute`` and ``_conn`` (pyproject bounds aiosqlite's version for that reason).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiosqlite

from bot.clock import Clock
from bot.store.base import to_db

logger = logging.getLogger(__name__)

# The Telegram update being handled, if any. Every write transaction made while handling it
# records the update id too, so the id is committed together with the update's effect: if
# Telegram delivers the update again (after a crash), the bot sees it was handled.
current_update: ContextVar[int | None] = ContextVar("current_update", default=None)
RECORD_UPDATE = """INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)
                   ON CONFLICT (update_id) DO NOTHING"""

T = TypeVar("T")
Params = Sequence[Any]


class Row(Protocol):
    """A result row: by column name (``row["id"]``) or position (``row[0]``)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Tx(Protocol):
    """What a work function may do with the database: run statements and read their rows.

    It is handed to work functions by ``Database.read``/``write`` and is valid only during
    the call; transactions are the ``Database``'s business, never the work function's.
    """

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; returns how many rows it changed."""
        ...

    def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run a statement once per parameter row; returns how many rows changed in all."""
        ...

    def one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query (or of ``… RETURNING``), if any."""
        ...

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query (or of ``… RETURNING``)."""
        ...

    def scalar(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None when there is no row."""
        ...


class Database(ABC):
    """The seam between the store and a database engine.

    Work functions are synchronous and run whole on the database's side: a round trip from
    the event loop to the database thread costs more than a small query itself, so each
    store operation makes exactly one (see docs/performance.md).
    """

    @abstractmethod
    async def read(self, work: Callable[[Tx], T]) -> T:
        """Run read-only ``work`` in one hop (several statements see the same database: no
        write of this process runs in between)."""

    @abstractmethod
    async def write(self, work: Callable[[Tx], T], record_update: bool = True) -> T:
        """Run ``work`` as one transaction, in one hop: it has committed when this returns, or
        rolled back if ``work`` raised. The update being handled (``current_update``) is
        recorded in the same transaction; ``record_update=False`` only for bookkeeping that is
        not the update's effect (noting that someone was active), which must not mark the
        update as handled."""

    @abstractmethod
    async def migrate(self, migrations: Sequence[Sequence[str]]) -> None:
        """Apply the migrations not applied yet, in order, in one transaction."""

    @abstractmethod
    async def schema_version(self) -> int:
        """The number of the last migration applied."""

    @abstractmethod
    async def integrity_ok(self) -> bool:
        """The engine's own consistency check of the whole database."""

    @abstractmethod
    async def close(self) -> None:
        """Close the connection (every write has committed by the time it returned)."""

    async def all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of one query."""
        return await self.read(lambda tx: tx.all(sql, params))

    async def one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of one query, if any."""
        return await self.read(lambda tx: tx.one(sql, params))

    async def scalar(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row of one query (None when there is no row)."""
        return await self.read(lambda tx: tx.scalar(sql, params))


class SqliteTx:
    """``Tx`` over a sqlite3 connection (rows are ``sqlite3.Row``)."""

    __slots__ = ("_connection",)

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; returns how many rows it changed."""
        return self._connection.execute(sql, params).rowcount

    def executemany(self, sql: str, rows: Iterable[Params]) -> int:
        """Run a statement once per parameter row; returns how many rows changed in all."""
        return self._connection.executemany(sql, rows).rowcount

    def one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row, if any (SQLite makes every change of a ``RETURNING`` statement on
        its first step, so reading only one row leaves nothing half-done)."""
        row: Row | None = self._connection.execute(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row."""
        return self._connection.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None."""
        row = self._connection.execute(sql, params).fetchone()
        return None if row is None else row[0]


class DatabaseUnavailableError(Exception):
    """The database cannot be used; the message says why in one line, for the operator."""


def _why_not_writable(path: Path, error: BaseException) -> str:
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        reason = f"{folder} is a file, not a folder"
    elif not folder.exists():
        reason = f"its folder {folder} does not exist and could not be created"
    elif not os.access(folder, os.W_OK):
        reason = f"the folder {folder} is not writable by this user (uid {os.getuid()})"
    elif path.exists() and not os.access(path, os.W_OK):
        reason = f"the file is not writable by this user (uid {os.getuid()})"
    else:
        reason = str(error)
    return f"cannot open the database {path}: {reason}"


class SqliteDatabase(Database):
    """SQLite in WAL mode, through one aiosqlite connection (one thread of its own).

    Every operation is a single function queued to aiosqlite's thread, which runs them one at
    a time in order: a transaction is never interleaved with another, with no lock needed.
    aiosqlite has no public call for running a function on its thread, so this uses its
    ``_execute`` and ``_conn`` (present from 0.20 to 0.22; pyproject bounds the version).
    """

    def __init__(
        self,
        connection: aiosqlite.Connection,
        clock: Clock,
        saw_update: Callable[[int], None] | None = None,
    ) -> None:
        self._connection = connection
        self._tx = SqliteTx(connection._conn)  # used only on aiosqlite's thread
        self._clock = clock
        self._saw_update = saw_update

    @classmethod
    async def open(
        cls, path: Path, clock: Clock, saw_update: Callable[[int], None] | None = None
    ) -> SqliteDatabase:
        """Open (creating if needed) the database file at ``path``.

        ``saw_update`` is told each update id once a transaction recording it has committed
        (on the event loop's thread).
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: sqlite3 opens no transactions of its own; write() does.
            connection = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise DatabaseUnavailableError(_why_not_writable(path, error)) from None
        connection.row_factory = sqlite3.Row
        try:
            for pragma in (
                "PRAGMA journal_mode=WAL",
                "PRAGMA synchronous=NORMAL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=5000",
            ):
                await connection.execute(pragma)
        except sqlite3.Error as error:
            await connection.close()
            raise DatabaseUnavailableError(_why_not_writable(path, error)) from None
        return cls(connection, clock, saw_update)

    async def read(self, work: Callable[[Tx], T]) -> T:
        """Run read-only ``work`` on the connection's thread in one hop."""
        tx = self._tx
        result: T = await self._connection._execute(work, tx)
        return result

    async def write(self, work: Callable[[Tx], T], record_update: bool = True) -> T:
        """Run ``work`` on the connection's thread as one transaction, in one hop."""
        update_id = current_update.get() if record_update else None
        now = to_db(self._clock.now())
        connection = self._connection._conn
        tx = self._tx

        def transaction() -> T:
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = work(tx)
                if update_id is not None:
                    connection.execute(RECORD_UPDATE, (update_id, now))
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
            return result

        result: T = await self._connection._execute(transaction)
        if update_id is not None and self._saw_update is not None:
            self._saw_update(update_id)
        return result

    async def migrate(self, migrations: Sequence[Sequence[str]]) -> None:
        """Apply the migrations after ``PRAGMA user_version``, all in one transaction.

        A schema newer than this version knows (the database was used by a later release, then
        the program was downgraded) is refused: running on it could write rows the newer code
        misreads, so the operator must restore a backup or upgrade again.
        """

        def work(tx: Tx) -> None:
            version = int(tx.scalar("PRAGMA user_version") or 0)
            if version > len(migrations):
                raise DatabaseUnavailableError(
                    f"the database's schema is version {version}, newer than this release "
                    f"knows ({len(migrations)}): upgrade Cydlais again, or restore a backup "
                    "taken before the upgrade"
                )
            for number, statements in enumerate(migrations[version:], start=version + 1):
                for statement in statements:
                    tx.execute(statement)
                tx.execute(f"PRAGMA user_version = {number}")
                logger.info("Applied database migration %s", number)

        await self.write(work, record_update=False)

    async def schema_version(self) -> int:
        """``PRAGMA user_version``: the number of the last migration applied."""
        return int(await self.scalar("PRAGMA user_version") or 0)

    async def integrity_ok(self) -> bool:
        """SQLite's own integrity check of the whole file."""
        return bool(await self.scalar("PRAGMA integrity_check") == "ok")

    async def close(self) -> None:
        """Close the connection and stop its thread."""
        await self._connection.close()
