"""A new install with no administrator is set up in the chat: the first admin by a setup code."""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import Config
from bot.sandbox.scenario import Sandbox
from tests.conftest import query


def _no_admins(config: Config) -> Config:
    return dataclasses.replace(config, roles=dataclasses.replace(config.roles, admins=()))


def _printed_code(caplog: pytest.LogCaptureFixture) -> str:
    found = re.findall(r"/setup ([A-Z0-9]{4}(?: [A-Z0-9]{4}){3})", caplog.text)
    assert found, "no setup code in the log"
    return found[-1]


async def test_the_first_admin_is_made_by_the_printed_code_once(
    config: Config, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with Sandbox(_no_admins(config), db_path) as sandbox:
        code = _printed_code(caplog)
        assert code.replace(" ", "") not in str(query(db_path, "SELECT * FROM invites"))
        clerk, other = sandbox.person("Clerk", 900_001), sandbox.person("Other", 900_002)
        await clerk.send(f"/setup {code}")  # before /start: asked to start, code not used
        assert "/start" in clerk.last.text
        await clerk.join("cy")
        await clerk.send("/gosod")  # the Welsh alias, with no code: how to use it
        assert "/gosod" in clerk.last.text and "K7Q9" in clerk.last.text
        await clerk.send(f"/gosod {code.lower()}")  # case and spaces do not matter
        assert "gweinyddwr" in clerk.last.text
        menu = [c for c in sandbox.api.sent("setMyCommands") if c.params.get("scope")]
        assert "gwahodd" in str(menu[-1].params["commands"])  # /invite now in their menu
        await clerk.send("/help")
        assert "gweinyddwr" in clerk.last.text.lower()
        await other.join()
        await other.send(f"/setup {code}")
        assert "already has an administrator" in other.last.text
    admins = query(db_path, "SELECT person_id FROM grants WHERE role = 'admin'")
    assert len(admins) == 1
    caplog.clear()
    async with Sandbox(_no_admins(config), db_path):
        assert "/setup" not in caplog.text  # set up: no new code at the next start


async def test_wrong_codes_are_counted_and_slow_everyone_down(
    config: Config, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with Sandbox(_no_admins(config), db_path) as sandbox:
        code = _printed_code(caplog)
        guesser = sandbox.person("Guesser", 900_003)
        await guesser.join()
        for attempt in range(5):
            await guesser.send(f"/setup AAAA BBBB CCCC DDD{attempt + 2}")
            assert "not the setup code" in guesser.last.text
        await guesser.send(f"/setup {code}")  # even the right code waits now
        assert "Please wait 60 minutes" in guesser.last.text
        sandbox.clock.advance(timedelta(minutes=61))
        await guesser.send(f"/setup {code}")
        assert "administrator" in guesser.last.text and "wait" not in guesser.last.text
    assert not query(db_path, "SELECT * FROM setup_attempts WHERE attempted_at LIKE '%9000%'")


async def test_an_expired_code_is_refused_and_a_restart_makes_a_new_one(
    config: Config, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with Sandbox(_no_admins(config), db_path) as sandbox:
        old = _printed_code(caplog)
        clerk = sandbox.person("Clerk", 900_004)
        await clerk.join()
        sandbox.clock.advance(timedelta(hours=25))
        await clerk.send(f"/setup {old}")
        assert "expired" in clerk.last.text
        caplog.clear()
        await sandbox.restart()
        new = _printed_code(caplog)
        assert new != old
        await clerk.send(f"/setup {old}")  # the old one is gone
        assert "not the setup code" in clerk.last.text
        await clerk.send(f"/setup {new}")
        assert "You are now this bot's administrator" in clerk.last.text


async def test_a_setup_code_is_not_an_invite_code(
    config: Config, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The setup code only works through /setup, which counts wrong tries."""
    caplog.set_level(logging.WARNING)
    async with Sandbox(_no_admins(config), db_path) as sandbox:
        code = _printed_code(caplog)
        person = sandbox.person("Sly", 900_005)
        await person.send(f"/start {code.replace(' ', '')}")
        assert not query(db_path, "SELECT * FROM grants")


async def test_help_offers_the_clerks_guide_to_admins_in_their_language(sandbox: Sandbox) -> None:
    """Issue 20: the guides are linked from /help for the roles they are written for."""
    clerk = sandbox.person("Alaw", user_id=1001, language_code="cy")
    await clerk.join("cy")
    await clerk.send("/cymorth")
    await clerk.press("📘 Canllaw'r clerc")
    [sent] = sandbox.api.sent("sendDocument", clerk.id)
    name, content = sent.files["document"]
    assert name == "canllaw-clerc.md" and "canllaw i glerc y cyngor" in content.decode()
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/help")
    assert not any("guide" in label for label in ben.last.labels)
    await ben.press_data(ben.last, "guide:admin")  # forged: not an admin
    assert sandbox.api.sent("sendDocument", ben.id) == []
