"""Residents' words are never lost (issue 18, findings A, B and 15).

Written as an older resident new to Telegram would use the bot: typing what a button says
instead of tapping it, typing "ok", answering a prompt by just typing (or by Telegram's own
swipe-reply) instead of pressing Reply, and the bot restarting in between. Both languages.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import Config
from bot.domain.choices import match_choice
from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import ThreadedSandbox, query
from tests.test_prompts import (
    CONVENOR,
    TEXTS,
    members,
    new_checkin,
    send_prompt,
    with_groups,
)

BUS = "More buses in the evening\nThe last bus to Llanelli leaves at 18:10, which is too early."
LLWYBR = "Llwybr beicio i'r ysgol\nByddai llwybr diogel ar hyd yr arfordir yn helpu plant."


def draft(db_path: Path) -> dict[str, object]:
    """The person's kept draft, as it is stored (so a restart would find it)."""
    [row] = query(db_path, "SELECT data FROM conversations")
    data: dict[str, object] = json.loads(row["data"])
    return data


def proposals(db_path: Path) -> list[tuple[str, str, str | None]]:
    return [
        (r["title"], r["detail"], r["community_id"])
        for r in query(db_path, "SELECT title, detail, community_id FROM proposals ORDER BY id")
    ]


async def write(person: SimPerson, command: str, forum: str, text: str) -> None:
    """Start a proposal, tap the forum, write the text: the bot now asks for the community."""
    await person.send(command)
    await person.press(forum)
    await person.send(text)


# ---- A: typing at a step that expects a button ---------------------------------------------


async def test_typing_burry_port_at_the_community_step_picks_it(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await write(ben, "/propose", "Transport", BUS)
    assert "Which community is it about?" in ben.last
    await ben.send("Burry Port")
    preview = ben.last
    assert "More buses in the evening" in preview and "Burry Port" in preview
    assert "Send" in " ".join(preview.labels)
    assert draft(db_path)["text"] == BUS
    await ben.press("Send")
    assert "Your proposal is P-0001 in Transport" in ben.last
    assert proposals(db_path) == [
        ("More buses in the evening", BUS.split("\n", 1)[1], "burry_port")
    ]


async def test_typing_the_community_in_welsh_or_the_whole_area(
    sandbox: Sandbox, db_path: Path
) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy")
    await write(alys, "/cynnig", "Trafnidiaeth", LLWYBR)
    assert "Pa gymuned" in alys.last
    await alys.send("porth tywyn")  # lower case, in Welsh
    assert "Llwybr beicio i'r ysgol" in alys.last and "Porth Tywyn" in alys.last
    await alys.send("anfon")  # typed, not tapped
    assert "P-0001 yw eich cynnig" in alys.last
    await write(alys, "/cynnig", "Amgylchedd", "Mwy o finiau ar y traeth\nYn enwedig yn yr haf.")
    await alys.send("Yr ardal gyfan")
    assert "Mwy o finiau ar y traeth" in alys.last
    await alys.send("Ie")
    assert "P-0002 yw eich cynnig" in alys.last
    ben = sandbox.person("Ben")
    await ben.join("en")
    await write(ben, "/propose", "Health and Wellbeing", "A bench by the surgery door")
    await ben.send("the whole area please")
    await ben.send("yes")
    assert "P-0003" in ben.last
    assert [c for _, _, c in proposals(db_path)] == ["burry_port", None, None]
    assert [t for t, _, _ in proposals(db_path)] == [
        "Llwybr beicio i'r ysgol", "Mwy o finiau ar y traeth", "A bench by the surgery door",
    ]  # fmt: skip


async def test_ok_at_the_community_step_and_at_the_preview_keeps_the_draft(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await write(ben, "/propose", "Transport", BUS)
    await ben.send("ok")
    again = ben.last
    assert "tap one of the buttons" in again.text
    assert "characters" not in again.text  # not taken as a (too short) proposal
    assert {"Burry Port", "Pembrey", "The whole area"} <= set(again.labels)
    assert draft(db_path)["text"] == BUS
    await ben.press("Pembrey")
    assert "More buses in the evening" in ben.last
    await ben.send("ok")
    assert "has not been sent or changed" in ben.last.text
    assert any("Send" in label for label in ben.last.labels)  # the buttons, shown again
    await ben.send("Thank you very much for your help")  # not a button, not a new text
    assert draft(db_path)["text"] == BUS
    assert proposals(db_path) == []
    await ben.press("Send")
    assert "P-0001" in ben.last
    await ben.send("/mine")
    assert "P-0001 · More buses in the evening" in ben.last.text
    assert "· ok" not in ben.last.text


async def test_ok_in_welsh_keeps_the_draft_too(sandbox: Sandbox, db_path: Path) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy")
    await write(alys, "/cynnig", "Trafnidiaeth", LLWYBR)
    await alys.send("iawn")
    assert "Porth Tywyn" in alys.last.labels
    assert draft(db_path)["text"] == LLWYBR
    await alys.send("Pen-bre")
    await alys.send("iawn")
    assert any("Anfon" in label for label in alys.last.labels)
    assert draft(db_path)["text"] == LLWYBR and proposals(db_path) == []


async def test_changing_the_text_only_after_change_the_text(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await write(ben, "/propose", "Transport", BUS)
    await ben.press("The whole area")
    await ben.send("More buses on Sundays as well please")  # at the preview: kept, not taken
    assert draft(db_path)["text"] == BUS
    await ben.press("Change the text")
    await ben.send("ok")  # too short: the old draft is not thrown away for it
    assert "a proposal needs at least 10" in ben.last.text
    assert draft(db_path)["text"] == BUS
    await ben.send("More buses on Sundays as well please")
    assert "More buses on Sundays" in ben.last
    await ben.send("send")
    assert proposals(db_path) == [("More buses on Sundays as well please", "", None)]


async def test_typing_a_forum_name_picks_the_forum(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/propose")
    await ben.send("transport")
    assert "Write your proposal for Transport" in ben.last
    await ben.send(BUS)
    await ben.press("The whole area")
    await ben.press("Send")
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy")
    await alys.send("/cynnig")
    await alys.send("Mwy o finiau ar y traeth os gwelwch yn dda")  # the proposal, straight away
    assert draft(db_path).get("forum") is None  # no forum chosen yet
    assert "Amgylchedd" in alys.last.labels  # asked again for the forum, with the buttons
    await alys.send("Amgylchedd")
    await alys.send("Yr ardal gyfan")
    assert "Mwy o finiau ar y traeth" in alys.last  # her words were kept
    await alys.send("Anfon")
    rows = query(db_path, "SELECT forum_id, title FROM proposals ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("transport", "More buses in the evening"),
        ("environment", "Mwy o finiau ar y traeth os gwelwch yn dda"),
    ]


async def test_every_rule_is_checked_again_at_send(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await write(ben, "/propose", "Transport", BUS)
    await ben.press("The whole area")
    # A draft saved by an older version of the bot, whose text had been replaced by "ok".
    await sandbox.stop()
    with sqlite3.connect(db_path) as connection:
        state = draft(db_path) | {"text": "ok"}
        connection.execute("UPDATE conversations SET data = ?", (json.dumps(state),))
    await sandbox.start()
    await ben.press("Send")
    assert "a proposal needs at least 10" in " ".join(m.text for m in ben.messages()[-2:])
    assert proposals(db_path) == []
    await ben.send("yes")  # the bot now waits for a new text, and "yes" is too short for one
    assert proposals(db_path) == []


async def test_a_stored_flow_that_no_longer_reads_is_forgotten(
    sandbox: Sandbox, db_path: Path
) -> None:
    """A damaged draft (or one whose shape no version wrote) is no flow: the text is answered
    as any stray text is, and the next /propose starts afresh."""
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/propose")
    await sandbox.stop()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE conversations SET data = ?", (json.dumps({"step": 7}),))
    await sandbox.start()
    await ben.send(BUS)  # answered as stray text: it looks like an idea, so it is offered
    assert "That sounds like an idea" in ben.last
    assert "step" in query(db_path, "SELECT data FROM conversations")[0]["data"]  # a new draft
    assert '"step": 7' not in query(db_path, "SELECT data FROM conversations")[0]["data"]
    await write(ben, "/propose", "Transport", BUS)
    await ben.press("The whole area")
    await ben.press("Send")
    assert [t for t, _, _ in proposals(db_path)] == ["More buses in the evening"]


async def test_typed_send_respects_the_daily_limit(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    for n in range(5):
        await write(ben, "/propose", "Health and Wellbeing", f"Idea number {n} for our town")
        await ben.press("The whole area")
        await ben.send("send")
    await write(ben, "/propose", "Safety", "Better street lighting on Station Road")
    await ben.send("whole area")
    await ben.send("yes")
    assert "daily limit" in ben.last.text
    assert len(proposals(db_path)) == 5
    sandbox.clock.advance(timedelta(days=1))
    await ben.send("send")
    assert "P-0006" in ben.last


async def test_group_propose_keeps_the_private_draft(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    await with_groups(sandbox, config)  # Environment has a group topic
    ben = sandbox.person("Ben")
    await ben.join("en", forums=("Environment",))
    await write(ben, "/propose", "Transport", BUS)
    await ben.press("Burry Port")
    group = sandbox.group(-100500)
    await ben.send("/propose Beach cleaning every month", group=group, thread_id=3)
    assert draft(db_path)["text"] == BUS
    await ben.press("Send")
    assert [t for t, _, _ in proposals(db_path)] == [
        "Beach cleaning every month", "More buses in the evening",
    ]  # fmt: skip


# ---- B: typed answers to prompts --------------------------------------------------------


async def test_typing_straight_after_a_prompt_asks_once_then_keeps_it(
    sandbox: Sandbox, db_path: Path
) -> None:
    [ben] = await members(sandbox, ("Ben", "en", "65 or over"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)
    assert "Press Reply to answer" in ben.last
    await ben.send("The path by the canal is very muddy.")
    ask = ben.last
    assert "Send this as your answer to “Tell us about the footpaths" in ask.text
    assert "The path by the canal is very muddy." in ask.text
    assert ask.labels == ["✅ Yes, send it", "No, don't send it"]
    assert query(db_path, "SELECT * FROM answers") == []
    await ben.press("Yes, send it")
    assert "Thank you! Your answer has gone to the convenors of Environment." in ben.last.text
    rows = query(db_path, "SELECT text, language FROM answers")
    assert [tuple(r) for r in rows] == [("The path by the canal is very muddy.", "en")]
    assert query(db_path, "SELECT * FROM conversations") == []
    await ben.send("And the stile at the top is broken.")  # answered now: not asked again
    assert "Send this as your answer" not in ben.last.text


async def test_a_restart_between_the_typed_answer_and_the_tap_loses_nothing(
    sandbox: Sandbox, db_path: Path
) -> None:
    [alys] = await members(sandbox, ("Alys", "cy", "45–64"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)
    assert "Pwyswch Ateb" in alys.last
    await alys.send("Mae'r llwybr ger y gamlas yn fwdlyd iawn.")
    assert "Dywedwch wrthym am y llwybrau" in alys.last.text
    await sandbox.restart()
    await alys.press("Ie, ei anfon")
    assert "Diolch! Mae eich ateb wedi mynd at gynullwyr Amgylchedd." in alys.last.text
    rows = query(db_path, "SELECT text, language FROM answers")
    assert [tuple(r) for r in rows] == [("Mae'r llwybr ger y gamlas yn fwdlyd iawn.", "cy")]


async def test_typed_yes_confirms_and_more_words_are_added(
    sandbox: Sandbox, db_path: Path
) -> None:
    [alys] = await members(sandbox, ("Alys", "cy", "45–64"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)
    await alys.send("Mae'r llwybr yn fwdlyd.")
    await alys.send("Ac mae'r gamfa wedi torri.")  # a second message: both are kept
    assert "Ac mae'r gamfa wedi torri." in alys.last.text
    await sandbox.restart()
    await alys.send("ie")
    [row] = query(db_path, "SELECT text FROM answers")
    assert row["text"] == "Mae'r llwybr yn fwdlyd.\n\nAc mae'r gamfa wedi torri."


async def test_no_means_nothing_is_sent(sandbox: Sandbox, db_path: Path) -> None:
    [ben] = await members(sandbox, ("Ben", "en", "45–64"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)
    await ben.send("Where do I find the minutes of the meeting?")
    await ben.press("No, don't send it")
    assert "I have not sent it" in ben.last.text
    assert query(db_path, "SELECT * FROM answers") == []
    assert query(db_path, "SELECT * FROM conversations") == []


async def test_swipe_reply_to_the_prompt_is_the_answer(sandbox: Sandbox, db_path: Path) -> None:
    ben, alys = await members(sandbox, ("Ben", "en", "65 or over"), ("Alys", "cy", "45–64"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)
    prompt = ben.last
    await ben.send("More benches along the coast path, please.", reply_to=prompt)
    assert "Thank you! Your answer has gone to the convenors of Environment." in ben.last.text
    await alys.send("Mwy o feinciau ar y llwybr.", reply_to=alys.last)
    assert "Diolch! Mae eich ateb wedi mynd" in alys.last.text
    rows = query(db_path, "SELECT text, language FROM answers ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("More benches along the coast path, please.", "en"),
        ("Mwy o feinciau ar y llwybr.", "cy"),
    ]


async def test_swipe_reply_while_writing_a_proposal_keeps_the_proposal(
    sandbox: Sandbox, db_path: Path
) -> None:
    [ben] = await members(sandbox, ("Ben", "en", "65 or over"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)
    prompt = ben.last
    await write(ben, "/propose", "Transport", BUS)
    await ben.send("The coast path floods at high tide.", reply_to=prompt)
    assert "Your answer has gone" in ben.last.text
    assert draft(db_path)["text"] == BUS and draft(db_path)["step"] == "community"
    await ben.send("Burry Port")
    await ben.send("Send")
    assert [t for t, _, _ in proposals(db_path)] == ["More buses in the evening"]
    assert len(query(db_path, "SELECT * FROM answers")) == 1


async def test_with_two_open_prompts_they_choose_which(sandbox: Sandbox, db_path: Path) -> None:
    [ben] = await members(sandbox, ("Ben", "en", "65 or over"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)
    await send_prompt(convenor, "Environment", {"en": "What would make the park safer at night?"})
    await ben.send("Lights by the gate.")
    ask = ben.last
    assert "Which question" in ask.text
    assert ask.labels[:2] == [
        "What would make the park safer at night?", "Tell us about the footpaths where you live.",
    ]  # fmt: skip
    await ben.send("yes")  # which one? it cannot say: the choice is asked again, text kept
    assert "Which question" in ben.last.text
    await sandbox.restart()
    await ben.press("What would make the park safer at night?")
    [row] = query(db_path, "SELECT prompt_id, text FROM answers")
    assert tuple(row) == (2, "Lights by the gate.")


async def test_swipe_reply_to_a_checkin_reminder_is_the_answer(
    sandbox: Sandbox, db_path: Path
) -> None:
    [cai] = await members(sandbox, ("Cai", "en", "65 or over"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    sandbox.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    await new_checkin(convenor, "Tuesday", "12:00", "Every week")
    sandbox.clock.set(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    await sandbox.run_job("checkin:1")
    sandbox.clock.set(datetime(2026, 11, 26, 12, 0, 30, tzinfo=UTC))
    await sandbox.run_job("tick")
    reminder = cai.last
    assert "reminder" in reminder.text.lower()
    await cai.send("A quiet week. The bins were late again.", reply_to=reminder)
    assert "Your answer has gone" in cai.last.text
    [row] = query(db_path, "SELECT prompt_id, text FROM answers")
    assert tuple(row) == (1, "A quiet week. The bins were late again.")


async def test_words_beyond_the_answer_limit_are_given_back(
    sandbox: Sandbox, db_path: Path
) -> None:
    [ben] = await members(sandbox, ("Ben", "en", "45–64"))
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await send_prompt(convenor, "Environment", TEXTS)
    first = "The canal path floods. " * 40  # 920 characters
    await ben.send(first)
    second = "And the stile is broken. " * 50  # 1,250 more: too many together
    await ben.send(second)
    given_back, ask = ben.messages()[-3], ben.messages()[-1]
    assert "An answer can be up to 2,000 characters" in given_back.text
    assert ben.messages()[-2].html == second.strip()  # their words, verbatim
    assert "Send this as your answer" in ask.text
    await ben.press("Yes, send it")
    [row] = query(db_path, "SELECT text FROM answers")
    assert row["text"] == first.strip()


async def test_stray_text_without_an_open_prompt_is_not_an_answer(sandbox: Sandbox) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("Hello, is anyone there?")
    assert "What would you like to do?" in ben.last.text
    await ben.send("Burry Port")
    assert "I'm not sure what to do with that" in ben.last.text


# ---- matching typed words to buttons, for any text ---------------------------------------


CHOICES = {
    "burry_port": ("Burry Port", "Porth Tywyn"),
    "pembrey": ("Pembrey", "Pen-bre"),
    "pwll": ("Pwll", "Pwll"),
    "-": ("The whole area", "Yr ardal gyfan"),
}


@given(st.text(max_size=200))
def test_matching_never_fails_and_only_names_a_choice(typed: str) -> None:
    assert match_choice(typed, CHOICES) in (None, *CHOICES)


@given(st.sampled_from([label for labels in CHOICES.values() for label in labels]), st.data())
def test_a_label_typed_in_any_case_picks_its_choice(label: str, data: st.DataObject) -> None:
    typed = data.draw(st.sampled_from([label, label.lower(), label.upper(), f" {label}! "]))
    assert match_choice(typed, CHOICES) == next(k for k, v in CHOICES.items() if label in v)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    step=st.sampled_from(["community", "preview"]),
    typed=st.one_of(
        st.text(min_size=1, max_size=300),
        st.sampled_from(["ok", "Burry Port", "send", "ie", "no", "cancel", "Change the text"]),
    ).filter(lambda s: s.strip() and not s.startswith("/")),
)
def test_nothing_typed_at_a_button_step_replaces_the_draft(
    threaded_sandbox: ThreadedSandbox, db_path: Path, step: str, typed: str
) -> None:
    ben = threaded_sandbox.joined_person("Ben", 611)
    threaded_sandbox.sandbox.clock.advance(timedelta(minutes=1))  # below the flood limit
    run = threaded_sandbox.run
    run(write(ben, "/propose", "Transport", BUS))
    if step == "preview":
        run(ben.press("The whole area"))
    run(ben.send(typed))
    titles = [r["title"] for r in query(db_path, "SELECT title FROM proposals")]
    assert set(titles) <= {"More buses in the evening"}
    for row in query(db_path, "SELECT data FROM conversations"):
        kept = json.loads(row["data"])
        assert kept["text"] == BUS
        assert kept["step"] in ("community", "preview", "text")
