"""Unexpected errors reach people who can act: besides the log and the apology, a short report
goes to the error chat named in the config, at most once per kind of error an hour."""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import Config
from bot.render import limits
from bot.sandbox.fake_bot_api import Fault, visible_text
from bot.sandbox.scenario import Sandbox, SimPerson

ERROR_CHAT = -1009990001


@pytest.fixture
async def reporting(config: Config, db_path: Path) -> AsyncIterator[Sandbox]:
    """The bot with ``[telegram] error_chat_id`` set."""
    telegram = dataclasses.replace(config.telegram, error_chat_id=ERROR_CHAT)
    async with Sandbox(dataclasses.replace(config, telegram=telegram), db_path) as running:
        yield running


def reports(sandbox: Sandbox) -> list[str]:
    """What the error chat has been sent, as its members read it."""
    return [
        visible_text(call.params["text"], call.params.get("parse_mode"))
        for call in sandbox.api.sent("sendMessage", chat_id=ERROR_CHAT)
    ]


async def fail_once(sandbox: Sandbox, person: SimPerson, status: int, description: str) -> int:
    """The bot's next message to ``person`` is refused by Telegram, which the handler does not
    expect: /help raises. Returns the update's id."""
    sandbox.api.fail(Fault("sendMessage", status, description, chat_id=person.id))
    await person.send("/help")
    assert "Sorry, something went wrong on our side" in person.last.text
    return int(sandbox.last_update["update_id"])


async def test_a_handler_error_is_reported_once_an_hour(
    reporting: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    ben = reporting.person("Ben")
    await ben.join("en")
    with caplog.at_level(logging.ERROR):
        first = await fail_once(reporting, ben, 500, "Internal Server Error")
    assert f"Error while handling update {first}" in caplog.text
    [report] = reports(reporting)
    assert f"Gwall wrth drin diweddariad {first} (message)" in report
    assert "telegram.error.NetworkError: Internal Server Error" in report
    assert "lle: bot/telegram/replies.py:" in report  # the place in our code that met it
    assert 'File "telegram/request/_baserequest.py"' in report  # the last frames

    reporting.clock.advance(timedelta(minutes=59))
    await fail_once(reporting, ben, 500, "Internal Server Error")
    assert len(reports(reporting)) == 1  # the same kind within the hour: not again

    reporting.clock.advance(timedelta(minutes=1))
    third = await fail_once(reporting, ben, 500, "Internal Server Error")
    assert len(reports(reporting)) == 2  # an hour on: reported again
    assert f"Gwall wrth drin diweddariad {third} (message)" in reports(reporting)[-1]
    assert len(reporting.errors) == 3
    reporting.errors.clear()  # expected here; the fixture fails a test with unexpected errors


async def test_each_kind_of_error_is_reported_escaped_and_within_one_message(
    reporting: Sandbox,
) -> None:
    ben = reporting.person("Ben")
    await ben.join("en")
    await fail_once(reporting, ben, 500, "Internal Server Error")
    # Another kind within the hour (another type of error), with a message that is long and
    # full of HTML: the fake Bot API refuses text Telegram would not parse or that is too long.
    description = "Bad Request: <b>&amp; " + "very long " * 700 + "</b>"
    await fail_once(reporting, ben, 400, description)
    first, second = reports(reporting)
    assert "telegram.error.BadRequest: <b>&amp; very long" in second
    assert limits.units(second) <= limits.MESSAGE_LIMIT
    assert "NetworkError" in first and "NetworkError" not in second
    reporting.errors.clear()


# PTB warns that the sandbox's application is not "running" (it is driven by hand): the error
# task it creates is awaited all the same.
@pytest.mark.filterwarnings("ignore:Tasks created via `Application.create_task`")
async def test_a_job_error_is_reported(reporting: Sandbox, db_path: Path) -> None:
    """A broken database: the outbox table is gone, so the minute's tick fails."""
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("DROP TABLE outbox")
    connection.close()
    await reporting.run_job("tick")
    [report] = reports(reporting)
    assert "Gwall yn y dasg tick" in report
    assert "sqlite3.OperationalError: no such table: outbox" in report
    assert "lle: bot/" in report
    assert len(reporting.errors) == 1
    reporting.errors.clear()


async def test_without_an_error_chat_the_log_and_the_apology_are_all(
    sandbox: Sandbox, config: Config
) -> None:
    assert config.telegram.error_chat_id is None
    ben = sandbox.person("Ben")
    await ben.join("en")
    before = len(sandbox.api.sent("sendMessage"))
    await fail_once(sandbox, ben, 500, "Internal Server Error")
    assert [c.params["chat_id"] for c in sandbox.api.sent("sendMessage")[before:]] == [ben.id]
    sandbox.errors.clear()


def test_tail_keeps_the_end_within_the_limit() -> None:
    frames = "\n".join(f'  File "x.py", line {n}, in f{n}' for n in range(200))
    kept = limits.tail(frames, 300)
    assert limits.units(kept) <= 300
    assert kept.startswith("…  File") and kept.endswith("in f199")
    assert limits.tail("short", 300) == "short"
    assert limits.tail("😀" * 10, 5) == "…😀😀"  # never half an emoji
