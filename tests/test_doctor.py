"""`cydlais doctor` against the fake Bot API: a healthy setup, and each problem it finds."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.config import Config, example_config_path
from bot.domain.people import Side
from bot.i18n import I18n
from bot.sandbox.fake_bot_api import FakeBotApi, FakeGroup, FakeRequest, Fault
from bot.sandbox.http_api import FakeBotApiServer
from bot.store import Store
from bot.store.migrations import MIGRATIONS
from bot.telegram.doctor import examine, report

TOKEN = "123456:DOCTOR"
ADULTS, YOUTH = -1001000000001, -1001000000002


def _linked(config: Config, tmp_path: Path) -> Config:
    """The example council with Transport linked: adults to a group, youth to a topic."""
    forums = tuple(
        dataclasses.replace(f, chat_id=ADULTS, youth_chat_id=YOUTH, youth_topic_id=7)
        if f.id == "transport" else f
        for f in config.forums
    )  # fmt: skip
    return dataclasses.replace(config, forums=forums, database_path=tmp_path / "doctor.db")


def _healthy_api() -> FakeBotApi:
    api = FakeBotApi()
    api.groups[ADULTS] = FakeGroup("Trafnidiaeth / Transport")
    api.groups[YOUTH] = FakeGroup("Fforwm Ieuenctid", is_forum=True, topics={7})
    return api


def _restrict(group: FakeGroup) -> None:
    group.bot_status, group.can_send_messages = "restricted", False


async def _check(config: Config, api: FakeBotApi, language: str = "en") -> tuple[str, int]:
    t = I18n(config.council.timezone)(language)
    return report(await examine(config, TOKEN, t, request=FakeRequest(api)))


async def test_a_healthy_setup_is_all_ticks(config: Config, tmp_path: Path) -> None:
    text, status = await _check(_linked(config, tmp_path), _healthy_api())
    assert status == 0, text
    assert "✗" not in text
    assert "@cydlais_bot" in text and "Transport (adults): the bot can post" in text
    assert "Transport (youth): the bot can post in Fforwm Ieuenctid" in text


async def test_it_speaks_welsh_to_a_welsh_operator(config: Config, tmp_path: Path) -> None:
    text, status = await _check(_linked(config, tmp_path), _healthy_api(), "cy")
    assert status == 0 and "Trafnidiaeth" in text and "Transport (adults)" not in text


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (lambda api: api.groups.pop(ADULTS), "Transport (adults): the bot is not in group"),
        (
            lambda api: setattr(api.groups[ADULTS], "bot_status", "left"),
            "Transport (adults): the bot may not post",
        ),
        (
            lambda api: _restrict(api.groups[ADULTS]),
            "Transport (adults): the bot may not post",
        ),
        (lambda api: setattr(api.groups[YOUTH], "topics", set()), "topic 7 is not in group"),
        (lambda api: setattr(api.groups[YOUTH], "is_forum", False), "has no topics"),
        (
            lambda api: api.fail(Fault("getMe", 401, "Unauthorized")),
            "Telegram refused the bot token",
        ),
    ],
)
async def test_each_problem_is_one_line_saying_what_to_fix(
    config: Config, tmp_path: Path, break_it: object, expected: str
) -> None:
    api = _healthy_api()
    assert callable(break_it)
    break_it(api)
    text, status = await _check(_linked(config, tmp_path), api)
    assert status == 1
    problems = [line for line in text.splitlines() if line.startswith("✗")]
    assert len(problems) == 1 and expected in problems[0], text


async def test_database_problems(config: Config, tmp_path: Path) -> None:
    linked = _linked(config, tmp_path)
    with sqlite3.connect(linked.database_path) as connection:
        connection.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 2}")
    text, status = await _check(linked, _healthy_api())
    assert status == 1 and "newer than this release" in text
    nowhere = dataclasses.replace(linked, database_path=tmp_path / "no" / "such" / "x.db")
    text, status = await _check(nowhere, _healthy_api())
    assert status == 1 and "folder" in text and str(tmp_path / "no" / "such") in text


async def test_the_command_line_against_a_loopback_bot_api(tmp_path: Path) -> None:
    api = _healthy_api()
    server = FakeBotApiServer(api)
    await server.start()
    try:
        text = example_config_path().read_text(encoding="utf-8")
        text = text.replace('path = "cydlais.db"', f'path = "{tmp_path / "x.db"}"')
        text = text.replace('base_url = ""', f'base_url = "{server.base_url}"')
        config = tmp_path / "config.toml"
        config.write_text(text, encoding="utf-8")
        result = await _run_doctor(config, token=TOKEN)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "✓ Mae Telegram yn adnabod" in result.stdout or "@cydlais_bot" in result.stdout
        result = await _run_doctor(config, token=None)
        assert result.returncode == 1 and "CYDLAIS_BOT_TOKEN" in result.stdout
    finally:
        await server.stop()


async def _run_doctor(config: Path, token: str | None) -> subprocess.CompletedProcess[str]:
    import asyncio
    import os

    env = {k: v for k, v in os.environ.items() if k != "CYDLAIS_BOT_TOKEN"}
    if token:
        env["CYDLAIS_BOT_TOKEN"] = token
    command = [sys.executable, "-m", "bot", "doctor", "--config", str(config)]
    return await asyncio.to_thread(
        subprocess.run, command, capture_output=True, text=True, env=env, timeout=60, check=False
    )


async def test_groups_linked_in_the_chat_are_checked_as_the_bot_uses_them(
    config: Config, tmp_path: Path
) -> None:
    """A /link stored in the database wins over the config file: the doctor checks the linked
    group, and not one the chat unlinked."""
    linked = _linked(config, tmp_path)
    store = await Store.open(
        linked.database_path, ManualClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    )
    admin = await store.people.create(1001, "Alaw", "en", "45_64")
    await store.group_links.link("health", Side.ADULT, -1001000000003, None, admin)
    await store.group_links.unlink("transport", Side.ADULT, admin)
    await store.close()
    api = _healthy_api()
    api.groups[-1001000000003] = FakeGroup("Iechyd / Health")
    text, status = await _check(linked, api)
    assert status == 0, text
    assert "Health and Wellbeing (adults): the bot can post in Iechyd / Health" in text
    assert "Transport (adults)" not in text  # unlinked in the chat


async def test_a_forum_added_in_the_chat_has_its_group_checked(
    config: Config, tmp_path: Path
) -> None:
    """Forums added with /settings are the bot's forums too: their linked groups are checked."""
    from bot.config import PlaceSetting

    linked = _linked(config, tmp_path)
    store = await Store.open(
        linked.database_path, ManualClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    )
    admin = await store.people.create(1001, "Alaw", "en", "45_64")
    arts = PlaceSetting("arts", "Celfyddydau", "Arts", False)
    await store.settings.save_place("forum", arts, admin, "add_forum", "Celfyddydau / Arts")
    await store.group_links.link("arts", Side.ADULT, -1001000000009, None, admin)
    await store.close()
    text, status = await _check(linked, _healthy_api())
    assert status != 0 and "Arts (adults)" in text  # the bot is not in that group yet
