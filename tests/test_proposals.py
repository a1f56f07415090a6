"""Proposals end to end: propose, support, officer status, the author hears (cy and en)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import Config
from bot.domain.proposals import Order
from bot.sandbox.fake_bot_api import Fault
from bot.sandbox.scenario import Sandbox, SimPerson
from bot.store.proposals import page_query
from tests.conftest import query

OFFICER_ID = 1002  # an officer in config.example.toml
CONVENOR_ID = 2001  # convenes Environment (adult side)

BUS = "More buses in the evening\nThe last bus to Llanelli leaves at 18:10, which is too early."
LLWYBR = "Llwybr beicio i'r ysgol\nByddai llwybr diogel ar hyd yr arfordir yn helpu plant."


async def propose(person: SimPerson, forum: str, text: str, language: str = "en") -> None:
    """Go through the private flow (no community) and press Send."""
    await person.send("/propose")
    await person.press(forum)
    await person.send(text)
    await person.press("Yr ardal gyfan" if language == "cy" else "The whole area")
    await person.press("Anfon" if language == "cy" else "Send")


async def test_whole_loop_english_author_welsh_supporter(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en", forums=("Transport",))
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy", forums=("Trafnidiaeth",))
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    await officer.join("en")

    await ben.send("/propose")
    assert ben.last.labels[0] == "Transport"  # his own forums first
    await ben.press("Transport")
    assert "Write your proposal for Transport" in ben.last
    await ben.send(BUS)
    await ben.press("Burry Port")
    assert "More buses in the evening" in ben.last and "Burry Port" in ben.last
    assert query(db_path, "SELECT * FROM proposals") == []  # not before Send
    await ben.press("Send")
    assert "Your proposal is P-0001 in Transport" in ben.last
    [row] = query(db_path, "SELECT * FROM proposals")
    assert (row["title"], row["forum_id"], row["side"], row["language"], row["community_id"]) == (
        "More buses in the evening", "transport", "adult", "en", "burry_port",
    )  # fmt: skip

    await alys.send("/cynigion")
    await alys.press("Trafnidiaeth")
    assert "P-0001" in alys.last and "dim cefnogwyr" in alys.last
    await alys.press("Cefnogi P-0001")
    assert alys.last_notice == "Diolch am gefnogi P-0001."
    assert "1 cefnogwr" in alys.last and "Rydych chi'n cefnogi hwn" in alys.last

    await officer.send("/status P-0001")
    await officer.press("Adopted")
    await officer.send("We will ask the bus company for a 21:00 service.")
    assert "P-0001 is now adopted into the Community Strategy" in officer.last
    news = ben.last
    assert "News about your proposal P-0001" in news
    assert "adopted into the Community Strategy" in news
    assert "“We will ask the bus company for a 21:00 service.”" in news
    history = query(db_path, "SELECT from_status, to_status, note, changed_by FROM status_history")
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        (None, "open"), ("open", "adopted"),
    ]  # fmt: skip
    assert history[1]["note"] == "We will ask the bus company for a 21:00 service."


async def test_whole_loop_welsh_author_hears_in_welsh(sandbox: Sandbox, db_path: Path) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy", forums=("Amgylchedd",))
    ben = sandbox.person("Ben")
    await ben.join("en")
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    await officer.join("en")

    await alys.send("/cynnig")
    await alys.press("Amgylchedd")
    assert "Ysgrifennwch eich cynnig ar gyfer Amgylchedd" in alys.last
    await alys.send(LLWYBR)
    await alys.press("Pen-bre")
    await alys.press("Anfon")
    assert "P-0001 yw eich cynnig yn fforwm Amgylchedd" in alys.last

    await ben.send("/proposals")
    await ben.press("Environment")
    assert "Llwybr beicio i'r ysgol" in ben.last  # proposals keep their own language
    await ben.press("Support P-0001")

    await officer.send("/status P-0001 delivered The path opened on 1 December.")
    news = alys.last
    assert "Newyddion am eich cynnig P-0001" in news
    assert "Ei statws nawr yw: wedi'i gyflawni." in news
    assert "Nodyn gan y cyngor: “The path opened on 1 December.”" in news


@pytest.mark.parametrize(
    ("supporters", "expected"),
    [(0, "dim cefnogwyr"), (1, "1 cefnogwr"), (2, "2 gefnogwr"), (3, "3 chefnogwr"),
     (6, "6 chefnogwr"), (7, "7 cefnogwr")],
)  # fmt: skip
async def test_welsh_plural_forms_of_the_support_count(
    sandbox: Sandbox, supporters: int, expected: str
) -> None:
    alys = sandbox.person("Alys", language_code="cy")
    await alys.join("cy")
    await propose(alys, "Amgylchedd", LLWYBR, "cy")
    for n in range(supporters):
        fan = sandbox.person(f"Fan{n}")
        await fan.join("en")
        await fan.send("/proposals")
        await fan.press("Environment")
        await fan.press("Support P-0001")
    await alys.send("/fy_nghynigion")
    assert expected in alys.last.text


async def test_text_limits_explain_and_keep_the_text(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/propose")
    await ben.press("Transport")
    await ben.send("Buses!")
    assert "That is 6 characters; a proposal needs at least 10" in ben.last
    long_text = "Bus " * 600
    await ben.send(long_text)
    explanation, verbatim = ben.messages()[-2:]
    assert "the limit is 2,000" in explanation.text and "2,399 characters" in explanation.text
    assert verbatim.html == long_text.strip()  # sent back as plain text, nothing lost
    [state] = query(db_path, "SELECT data FROM conversations")
    assert long_text.strip() in state["data"]
    await ben.send("   \n  ")
    await ben.send(BUS)  # now fine: the flow carries on
    await ben.press("The whole area")
    await ben.press("Send")
    assert "P-0001" in ben.last


async def test_user_text_is_escaped_everywhere_it_is_echoed(sandbox: Sandbox) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    nasty = "<b>Fix</b> the & <script>alert(1)</script> road\n<i>now</i> & <a href='x'>later</a>"
    await propose(ben, "Transport", nasty)
    await ben.send("/mine")
    assert "<b>Fix</b> the & <script>" in ben.last.text
    assert "&lt;script&gt;" in ben.last.html
    await ben.send("/proposals")
    await ben.press("Transport")
    assert "<i>now</i> & <a href='x'>later</a>" in ben.last.text


async def test_daily_limit_and_duplicates(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    await propose(ben, "Transport", BUS.upper() + "  ")  # same words again
    assert "You already sent this proposal: it is P-0001" in ben.last
    for n in range(4):
        await propose(ben, "Health and Wellbeing", f"Idea number {n} for a healthier town")
    assert len(query(db_path, "SELECT * FROM proposals")) == 5
    await propose(ben, "Safety", "Better street lighting on Station Road")
    assert "You have sent 5 proposals today, which is the daily limit" in ben.last
    assert len(query(db_path, "SELECT * FROM proposals")) == 5
    sandbox.clock.advance(timedelta(days=1))
    await ben.press("Send")  # the kept draft goes through tomorrow
    assert "P-0006" in ben.last


async def test_support_rules_and_stale_buttons(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    await ben.send("/proposals")
    await ben.press("Transport")
    assert not any("Support" in label for label in ben.last.labels)  # not on his own
    await ben.press_data(ben.last, "ps:+:1:transport:n:0")  # forged: supporting his own
    assert (
        ben.last_notice
        == "P-0001 is your own proposal: you can't support it, but you can share it!"
    )

    cai = sandbox.person("Cai")
    await cai.join("en")
    await cai.send("/proposals")
    await cai.press("Transport")
    old_page, data = cai.find_button("Support P-0001")
    await cai.press_data(old_page, data)
    await cai.press_data(old_page, data)  # double tap on the same old button
    assert cai.last_notice == "You already support P-0001."
    assert query(db_path, "SELECT support_count FROM proposals")[0][0] == 1

    await ben.send("/mine")
    await ben.press("Withdraw P-0001")
    await ben.press("Yes, withdraw it")
    assert ben.last_notice == "P-0001 has been withdrawn."
    await cai.press_data(old_page, data.replace("ps:+", "ps:-"))
    await cai.press_data(old_page, data)  # supporting a withdrawn proposal
    assert cai.last_notice == "That button is out of date. Please start again." or "no longer" in (
        cai.last_notice or ""
    )
    assert len(query(db_path, "SELECT * FROM supports")) == 0


async def test_forged_withdraw_of_someone_elses_proposal(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    eve = sandbox.person("Eve")
    await eve.join("en")
    await eve.send("/mine")
    await eve.press_data(eve.last, "pm:y:1")
    assert eve.last_notice == "You can only withdraw your own proposals."
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "open"


async def test_concurrent_supports_count_exactly(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    fans = [sandbox.person(f"Fan{n}") for n in range(12)]
    for fan in fans:
        await fan.join("en")
        await fan.send("/proposals")
        await fan.press("Transport")
    presses = [
        fan.press_data(*fan.find_button("Support P-0001")) for fan in fans for _ in range(2)
    ]
    await asyncio.gather(*presses)
    assert query(db_path, "SELECT support_count FROM proposals")[0][0] == 12
    assert query(db_path, "SELECT COUNT(*) FROM supports")[0][0] == 12


async def test_non_officer_cannot_set_status(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    await ben.send("/status P-0001 adopted yes please")
    assert "only council officers" in ben.last.text
    await ben.press_data(ben.last, "st:1:open:adopted")  # a forged officer button
    assert ben.last_notice == "Sorry, only council officers can change a proposal's status."
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "open"


async def test_illegal_transitions_and_required_reason(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    await officer.join("en")
    await officer.send("/status P-0001 declined")
    assert "A reason is needed" in officer.last
    await officer.send("The bus company will not run later services.")
    assert "P-0001 is now not taken forward" in officer.last
    await officer.send("/status P-0001 delivered")
    assert "P-0001 is not taken forward, so it can't become delivered." in officer.last
    await officer.send("/status P-0099")
    assert "There is no proposal P-0099." in officer.last
    await officer.send("/status banana")
    assert "Write /status followed by" in officer.last
    statuses = [r["to_status"] for r in query(db_path, "SELECT to_status FROM status_history")]
    assert statuses == ["open", "not_taken_forward"]


async def test_stale_status_button_after_another_officer_acted(sandbox: Sandbox) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    await officer.join("en")
    await officer.send("/status P-0001")
    choices, adopted = officer.find_button("Adopted")
    await officer.send("/status P-0001 consideration Looking at costs")
    await officer.press_data(choices, adopted)
    await officer.send("Adopted after all")
    assert "P-0001 changed meanwhile: it is now under consideration" in officer.last


async def test_status_without_a_note_and_buttons_already_in_chats(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    await officer.join("en")
    await officer.send("/status P-0001")
    await officer.press("Under consideration")
    await officer.press("Send without a note")
    assert "P-0001 is now under consideration. Its author will be told" in officer.last
    assert "under consideration" in ben.last.text
    # The data of buttons sent by earlier versions, still in officers' chats, still works.
    await officer.send("/status P-0001")
    await officer.press_data(officer.last, "st:1:under_consideration:adopted")
    await officer.press_data(officer.last, "st:nonote")
    statuses = [r["to_status"] for r in query(db_path, "SELECT to_status FROM status_history")]
    assert statuses == ["open", "under_consideration", "adopted"]


async def test_a_note_for_a_flow_an_older_version_kept_changes_nothing(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    await officer.join("en")
    await officer.send("/status P-0001")
    await officer.press("Adopted")
    await sandbox.stop()
    with sqlite3.connect(db_path) as connection:  # the state as versions before issue 12 kept it
        old = {"proposal": 1, "from": "open", "to": "adopted"}
        connection.execute("UPDATE conversations SET data = ?", (json.dumps(old),))
    await sandbox.start()
    await officer.send("The council will fund this in April.")
    assert "no longer know which proposal that note was for" in officer.last.text
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "open"
    assert query(db_path, "SELECT * FROM conversations") == []
    await officer.send("/status P-0001 adopted The council will fund this in April.")
    assert "P-0001 is now adopted into the Community Strategy" in officer.last


async def test_meeting_input_by_a_convenor(sandbox: Sandbox, db_path: Path) -> None:
    convenor = sandbox.person("Gwen", user_id=CONVENOR_ID, language_code="cy")
    await convenor.join("cy")
    await convenor.send("/cyfarfod")
    assert convenor.last.labels == ["Amgylchedd"]
    await convenor.press("Amgylchedd")
    await convenor.send("Glanhau'r traeth bob mis\nCododd y syniad yn y cyfarfod ym mis Tachwedd.")
    await convenor.press("Yr ardal gyfan")
    await convenor.press("Anfon")
    assert "Wedi'i gofnodi fel cynnig o gyfarfod: P-0001" in convenor.last
    [row] = query(db_path, "SELECT meeting_input, forum_id, side FROM proposals")
    assert tuple(row) == (1, "environment", "adult")
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/meeting")
    assert "only forum convenors" in ben.last.text


async def test_proposal_in_a_forum_group(sandbox: Sandbox, config: Config, db_path: Path) -> None:
    group_id = -1001234
    forums = tuple(
        dataclasses.replace(f, chat_id=group_id, topic_id=7) if f.id == "transport" else f
        for f in config.forums
    )
    await sandbox.stop()
    sandbox.config = dataclasses.replace(config, forums=forums, database_path=db_path)
    await sandbox.start()
    group = sandbox.group(group_id, "Fforwm Trafnidiaeth")
    ben = sandbox.person("Ben")
    [answer] = await ben.send(f"/propose {BUS}", group=group, thread_id=7)
    assert "please join first" in answer.text
    await ben.join("en")
    shown = await ben.send(f"/propose {BUS}", group=group, thread_id=7)
    [answer] = [m for m in shown if m.chat_id == group_id]  # the same for everyone (issue 18)
    assert "I have sent you a private message" in answer.text and "P-0001" not in answer.text
    assert "Proposal P-0001 is now in Transport" in ben.last.text  # privately
    [invite] = await ben.send("/propose", group=group, thread_id=7)
    await ben.send("Safer crossing by the school\nNear the gates.", group=group, reply_to=invite)
    assert "P-0002" in ben.last.text
    assert await ben.send(f"/propose {BUS}", group=group, thread_id=99) != []  # other topic
    assert len(query(db_path, "SELECT * FROM proposals")) == 2


async def test_a_long_group_proposal_comes_back_in_its_topic(
    sandbox: Sandbox, config: Config
) -> None:
    """The words of an over-long proposal are given back where they were written: in the
    forum's topic, beside the explanation (not in the group's general chat)."""
    group_id = -1001234
    forums = tuple(
        dataclasses.replace(f, chat_id=group_id, topic_id=7) if f.id == "transport" else f
        for f in config.forums
    )
    await sandbox.stop()
    sandbox.config = dataclasses.replace(sandbox.config, forums=forums)
    await sandbox.start()
    group = sandbox.group(group_id, "Fforwm Trafnidiaeth")
    ben = sandbox.person("Ben")
    await ben.join("en")
    long_text = "Bus " * 600
    shown = await ben.send(f"/propose {long_text}", group=group, thread_id=7)
    explanation, verbatim = shown
    assert "the limit is 2,000" in explanation.text and verbatim.html == long_text.strip()
    assert (explanation.thread_id, verbatim.thread_id) == (7, 7)


async def test_buttons_already_in_chats_still_work(sandbox: Sandbox, db_path: Path) -> None:
    """The writing flow's buttons carry the same data as before they were typed, so buttons
    an older version put in people's chats still do what they say."""
    ben = sandbox.person("Ben")
    await ben.join("en")
    await ben.send("/propose")
    await ben.press_data(ben.last, "pp:f:transport")
    await ben.send(BUS)
    await ben.press_data(ben.last, "pp:c:burry_port")
    await ben.press_data(ben.last, "pp:edit")
    assert "Write your proposal for Transport" in ben.last
    await ben.send(BUS)  # the community chosen is kept: straight to the preview
    await ben.press_data(ben.last, "pp:send")
    assert "Your proposal is P-0001 in Transport" in ben.last
    [row] = query(db_path, "SELECT forum_id, community_id FROM proposals")
    assert tuple(row) == ("transport", "burry_port")
    await ben.send("/propose")
    await ben.press_data(ben.last, "pp:stop")
    assert "Cancelled. Nothing was sent." in ben.last


async def test_notification_to_someone_who_blocked_the_bot(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    await officer.join("en")
    sandbox.api.blocked.add(ben.id)
    await officer.send("/status P-0001 adopted Thanks")
    assert "P-0001 is now adopted" in officer.last
    assert query(db_path, "SELECT active FROM people WHERE telegram_id = ?", (ben.id,))[0][0] == 0
    [item] = query(db_path, "SELECT sent_at, failed_at FROM outbox WHERE kind = 'status_change'")
    assert item["sent_at"] is None and item["failed_at"] is not None


async def test_notification_survives_a_telegram_outage(sandbox: Sandbox, db_path: Path) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", BUS)
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    await officer.join("en")
    sandbox.api.fail(Fault("sendMessage", 502, "Bad Gateway", chat_id=ben.id, times=1))
    await officer.send("/status P-0001 consideration Looking at costs")
    assert query(db_path, "SELECT sent_at FROM outbox")[0][0] is None  # kept for later
    await sandbox.restart()
    sandbox.clock.advance(timedelta(minutes=5))
    await sandbox.run_job("tick")
    assert "under consideration" in ben.last.text
    assert query(db_path, "SELECT sent_at FROM outbox")[0][0] is not None


@pytest.mark.parametrize("order", list(Order))
async def test_pages_are_read_from_an_index_not_sorted(
    sandbox: Sandbox, db_path: Path, order: Order
) -> None:
    """A page must not sort the whole forum: the partial indexes must match VISIBLE exactly."""
    ben = sandbox.person("Ben")
    await ben.join("en", forums=("Transport",))
    await propose(ben, "Transport", BUS)
    plan = query(db_path, "EXPLAIN QUERY PLAN " + page_query(order), (1, "transport", 5, 0))
    steps = " / ".join(row["detail"] for row in plan)
    assert "proposals_page_" in steps and "TEMP B-TREE" not in steps, steps


async def test_page_count_follows_new_and_withdrawn_proposals(sandbox: Sandbox) -> None:
    """The number of pages is remembered between pages, and must change with the forum."""
    ben, cai = sandbox.person("Ben"), sandbox.person("Cai")
    await ben.join("en")
    await cai.join("en")
    for n in range(5):
        await propose(ben if n < 3 else cai, "Transport", f"Transport idea number {n}")
    await cai.send("/proposals")
    await cai.press("Transport")
    assert "Page 1 of 1" in cai.last
    await propose(cai, "Transport", "Transport idea number 5")
    await cai.send("/proposals")
    await cai.press("Transport")
    assert "Page 1 of 2" in cai.last
    await ben.send("/mine")
    await ben.press("Withdraw P-0001")
    await ben.press("Yes, withdraw it")
    await cai.send("/proposals")
    await cai.press("Transport")
    assert "Page 1 of 1" in cai.last


async def test_browsing_buttons_from_older_versions_still_work(
    sandbox: Sandbox, db_path: Path
) -> None:
    """Browsing moved onto typed buttons (issue 12); the data older versions put in people's
    chats ("pl:…", "ps:…", "pm:…") still works."""
    ben, cai = sandbox.person("Ben"), sandbox.person("Cai")
    await ben.join("en", forums=("Transport",))
    await cai.join("en", forums=("Transport",))
    await propose(ben, "Transport", "Later buses\nThe last bus leaves too early.")
    await cai.send("/help")
    await cai.press_data(cai.last, "pl:transport:s:0")
    assert "P-0001" in cai.last.text
    await cai.press_data(cai.last, "ps:+:1:transport:n:0")
    assert cai.last_notice == "Thank you for supporting P-0001."
    await cai.press_data(cai.last, "ps:+:1:transport:n:0")
    assert cai.last_notice == "You already support P-0001."
    assert query(db_path, "SELECT support_count FROM proposals")[0][0] == 1
    await ben.send("/mine")
    await ben.press_data(ben.last, "pm:w:1")
    assert "Withdraw <b>P-0001</b>" in ben.last.html
    await ben.press_data(ben.last, "pm:y:1")
    assert ben.last_notice == "P-0001 has been withdrawn."
    await cai.press_data(cai.last, "pm:y:1")
    assert cai.last_notice == "You can only withdraw your own proposals."
