"""Indicators the forum chooses (issue 14), end to end: members suggest and back questions on a
1–5 scale, a convenor adopts the most backed with a well-being goal, check-ins carry them (each
person asked at most once a month), one tap answers, and the digest shows the mean, spread and
answers by side with a 12-week trend — in English and Welsh; bad input refused politely."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query
from tests.test_prompts import CONVENOR, new_checkin

SAFE = "How safe do you feel walking home after dark?"
CLEAN = "How clean is the beach when you visit it?"
OFFICER = 1002


async def _forum(sandbox: Sandbox) -> tuple[SimPerson, list[SimPerson], list[SimPerson]]:
    """The Environment convenor; six adults (one in Welsh) and five young people."""
    sandbox.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))  # a Monday
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    adults, young = [], []
    for index in range(6):
        welsh = index == 0
        person = sandbox.person(f"Adult{index}", language_code="cy" if welsh else "en")
        forum = "Amgylchedd" if welsh else "Environment"
        await person.join("cy" if welsh else "en", "45–64", (forum,))
        adults.append(person)
    for index in range(5):
        person = sandbox.person(f"Young{index}")
        await person.join("en", "16–17", ("Environment",))
        young.append(person)
    return convenor, adults, young


async def _suggest(person: SimPerson, words: str) -> None:
    await person.send("/indicators")
    await person.press("💡 Suggest one for Environment")
    await person.send(words)


async def test_an_indicator_from_suggestion_to_a_trend_in_the_digest(
    sandbox: Sandbox, db_path: Path
) -> None:
    convenor, adults, young = await _forum(sandbox)
    welsh = adults[0]
    await _suggest(adults[1], SAFE)
    assert "Members of the forum can now back it" in adults[1].last.text
    await _suggest(adults[2], CLEAN)
    await _suggest(adults[3], "how safe do you feel walking home after dark")
    assert "already has that indicator" in adults[3].last.text
    await _suggest(young[0], "Is there enough for young people to do here?")
    assert "A youth worker will look at it" in young[0].last.text
    for person in (*adults[2:5], young[1]):
        await person.send("/indicators")
        await person.press("👍 Back: How safe do you feel")
    await welsh.send("/dangosyddion")
    assert "cefnogwyr: 4" in welsh.last.text  # the Welsh list, with the backing counted
    assert "Is there enough" not in adults[4].last.text  # waiting: its convenors only
    await convenor.send("/indicators")
    assert "waiting for approval" in convenor.last.text
    await convenor.press("📏 Adopt")  # the most backed is listed first
    await convenor.press("A Wales of cohesive communities")
    assert convenor.last_notice == "Done."
    assert "asked with check-ins; A Wales of cohesive communities" in convenor.last.text
    await new_checkin(convenor, "Wednesday", "18:30", "Every week")
    youth_convenor = sandbox.person("Rhys", user_id=2101)
    await youth_convenor.join("en")
    await new_checkin(youth_convenor, "Wednesday", "18:30", "Every week")  # the youth side's
    sandbox.clock.set(datetime(2026, 11, 25, 18, 30, tzinfo=UTC))
    await sandbox.run_job("checkin:1")
    await sandbox.run_job("checkin:2")
    for person in (*adults, *young):
        assert SAFE in person.last.text, person.name  # rides along with the check-in
    assert "Un tap ar gyfer fforwm Amgylchedd" in welsh.last.text
    for value, person in zip((4, 4, 3, 5, 2, 4), adults, strict=True):
        await person.press(str(value))
    for value, person in zip((2, 2, 3, 1, 2), young, strict=True):
        await person.press(str(value))
    await adults[5].press("✓ 4")  # the same again: still one answer
    await adults[5].press("3")  # changed
    assert adults[5].last_notice == "Thank you — noted. Tap another number to change it."
    answers = query(db_path, "SELECT COUNT(*) AS n FROM indicator_asks WHERE value IS NOT NULL")
    assert answers[0]["n"] == 11
    officer = sandbox.person("Olwen", user_id=OFFICER)
    await officer.join("en")
    sandbox.clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    await sandbox.run_job("digest")
    digest = "\n".join(m.text for m in officer.messages())
    assert "Indicators the forums chose" in digest
    assert SAFE in digest and "(A Wales of cohesive communities)" in digest
    assert "Adults: 3.5 from 6 answers (1: 0 · 2: 1 · 3: 2 · 4: 2 · 5: 1)" in digest
    assert "Young people: 2 from 5 answers (1: 1 · 2: 3 · 3: 1 · 4: 0 · 5: 0)" in digest
    assert (
        "Last 12 weeks (· too few answers): ···········▄" in digest
    )  # one week of answers so far
    sent = sandbox.api.sent("sendDocument", chat_id=OFFICER)
    [report] = [c.files["document"][1] for c in sent if c.files["document"][0].endswith("html")]
    assert SAFE in report.decode()
    sandbox.clock.set(datetime(2026, 12, 2, 18, 30, tzinfo=UTC))
    await sandbox.run_job("checkin:1")  # a week later: not asked again within the month
    await sandbox.run_job("checkin:2")
    asks = query(db_path, "SELECT COUNT(*) AS n FROM indicator_asks")
    assert asks[0]["n"] == 11


async def test_bad_input_and_limits(sandbox: Sandbox, db_path: Path) -> None:
    convenor, adults, _ = await _forum(sandbox)
    await _suggest(adults[1], "Safe?")
    assert "too short to be a question" in adults[1].last.text
    await adults[1].send("How good is it? " * 12)
    assert "longer than an indicator's question" in adults[1].messages()[-2].text
    await adults[1].send("How good is https://example.com?")
    assert "cannot contain a link" in adults[1].last.text
    await adults[1].send("/cancel")
    for words in (SAFE, CLEAN, "How easy is it to recycle at home?", "How green is your street?"):
        await _suggest(adults[1], words)
    await convenor.send("/indicators")
    for _ in range(3):
        await convenor.press("📏 Adopt")
        await convenor.press("A resilient Wales")
    await convenor.press("📏 Adopt")
    await convenor.press("A resilient Wales")
    assert convenor.last_notice == "The forum already tracks 3 indicators: stop asking one first."
    await adults[2].press_data(adults[2].last, "ia:1:4")  # never asked: forged
    assert adults[2].last_notice == "That question is no longer asked."
    await adults[2].press_data(adults[2].last, "ia:1:9")  # out of range
    await adults[2].press_data(adults[2].last, "id:1:retire")  # not a convenor
    assert adults[2].last_notice == "Sorry, only forum convenors can do that."
    await convenor.press_data(convenor.last, "id:g:4:not_a_goal")
    assert query(db_path, "SELECT COUNT(*) AS n FROM indicator_asks")[0]["n"] == 0
    states = [r["state"] for r in query(db_path, "SELECT state FROM indicators ORDER BY id")]
    assert states == ["adopted", "adopted", "adopted", "suggested"]


async def test_forgetting_keeps_the_answers(sandbox: Sandbox, db_path: Path) -> None:
    convenor, adults, _ = await _forum(sandbox)
    await _suggest(adults[1], SAFE)
    await convenor.send("/indicators")
    await convenor.press("📏 Adopt")
    await convenor.press("A healthier Wales")
    await new_checkin(convenor, "Wednesday", "18:30", "Every week")
    sandbox.clock.set(datetime(2026, 11, 25, 18, 30, tzinfo=UTC))
    await sandbox.run_job("checkin:1")
    await adults[1].press("4")
    await adults[1].send("/forget")
    await adults[1].press("Delete my data")
    rows = query(db_path, "SELECT person_id, side, value FROM indicator_asks WHERE value > 0")
    assert [tuple(r) for r in rows] == [(None, "adult", 4)]
