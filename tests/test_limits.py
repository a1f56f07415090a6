"""Every message built from what people wrote fits Telegram's limits, whatever they wrote.

Issue 18, findings 6 and 7: a long one-line /status note, long answers to a prompt and long
hidden proposals made messages Telegram refused ("message is too long").
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.sandbox.fake_bot_api import ApiCall
from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query

OFFICER = 1002
CONVENOR = 2001  # Environment, adult side
TRANSPORT_CONVENOR = 2003


def refused(sandbox: Sandbox) -> list[ApiCall]:
    """Calls the fake Bot API answered with an error (as Telegram would have)."""
    return [c for c in sandbox.api.calls if c.status != 200]


async def propose(person: SimPerson, forum: str, text: str) -> None:
    """The private flow, no community, Send."""
    await person.send("/propose")
    await person.press(forum)
    await person.send(text)
    await person.press("The whole area")
    await person.press("Send")


def long_text(n: int, length: int = 2000) -> str:
    """A proposal of ``length`` characters: a long title line, then a long detail."""
    title = f"Proposal number {n} about the long road " + "and its verges " * 4
    words = "The pavement along the coast road needs widening for buggies and chairs. "
    detail = (words * (length // len(words) + 1))[: length - len(title) - 1].rstrip()
    return f"{title.strip()}\n{detail}"


# ---- finding 6: the one-line /status note -------------------------------------------------


async def test_one_line_status_note_over_the_cap_changes_nothing_and_keeps_the_words(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", long_text(1, 300))
    officer = sandbox.person("Olwen", user_id=OFFICER)
    await officer.join("en")
    note = ("We will fund this from the spring budget and start in April. " * 70).strip()
    assert len(note) > 4000
    before = len(ben.messages())
    shown = await officer.send(f"/status P-0001 adopted {note}")

    assert "the limit is 1,000" in shown[0].text and "Nothing has been changed" in shown[0].text
    assert "".join(m.text for m in shown[1:]) == note  # their words back, verbatim
    assert all(m.html == m.text or "<" not in m.html for m in shown[1:])
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "open"
    assert query(db_path, "SELECT * FROM outbox") == []
    assert len(ben.messages()) == before
    assert refused(sandbox) == []

    await officer.send("/status P-0001 adopted We will fund this in April.")  # shortened
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "adopted"
    assert "We will fund this in April." in ben.last.text


async def test_note_over_the_cap_in_the_button_flow_is_kept_too(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", long_text(1, 300))
    officer = sandbox.person("Olwen", user_id=OFFICER)
    await officer.join("en")
    await officer.send("/status P-0001")
    await officer.press("Adopted")
    note = "Funded in April. " * 80
    shown = await officer.send(note)
    assert "the limit is 1,000" in shown[0].text
    assert "".join(m.text for m in shown[1:]) == note.strip()
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "open"
    await officer.send("Funded in April.")  # the flow is still waiting for the note
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "adopted"
    assert refused(sandbox) == []


# ---- finding 7: answers pages and hidden items ----------------------------------------------


async def test_long_answers_can_all_be_read(sandbox: Sandbox) -> None:
    people = []
    for name in ("Alys", "Ben", "Cai"):
        person = sandbox.person(name)
        await person.join("en", forums=("Environment",))
        people.append(person)
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await convenor.send("/prompt")
    await convenor.press("New prompt")
    await convenor.press("Environment")
    await convenor.press("English")
    await convenor.send("Tell us about the footpaths where you live.")
    await convenor.press("Send")
    answers = []
    for n, person in enumerate(people, start=1):
        answer = (f"Answer {n}: the path by the canal is muddy after rain. " * 40)[:1960].strip()
        answers.append(answer)
        await person.press("Reply")
        await person.send(answer)

    await convenor.send("/prompt")
    await convenor.press("Answers")
    await convenor.press("(3 of 3 answered)")
    seen = convenor.last.text
    while "▶️" in convenor.last.labels:
        await convenor.press("▶️")
        seen += convenor.last.text
    assert refused(sandbox) == []
    assert all(answer in seen for answer in answers)  # every answer whole, none lost
    while "◀️" in convenor.last.labels:  # and back to the first
        await convenor.press("◀️")
    assert answers[0] in convenor.last.text
    assert refused(sandbox) == []


async def test_twelve_long_hidden_proposals_can_all_be_restored(
    sandbox: Sandbox, db_path: Path
) -> None:
    authors = [sandbox.person(name) for name in ("Alys", "Ben", "Cai")]
    for author in authors:
        await author.join("en")
    for n in range(12):
        await propose(authors[n // 4], "Transport", long_text(n + 1))
    reporter = sandbox.person("Dai")
    await reporter.join("en")
    await reporter.send("/proposals")
    await reporter.press("Transport")
    for n in range(1, 13):
        sandbox.clock.advance(timedelta(seconds=5))
        await reporter.press_data(reporter.last, f"rp:{n}")
    convenor = sandbox.person("Tom", user_id=TRANSPORT_CONVENOR)
    await convenor.join("en")
    for _ in range(12):
        sandbox.clock.advance(timedelta(seconds=10))  # under the flood limit
        await convenor.send("/review")
        await convenor.press("Hide")
        await convenor.send("Off topic.")
    assert query(db_path, "SELECT COUNT(*) FROM proposals WHERE hidden = 1")[0][0] == 12

    await convenor.send("/review")
    await convenor.press("Hidden items")
    assert refused(sandbox) == []
    page = convenor.last
    for n in range(1, 13):
        assert f"P-{n:04d}" in page.text
        assert f"↩️ Restore P-{n:04d}" in page.labels
    await convenor.press("Restore P-0012")
    assert refused(sandbox) == []
    assert query(db_path, "SELECT hidden FROM proposals WHERE id = 12")[0][0] == 0
