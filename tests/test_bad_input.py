"""Bad input: a short polite answer in the person's language, or silence where it is noise."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.sandbox.fake_bot_api import Fault
from bot.sandbox.scenario import Sandbox
from tests.conftest import query


async def test_unknown_command_in_each_language(sandbox: Sandbox) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy")
    await alys.send("/hedfan now")
    assert "dydw i ddim yn adnabod y gorchymyn /hedfan" in alys.last.text
    ben = sandbox.person("Ben")
    await ben.send("/fly")  # not joined yet: language from Telegram
    assert "I don't know the command /fly" in ben.last.text


async def test_free_text_where_a_button_was_expected(sandbox: Sandbox) -> None:
    ben = sandbox.person("Ben")
    await ben.send("/start")
    await ben.press("English")
    await ben.send("I am 40")  # before consent: both languages, Welsh first, a button to start
    assert ben.last.text.startswith("Helo!") and "Press the button below" in ben.last.text
    assert "start=join" in str(ben.last.buttons)
    await ben.join("en")
    await ben.send("hello there")  # a greeting is returned, with the main actions as buttons
    assert "Hello, Ben!" in ben.last.text
    assert ben.last.labels == [
        "✏️ Send an idea",
        "📋 Browse proposals",
        "🗂 My proposals",
        "❓ Help",
    ]


async def test_stale_and_forged_buttons_change_nothing(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/forums")
    picker = ben.last
    for forged in (
        "fm:join:atlantis",
        "fm:explode:transport",
        "ob:lang:fr",
        "zz:1",
        "lang:set:de",
        "x",
    ):
        await ben.press_data(picker, forged)
        assert ben.last_notice == "That button is out of date. Please start again."
    assert query(db_path, "SELECT * FROM memberships") == []


async def test_button_from_someone_who_never_started(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/forums")
    _, data = ben.find_button("Transport")
    stranger = sandbox.person("Eve")
    await stranger.send("/help")
    await stranger.press_data(stranger.last, data)  # the button, in her own chat
    assert stranger.last_notice == "Please send /start first to choose your language and join."
    assert query(db_path, "SELECT * FROM memberships") == []


async def test_private_command_in_a_group_points_to_a_private_chat(sandbox: Sandbox) -> None:
    group = sandbox.group(-100123, "Fforwm Amgylchedd")
    alys = sandbox.person("Alys", language_code="cy")
    shown = await alys.send("/start", group=group)
    assert len(shown) == 1 and shown[0].chat_id == group.chat_id
    assert "sgwrs breifat" in shown[0].text
    # A command meant for another bot, and chatter, get no reply at all.
    assert await alys.send("/start@other_bot", group=group) == []
    assert await alys.send("/unknown", group=group) == []
    assert await alys.send("bore da bawb", group=group) == []
    # An unknown command addressed to us does get an answer.
    [answer] = await alys.send("/hedfan@cydlais_bot", group=group)
    assert "/hedfan" in answer.text


async def test_edited_message_is_noted_in_private_and_ignored_in_groups(sandbox: Sandbox) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    [note] = await ben.edit(1, "/forums")  # an edited command is not run again
    assert "edited a message" in note.text
    group = sandbox.group(-100200)
    assert await ben.edit(5, "fixed typo", group=group) == []


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("sticker", "dim ond negeseuon testun"),
        ("photo", "Mae llun yn mynd gyda chynnig"),  # tests/test_photos.py has the rest
        ("voice", "negeseuon llais"),
        ("location", "Disgrifiwch y lle mewn geiriau"),
    ],
)
async def test_non_text_messages_in_private(sandbox: Sandbox, kind: str, said: str) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy")
    [reply] = await alys.send_other(kind)
    assert said in reply.text


async def test_user_text_is_escaped_when_echoed(sandbox: Sandbox) -> None:
    mallory = sandbox.person("<b>Mal</b> & co", language_code="en")
    await mallory.join("en")
    await mallory.send("/start")
    assert "Welcome back, <b>Mal</b> & co!" in mallory.last.text
    await mallory.send("/<i>")
    assert mallory.last.text.startswith("Welcome back") or "/" in mallory.last.text


async def test_a_failure_is_logged_with_the_update_and_apologised_for(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    sandbox.api.fail(Fault("sendMessage", 500, "Internal Server Error", chat_id=ben.id))
    with caplog.at_level(logging.ERROR):
        await ben.send("/help")
    assert "Error while handling update" in caplog.text
    assert "Sorry, something went wrong on our side" in ben.last.text
    assert len(sandbox.errors) == 1
    sandbox.errors.clear()  # expected here; the fixture fails any test with unexpected errors
