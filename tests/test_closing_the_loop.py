"""Closing the loop (issue 13): the council's promise to answer, officers' replies, supporters
who follow, and the overdue list and notice — end to end with the controllable clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.config import Config
from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query
from tests.test_proposals import OFFICER_ID, propose

TRANSPORT_CONVENOR = 2003  # config.example.toml
BUS = "More buses in the evening\nThe last bus to Llanelli leaves at 18:10, which is too early."


async def _cast(sandbox: Sandbox) -> tuple[SimPerson, SimPerson, SimPerson, SimPerson]:
    ben, cai = sandbox.person("Ben"), sandbox.person("Cai", language_code="cy")
    officer = sandbox.person("Olwen", user_id=OFFICER_ID)
    convenor = sandbox.person("Dai", user_id=TRANSPORT_CONVENOR, language_code="cy")
    await ben.join("en", forums=("Transport",))
    await cai.join("cy", forums=("Trafnidiaeth",))
    await officer.join("en")
    await convenor.join("cy")
    return ben, cai, officer, convenor


def _at(sandbox: Sandbox, local: str) -> None:
    sandbox.clock.set(datetime.fromisoformat(local))


async def test_the_author_is_told_when_an_answer_is_due(sandbox: Sandbox) -> None:
    ben, cai, _, _ = await _cast(sandbox)  # the sandbox's clock: Monday 23 November 2026
    await propose(ben, "Transport", BUS)
    assert "promised a first answer by Monday, 21 December 2026" in ben.last.text
    await ben.send("/mine")
    assert "an answer is promised by 21 Dec 2026" in ben.last.text
    await propose(cai, "Trafnidiaeth", "Mwy o fysiau gyda'r nos, os gwelwch yn dda", "cy")
    assert "Dydd Llun, 21 Rhagfyr 2026" in cai.last.text


async def test_overdue_is_noticed_once_and_a_reply_answers_it(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben, _, officer, convenor = await _cast(sandbox)
    await propose(ben, "Transport", BUS)

    def overdue_notices(person: SimPerson) -> list[str]:
        return [m.text for m in person.messages() if "⏰" in m.text]

    for moment in ("2026-12-21T23:59:00+00:00", "2026-12-22T08:59:00+00:00"):
        _at(sandbox, moment)  # on the due day, and overdue but before the working day
        await sandbox.run_job("tick")
        assert overdue_notices(officer) == overdue_notices(convenor) == []
    _at(sandbox, "2026-12-22T09:01:00+00:00")
    await sandbox.run_job("tick")
    [to_officer], [to_convenor] = overdue_notices(officer), overdue_notices(convenor)
    assert "P-0001 has had no answer within the council's promise (4 weeks)" in to_officer
    assert "P-0001" in to_convenor and "4 wythnos" in to_convenor
    await sandbox.restart()
    _at(sandbox, "2026-12-23T10:00:00+00:00")
    await sandbox.run_job("tick")  # never twice, restart or not
    notices = query(db_path, "SELECT person_id FROM outbox WHERE kind = 'overdue'")
    assert len(notices) == 2
    await officer.send("/overdue")
    assert "P-0001" in officer.last.text and "Transport" in officer.last.text
    await officer.press("💬 Reply to P-0001")
    await officer.send("Thank you — we have asked the bus company and will tell you by Friday.")
    assert "Its author will receive it." in officer.last.text
    assert "The council replied about your proposal P-0001" in ben.last.text
    assert "bus company" in ben.last.text
    await officer.send("/overdue")
    assert "Every proposal has had an answer within 4 weeks" in officer.last.text
    row = query(db_path, "SELECT first_answer_at FROM proposals WHERE id = 1")[0]
    assert row["first_answer_at"] is not None
    assert len(query(db_path, "SELECT * FROM responses")) == 1


async def test_supporters_follow_what_they_support_and_can_stop(sandbox: Sandbox) -> None:
    ben, cai, officer, _ = await _cast(sandbox)
    await propose(ben, "Transport", BUS)
    await cai.send("/proposals")
    await cai.press("Trafnidiaeth")
    await cai.press("Cefnogi P-0001")
    await officer.send("/status P-0001 consideration We are costing a later bus.")
    assert "gefnogi" in cai.last.text and "P-0001" in cai.last.text  # in Welsh, as a follower
    assert "costing a later bus" in cai.last.text
    assert "News about your proposal P-0001" in ben.last.text
    cai_before = len(cai.messages())
    await cai.press("🔕")
    assert "P-0001" in cai.last.text
    await officer.send("/respond P-0001 The bus company has agreed to a trial in March.")
    assert "trial in March" in ben.last.text
    assert len(cai.messages()) == cai_before + 1  # only the "you will no longer hear" answer


async def test_respond_and_overdue_refuse_politely(sandbox: Sandbox) -> None:
    ben, _, officer, _ = await _cast(sandbox)
    await propose(ben, "Transport", BUS)
    await ben.send("/respond P-0001 I am not an officer")
    assert "only council officers" in ben.last.text
    await ben.send("/overdue")
    assert "only council officers" in ben.last.text
    await officer.send("/respond")
    assert "Write /respond" in officer.last.text
    await officer.send("/respond P-0099 Hello")
    assert "There is no proposal P-0099" in officer.last.text
    await officer.send("/respond P-0001")  # no words yet: they come next
    assert "Write your reply to the author of P-0001" in officer.last.text
    long = "word " * 300
    await officer.send(long)
    assert "Nothing was sent" in officer.messages()[-2].text and officer.last.text == long.strip()
    await officer.send("A short reply after all.")
    assert "A short reply after all." in ben.last.text


def _asked(person: SimPerson) -> list[str]:
    return [m.text for m in person.messages() if m.text.startswith("🔁")]


async def test_four_weeks_after_a_decision_the_author_is_asked_once(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben, cai, officer, _ = await _cast(sandbox)
    await propose(ben, "Transport", BUS)
    _at(sandbox, "2026-11-23T22:30:00+00:00")  # decided late in the evening
    await officer.send("/status P-0001 adopted The council will fund a later bus from April.")
    _at(sandbox, "2026-12-21T22:31:00+00:00")  # four weeks on: inside the quiet hours
    await sandbox.run_job("tick")
    assert _asked(ben) == []
    _at(sandbox, "2026-12-22T08:01:00+00:00")
    await sandbox.run_job("tick")
    [asked] = _asked(ben)
    assert "Did you get a clear answer?" in asked and "Did anything happen?" in asked
    await ben.press("① Yes")
    assert ben.last_notice == "Thank you — noted."
    await ben.press("① Partly")  # changed, not added
    await ben.press("② No")
    assert "① ✓ Partly" in ben.last.labels and "② ✓ No" in ben.last.labels
    await cai.press_data(ben.last, "fu:1:clear:no")  # forged: not their proposal
    assert cai.last_notice is not None and cai.last_notice.startswith("Mae'r botwm")  # stale
    await ben.press("✍️ Add a comment")
    await ben.send("Nothing has changed at the bus stop yet.")
    assert "Your comment has been passed on" in ben.last.text
    row = query(db_path, "SELECT clear, happened, comment, side FROM follow_ups")[0]
    assert (row["clear"], row["happened"], row["side"]) == ("partly", "no", "adult")
    assert row["comment"] == "Nothing has changed at the bus stop yet."
    await officer.send("/status P-0001 delivered The later bus runs from today.")
    _at(sandbox, "2027-02-01T10:00:00+00:00")
    await sandbox.run_job("tick")
    assert len(_asked(ben)) == 1  # asked once per proposal, whatever happens next


async def test_a_reversed_decision_is_not_followed_up(sandbox: Sandbox) -> None:
    ben, _, officer, _ = await _cast(sandbox)
    await propose(ben, "Transport", BUS)
    await officer.send("/status P-0001 declined There is no budget this year.")
    await officer.send("/status P-0001 consideration A grant may cover it after all.")
    _at(sandbox, "2026-12-22T10:00:00+00:00")
    await sandbox.run_job("tick")
    assert _asked(ben) == []


async def test_decisions_show_what_the_council_did_page_by_page(sandbox: Sandbox) -> None:
    ben, cai, officer, _ = await _cast(sandbox)
    await cai.send("/penderfyniadau")
    assert "Dim penderfyniadau" in cai.last.text or "eto" in cai.last.text
    for n in range(1, 8):
        await propose(ben, "Transport", f"Idea number {n} for the buses in Burry Port")
    for n in range(1, 8):
        await officer.send(f"/status P-{n:04d} consideration Looking at number {n}.")
    await officer.send("/respond P-0003 The bus company will reply by Friday.")
    await cai.send("/penderfyniadau")
    first = cai.last
    assert "tudalen 1/2" in first.text
    assert "P-0003" in first.text and "The bus company will reply by Friday." in first.text
    await cai.press("Hŷn ▶️")
    assert "P-0001" in cai.last.text
    await cai.press_data(cai.last, "dc:99")  # a page that no longer exists: the first
    assert "P-0003" in cai.last.text


async def test_the_monthly_round_up_goes_to_the_forum_group_once(
    sandbox: Sandbox, config: Config
) -> None:
    from tests.test_prompts import GROUP, with_groups

    ben, _, officer, _ = await _cast(sandbox)
    await with_groups(sandbox, config)  # Environment has a group topic
    await propose(ben, "Environment", "Recycling bins on the beach at Burry Port, please")
    await officer.send("/status P-0001 adopted Two bins go in before Easter.")
    for moment in ("2026-12-01T09:59:00+00:00", "2026-12-01T10:00:00+00:00",
                   "2026-12-02T10:00:00+00:00"):  # fmt: skip
        _at(sandbox, moment)
        await sandbox.run_job("tick")
    posts = [c for c in sandbox.api.sent("sendMessage", chat_id=GROUP) if "🗳" in str(c.params)]
    assert len(posts) == 1
    text = str(posts[0].params["text"])
    assert text.index("Tachwedd 2026") < text.index("November 2026")  # Welsh first
    assert "P-0001" in text and "Two bins go in before Easter." in text
