"""Fixtures: the example config and the real bot in a sandbox against a real SQLite file."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from bot.config import Config, example_config_path, load_config
from bot.sandbox.scenario import Sandbox, SimPerson

T = TypeVar("T")


@pytest.fixture(scope="session")
def config() -> Config:
    """The documented example config (forums, roles) every test starts from."""
    return load_config(example_config_path())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's database file lives."""
    return tmp_path / "cydlais.db"


@pytest.fixture
async def sandbox(config: Config, db_path: Path) -> AsyncIterator[Sandbox]:
    """The bot running against the fake Bot API; fails the test if any handler raised."""
    async with Sandbox(config, db_path) as running:
        yield running
    assert running.errors == [], f"handlers raised: {running.errors!r}"


def query(db_path: Path, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
    """Read the database file directly, as an outside observer would."""
    connection = sqlite3.connect(db_path)
    connection.row_factory = sqlite3.Row
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


class ThreadedSandbox:
    """A sandbox on its own event loop in a thread, for hypothesis tests (which are sync).

    Hypothesis runs each example as a plain function call; this lets an example drive the
    async bot with ``run(...)`` while the bot and its database stay up across examples.
    """

    def __init__(self, config: Config, database: Path) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.sandbox = Sandbox(config, database)
        self.run(self.sandbox.start())
        self._joined: dict[int, SimPerson] = {}

    def joined_person(self, name: str, user_id: int, language: str = "en") -> SimPerson:
        """A person who has been through onboarding (once, however many examples ask)."""
        if user_id not in self._joined:
            person = self.sandbox.person(name, user_id=user_id)
            self.run(person.join(language))
            self._joined[user_id] = person
        return self._joined[user_id]

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the sandbox's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=60)

    def close(self) -> None:
        """Stop the bot and the loop."""
        self.run(self.sandbox.stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


@pytest.fixture
def threaded_sandbox(config: Config, db_path: Path) -> Iterator[ThreadedSandbox]:
    """A sandbox hypothesis examples can share; fails the test if any handler raised."""
    runner = ThreadedSandbox(config, db_path)
    try:
        yield runner
    finally:
        runner.close()
    assert runner.sandbox.errors == [], f"handlers raised: {runner.sandbox.errors!r}"
