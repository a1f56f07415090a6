"""No dead ends: text typed where nothing was waiting, and the main actions as buttons
(issue 19, residents), written as an older resident new to Telegram would type."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.intents import Intent, classify
from bot.sandbox.scenario import Sandbox
from tests.conftest import query

PAVEMENT = "The pavement outside the chemist on Station Road is broken"
MAIN = ["✏️ Send an idea", "📋 Browse proposals", "🗂 My proposals", "❓ Help"]


async def test_an_idea_typed_out_of_the_blue_becomes_a_proposal(
    sandbox: Sandbox, db_path: Path
) -> None:
    gwen = sandbox.person("Gwen")
    await gwen.join("en", forums=("Community Safety",))
    await gwen.send(PAVEMENT)
    assert "That sounds like an idea" in gwen.last.text
    assert "Community Safety" in gwen.last.labels
    await sandbox.restart()  # nothing is lost if the bot restarts before she chooses
    await gwen.press("Community Safety")
    await gwen.press("Burry Port")
    assert PAVEMENT in gwen.last.text  # the usual preview
    await gwen.press("Send")
    assert "P-0001" in gwen.last.text
    rows = query(db_path, "SELECT title, forum_id FROM proposals")
    assert [(r["title"], r["forum_id"]) for r in rows] == [(PAVEMENT, "safety")]


async def test_help_thanks_and_hello_are_understood_in_both_languages(sandbox: Sandbox) -> None:
    alys, ben = sandbox.person("Alys", language_code="cy"), sandbox.person("Ben")
    await alys.join("cy")
    await ben.join("en")
    await alys.send("cymorth")
    assert "/cynnig" in alys.last.text and alys.last.labels[0] == "✏️ Anfon syniad"
    await alys.send("Diolch yn fawr!")
    assert alys.last.text.startswith("Croeso!")
    await ben.send("help")
    assert "/propose" in ben.last.text and ben.last.labels == MAIN
    await ben.send("thank you 👍")
    assert ben.last.text.startswith("You're welcome!")
    await ben.send("Shwmae")
    assert ben.last.text == "Hello, Ben! What would you like to do?"
    await ben.send("ok")
    assert "I'm not sure what to do with that" in ben.last.text and ben.last.labels == MAIN


async def test_the_main_action_buttons_do_what_their_commands_do(sandbox: Sandbox) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en", forums=("Transport",))
    assert ben.last.labels == MAIN  # "You're all set!" shows the next steps as buttons
    assert "You're all set!" in ben.last.text
    for label, command in (("📋 Browse proposals", "/proposals"), ("🗂 My proposals", "/mine")):
        await ben.send(command)
        by_command = ben.last.text
        await ben.send("help")
        await ben.press(label)
        assert ben.last.text == by_command
    await ben.send("help")
    await ben.press("✏️ Send an idea")
    assert "Transport" in ben.last.labels  # the forum question, as /propose asks it
    await ben.send("/start")
    assert "Welcome back, Ben!" in ben.last.text and ben.last.labels == MAIN


async def test_a_forged_main_action_is_stale_and_strangers_are_asked_to_start(
    sandbox: Sandbox,
) -> None:
    ben, stranger = sandbox.person("Ben"), sandbox.person("Sam")
    await ben.join("en")
    await ben.send("help")
    await ben.press_data(ben.last, "home:explode")
    assert ben.last_notice == "That button is out of date. Please start again."
    await stranger.send(PAVEMENT)  # not joined: both languages, Welsh first, a start button
    assert stranger.last.text.startswith("Helo!") and "start=join" in str(stranger.last.buttons)


@given(st.text(max_size=4096))
def test_any_text_gets_an_intent(text: str) -> None:
    assert classify(text) in set(Intent)


async def test_the_privacy_notice_is_in_plain_words(sandbox: Sandbox) -> None:
    """'Your Telegram account (not your phone number)', '2 years' rather than '730 days'."""
    ben = sandbox.person("Ben")
    await ben.send("/start")
    await ben.press("English")
    await ben.press("26–44")
    assert "not your phone number" in ben.last.text
    assert "answers, 2 years" in ben.last.text and "for 3 years" in ben.last.text
    assert "730" not in ben.last.text
    alys = sandbox.person("Alys", language_code="cy")
    await alys.send("/start")
    await alys.press("Cymraeg")
    await alys.press("26–44")
    assert "atebion, 2 flynedd" in alys.last.text and "nid eich rhif ffôn" in alys.last.text


async def test_young_people_get_a_notice_they_understand_with_who_to_talk_to(
    sandbox: Sandbox,
) -> None:
    cai = sandbox.person("Cai")
    await cai.send("/start")
    await cai.press("English")
    await cai.press("16–17")
    notice = cai.last.text
    assert notice.startswith("Your privacy") and "Meic" in notice and "080880 23456" in notice
    assert "Sarah Jones, youth services" in notice  # the council's safeguarding contact
    await cai.press("I agree")
    await cai.press("Done")
    await cai.send("/privacy")
    assert cai.last.text.startswith("Your privacy")


async def test_voice_notes_photos_and_locations_get_a_kind_explanation(sandbox: Sandbox) -> None:
    ben, alys = sandbox.person("Ben"), sandbox.person("Alys", language_code="cy")
    await ben.join("en")
    await alys.join("cy")
    await ben.send_other("voice")
    assert "can't listen to voice messages" in ben.last.text and "microphone" in ben.last.text
    await ben.send_other("photo")
    assert "A photo goes with a proposal" in ben.last.text  # tests/test_photos.py
    await ben.send("/cancel")
    await ben.send_other("location")
    assert "describe the place in words" in ben.last.text
    await ben.send_other("sticker")
    assert "I can only read text messages" in ben.last.text
    await alys.send_other("voice")
    assert "negeseuon llais" in alys.last.text


def test_questions_are_not_taken_for_ideas() -> None:
    assert classify("Where do I find the minutes of the meeting?") is Intent.UNCLEAR
    assert classify("More benches in the park please") is Intent.IDEA
    assert classify("Diolch yn fawr") is Intent.THANKS and classify("cymorth") is Intent.HELP


async def test_a_young_persons_own_waiting_proposal_is_shown_to_them(sandbox: Sandbox) -> None:
    cai = sandbox.person("Cai")
    await cai.join("en", "16–17", ("Environment",))
    await cai.send("/propose")
    await cai.press("Environment")
    await cai.send("A litter pick on the beach every month")
    await cai.press("The whole area")
    await cai.press("Send")
    await cai.send("/proposals")
    await cai.press("Environment")
    assert "Yours is waiting for a youth worker" in cai.last.text
    assert "A litter pick on the beach every month" in cai.last.text
    assert "There are no proposals" not in cai.last.text


async def test_forums_say_what_belongs_in_them(sandbox: Sandbox) -> None:
    """Should a broken pavement go to Transport or Community Safety? The descriptions say."""
    gwen, alys = sandbox.person("Gwen"), sandbox.person("Alys", language_code="cy")
    await gwen.send("/start")
    await gwen.press("English")
    await gwen.press("45–64")
    await gwen.press("I agree")
    assert "Transport: Buses, trains, pavements, cycle paths and parking" in gwen.last.text
    await alys.join("cy")
    await alys.send("/cynnig")
    assert "Trafnidiaeth: Bysiau, trenau, palmentydd" in alys.last.text
