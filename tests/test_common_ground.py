"""Finding common ground (issue 14) end to end: a convenor opens a conversation for adults and
young people together, members add statements (young people's wait for a youth convenor) and
vote one statement at a time through the fake Bot API, and the results name the common ground
and the divisive statements with the right numbers, in English and in Welsh."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query

ADMIN = 1001  # config.example.toml: may open a conversation on both sides of a forum
YOUTH_CONVENOR = 2101  # Environment's youth side

SEED = "Keep the coast path free of litter"
WRITTEN = {  # author → statement
    "A1": "Close the beach car park at night",
    "A2": "Mwy o goed ar y prom",
    "A3": "More benches along the harbour",
    "Y1": "A skate park by the harbour",
    "Y2": "Free buses for under 18s",
    "Y3": "A youth cafe in the old library",
}
ADULTS = ("A1", "A2", "A3", "A4", "A5")
YOUTH = ("Y1", "Y2", "Y3", "Y4", "Y5")
WELSH = ("A2", "Y3")  # they use the bot in Welsh


def choice(voter: str, statement: str) -> str:
    """How each member votes: everyone backs the seed; the car park splits adults (for) from
    young people (against); the free buses split them the other way; trees on the prom have
    everyone but one adult behind them; the rest are passed or backed by one side only."""
    adult = voter in ADULTS
    if statement == SEED:
        return "👍 Agree"
    if statement == WRITTEN["A1"]:
        return "👍 Agree" if adult else "👎 Disagree"
    if statement == WRITTEN["Y2"]:
        return "👎 Disagree" if adult else "👍 Agree"
    if statement == WRITTEN["A2"]:
        return "👎 Disagree" if voter == "A5" else "👍 Agree"
    if statement == WRITTEN["Y1"]:
        return "🤷 Pass / unsure" if adult else "👍 Agree"
    return "🤷 Pass / unsure"


async def _members(sandbox: Sandbox) -> dict[str, SimPerson]:
    people = {}
    for name in ADULTS + YOUTH:
        language = "cy" if name in WELSH else "en"
        person = sandbox.person(name, language_code=language)
        band = "26–44" if name in ADULTS else "16–17"
        await person.join(language, band, ("Amgylchedd" if language == "cy" else "Environment",))
        people[name] = person
    return people


async def _open(sandbox: Sandbox) -> SimPerson:
    admin = sandbox.person("Alaw", user_id=ADMIN)
    await admin.join("en")
    await admin.send("/conversation")
    await admin.press("➕ Start a new conversation")
    await admin.press("Environment (adults and young people together)")
    await admin.press("7 days")
    await admin.press("Both (Welsh first)")
    await admin.send("Beth fyddai'n gwneud yr arfordir yn well i bawb?")
    await admin.send("What would make the coast better for everyone?")
    await admin.send(SEED)
    assert SEED in admin.last.text
    await admin.press("✅ Open the conversation")
    return admin


def _statement_of(text: str) -> str:
    """The statement on a voting card (its first line, without the speech mark)."""
    first = text.split("\n")[0].removeprefix("💬 ")
    return first.split(" (written in")[0].split(" (wedi")[0]


async def _vote_through(person: SimPerson, name: str) -> int:
    """Vote on every statement dealt, as planned; returns how many were dealt."""
    await person.press(_translated(person, "🗳 Vote on statements"))
    dealt = 0
    while any("👍" in b["text"] for row in person.last.buttons for b in row):
        statement = _statement_of(person.last.text)
        await person.press(_translated(person, choice(name, statement)))
        dealt += 1
    return dealt


def _translated(person: SimPerson, label: str) -> str:
    services = person.sandbox.app.bot_data.services
    assert services is not None
    language = "cy" if person.name in WELSH else "en"
    return services.i18n(language)._(label)


async def test_a_conversation_finds_common_ground_and_what_divides(
    sandbox: Sandbox, db_path: Path
) -> None:
    people = await _members(sandbox)
    admin = await _open(sandbox)
    assert "the invitation goes to 10 members" in admin.last.text
    await sandbox.run_job("tick")
    for name, person in people.items():
        assert "🗣" in person.last.text, name  # the invitation, in their language
    assert "A conversation in Environment" in people["A1"].last.text
    assert "Sgwrs newydd yn fforwm Amgylchedd" in people["A2"].last.text
    for name, words in WRITTEN.items():
        person = people[name]
        await person.press(_translated(person, "✍️ Add a statement"))
        await person.send(words)
    assert "A youth worker will look at your statement" in people["Y1"].last.text
    assert "others can now vote on it" in people["A1"].last.text
    await sandbox.run_job("tick")
    notices = [m for m in admin.messages() if "waits for your approval" in m.text]
    assert len(notices) == 3  # the admin has joined: told of each young person's statement
    youth_convenor = sandbox.person("Gwen", user_id=YOUTH_CONVENOR, language_code="cy")
    await youth_convenor.join("cy")  # joined after: finds them in the results
    await youth_convenor.send("/sgwrs")
    await youth_convenor.press("📊")
    for _ in range(2):
        await youth_convenor.press("✅ Cymeradwyo")
    await admin.press("✅ Approve", notices[0])
    assert admin.last_notice == "Approved."
    waiting = query(db_path, "SELECT COUNT(*) AS n FROM statements WHERE state = 'waiting'")
    assert waiting[0]["n"] == 0
    for name, person in people.items():
        dealt = await _vote_through(person, name)
        assert dealt == (6 if name in WRITTEN else 7), name  # never their own statement
    await admin.send("/conversation")
    await admin.press("📊 Results: Environment")
    photos = sandbox.api.sent("sendPhoto")
    assert photos and photos[-1].params["chat_id"] == ADMIN  # the chart, beside the numbers
    chart = photos[-1].files["photo"][1]
    assert chart[:4] == b"\x89PNG"
    (db_path.parent / "common-ground.png").write_bytes(chart)
    results = next(m.text for m in reversed(admin.messages()) if "Common ground" in m.text)
    assert "7 statements · 10 voters · 64 votes" in results
    assert "Adults (5)" in results and "Young people (5)" in results
    common = results.split("Common ground")[1].split("Where groups differ")[0]
    assert common.index(SEED) < common.index(WRITTEN["A2"])  # ranked by consensus
    assert "Adults: 75% agree, 25% disagree; Young people: 100% agree, 0% disagree" in common
    differ = results.split("Where groups differ")[1]
    assert WRITTEN["A1"] in differ and WRITTEN["Y2"] in differ
    assert "Adults: 100% agree, 0% disagree; Young people: 0% agree, 100% disagree" in differ
    assert WRITTEN["Y1"] not in common + differ


async def _small_round(sandbox: Sandbox) -> tuple[SimPerson, SimPerson, SimPerson]:
    """An adult-side conversation in Environment with one starting statement; Ben and Dee
    take part."""
    ben, dee = sandbox.person("Ben"), sandbox.person("Dee")
    await ben.join("en", forums=("Environment",))
    await dee.join("en", forums=("Environment",))
    admin = sandbox.person("Alaw", user_id=ADMIN)
    await admin.join("en")
    await admin.send("/conversation")
    await admin.press("➕ Start a new conversation")
    await admin.press("Environment")
    await admin.press("3 days")
    await admin.press("English")
    await admin.send("What should the beach clean-up cover?")
    await admin.send(SEED)
    await admin.press("✅ Open the conversation")
    await sandbox.run_job("tick")
    return admin, ben, dee


async def test_statements_that_break_the_rules_are_refused_and_given_back(
    sandbox: Sandbox, db_path: Path
) -> None:
    _, ben, _ = await _small_round(sandbox)
    await ben.press("✍️ Add a statement")
    long = "Litter " * 41  # 287 characters
    await ben.send(long)
    assert "longer than a statement can be" in ben.messages()[-2].text
    assert ben.last.text.strip() == long.strip()  # given back: nothing lost
    await ben.send("🌊🌊🌊")
    assert "needs words" in ben.last.text
    await ben.send("see https://example.com/beach")
    assert "cannot contain links" in ben.messages()[-2].text
    await ben.send("   ")
    await ben.send("Bins at every beach entrance")  # still in the flow: this one is kept
    assert "Your statement is in" in ben.last.text
    await ben.press("✍️ Add a statement")
    await ben.send("bins at every beach entrance!")
    assert "already added that statement" in ben.last.text
    await ben.send("/cancel")
    rows = query(db_path, "SELECT text, state FROM statements ORDER BY id")
    assert [tuple(r) for r in rows] == [(SEED, "shown"), ("Bins at every beach entrance", "shown")]


async def test_votes_count_once_and_forged_or_stale_buttons_are_refused(
    sandbox: Sandbox, db_path: Path
) -> None:
    admin, ben, dee = await _small_round(sandbox)
    await ben.press("✍️ Add a statement")
    await ben.send("Bins at every beach entrance")  # statement 2
    await ben.press("🗳 Vote on statements")
    card = ben.last
    assert SEED in card.text and "0 more statements to go" in card.text
    await ben.press("👍 Agree")
    assert ben.last_notice == "Noted."
    assert "You have seen every statement so far" in ben.last.text
    await ben.press_data(card, "cv:1:d")  # the old card's button again: changes, never doubles
    assert ben.last_notice == "Changed — your vote counts once."
    assert [tuple(r) for r in query(db_path, "SELECT statement_id, vote FROM votes")] == [(1, -1)]
    await ben.press_data(card, "cv:2:a")  # his own statement
    assert ben.last_notice == "That is your own statement, so you do not vote on it."
    for forged in ("cv:99:a", "cv:1:x", "cv:1:a:1", "cv:٣:a", "cg:1:boo", "cg:99:vote"):
        await ben.press_data(card, forged)
    cai = sandbox.person("Cai")
    await cai.join("en", forums=("Transport",))  # not in Environment
    await cai.press_data(cai.last, "cv:1:a")  # (on a message of his own)
    assert cai.last_notice == "That statement is no longer open for votes."
    young = sandbox.person("Yan")
    await young.join("en", "16–17", ("Environment",))  # the conversation is the adults'
    await young.press_data(young.last, "cv:1:a")
    assert young.last_notice == "That statement is no longer open for votes."
    assert len(query(db_path, "SELECT * FROM votes")) == 1
    await dee.press("🗳 Vote on statements")
    await dee.press("⚠️ Report")  # the first dealt is reported: not dealt again
    assert "convenors will look at it" in (dee.last_notice or "")
    await sandbox.run_job("tick")
    assert "was reported" in admin.last.text  # told at once, with the button to act
    await admin.send("/conversation")
    await admin.press("📊 Results: Environment")
    assert "Reported 1 time" in admin.last.text
    await admin.press("🙈 Hide")
    assert admin.last_notice == "Hidden (logged)."
    hidden = query(db_path, "SELECT id FROM statements WHERE state = 'hidden'")[0]["id"]
    await ben.press_data(card, f"cv:{hidden}:a")
    log = query(db_path, "SELECT action FROM moderation_log WHERE target LIKE 'statement:%'")
    assert [r["action"] for r in log] == ["hide_statement"]


async def test_a_closed_conversation_takes_no_more_votes(sandbox: Sandbox, db_path: Path) -> None:
    _, ben, _ = await _small_round(sandbox)
    await ben.press("🗳 Vote on statements")
    card = ben.last
    sandbox.clock.advance(timedelta(days=3, minutes=1))
    await ben.press("👍 Agree", card)
    assert "This conversation closed on" in ben.last.text
    await ben.press("✍️ Add a statement")
    assert "This conversation closed on" in ben.last.text
    await ben.send("/conversations")
    assert "There is no conversation open" in ben.last.text
    assert query(db_path, "SELECT * FROM votes") == []


async def test_forgetting_keeps_the_votes_counted_and_unlinked(
    sandbox: Sandbox, db_path: Path
) -> None:
    _, ben, dee = await _small_round(sandbox)
    await dee.press("🗳 Vote on statements")
    await dee.press("👍 Agree")
    await dee.send("/forget")
    await dee.press("Delete my data")
    voters = query(db_path, "SELECT person_id, side FROM round_voters")
    assert [tuple(r) for r in voters] == [(None, "adult")]
    assert [tuple(r) for r in query(db_path, "SELECT statement_id, vote FROM votes")] == [(1, 1)]
    await ben.press("🗳 Vote on statements")
    assert SEED in ben.last.text  # dealt as before


async def test_the_digest_has_a_common_ground_section(sandbox: Sandbox) -> None:
    _, ben, dee = await _small_round(sandbox)
    for person in (ben, dee):
        await person.press("🗳 Vote on statements")
        await person.press("👍 Agree")
    officer = sandbox.person("Olwen", user_id=1002)
    await officer.join("en")
    await officer.send("/digest")
    digest = "\n".join(m.text for m in officer.messages())
    assert "Common ground: conversations this week" in digest
    assert "What should the beach clean-up cover?" in digest
    assert "1 statement · 2 voters · 2 votes" in digest
    assert "Not enough voices yet (fewer than 5) to report on its own: Adults" in digest
    files = dict(c.files["document"] for c in sandbox.api.sent("sendDocument", chat_id=1002))
    report = next(content for name, content in files.items() if name.endswith(".html"))
    text = report.decode() if isinstance(report, bytes) else str(report)
    assert "Common ground: conversations this week" in text and SEED in text


async def test_open_data_carries_statements_and_votes_without_voters(
    sandbox: Sandbox, db_path: Path
) -> None:
    _, ben, dee = await _small_round(sandbox)
    await ben.press("✍️ Add a statement")
    await ben.send("Bins at every beach entrance")
    await ben.press("🗳 Vote on statements")
    await ben.press("👍 Agree")
    await dee.press("🗳 Vote on statements")
    while "👍" in str(dee.last.buttons):
        await dee.press("👎 Disagree")
    officer = sandbox.person("Olwen", user_id=1002)
    await officer.join("en")
    await officer.send("/export")
    [call] = sandbox.api.sent("sendDocument", chat_id=officer.id)
    archive = zipfile.ZipFile(io.BytesIO(call.files["document"][1]))
    statements = json.loads(archive.read("statements.json"))
    assert [(s["text"], s["side"], s["agree"], s["disagree"]) for s in statements] == [
        (SEED, "convenor", 1, 1),
        ("Bins at every beach entrance", "adult", 0, 1),
    ]
    [conversation] = json.loads(archive.read("conversations.json"))
    assert conversation["voters"] == 2 and conversation["statements"] == 2
    voters = [str(r["id"]) for r in query(db_path, "SELECT id FROM round_voters")]
    assert "voter" not in archive.read("statements.csv").decode().split("\n")[0]
    assert voters  # the voter numbers stay in the database, never in the export
    assert "| `disagree` |" in archive.read("README.md").decode()


async def test_a_quick_sense_check_by_side_with_reasons(sandbox: Sandbox, db_path: Path) -> None:
    people = await _members(sandbox)
    admin = sandbox.person("Alaw", user_id=ADMIN)
    await admin.join("en")
    await admin.send("/conversation")
    await admin.press("🧭 Quick sense check")
    await admin.press("Environment (adults and young people together)")
    await admin.send("Move the Saturday market to the harbour car park")
    assert "Sent to 10 members" in admin.last.text
    assert "Gwiriad synnwyr cyflym gan fforwm Amgylchedd" in people["A2"].last.text
    for name in ADULTS:
        await people[name].press(_translated(people[name], "👍 Looks good"))
    for name in YOUTH[:4]:
        await people[name].press(_translated(people[name], "⚠️ Concerned"))
    await people["Y1"].send("There is nowhere to skate if the car park is full of stalls.")
    assert "passed on to the convenors" in people["Y1"].last.text
    await people["Y2"].send("/cancel")  # a tap without a reason is fine
    await people["A1"].press("🤔 Not sure")  # changed, not doubled
    await people["A1"].press_data(people["A1"].last, "sk:99:good")
    assert people["A1"].last_notice == "That sense check was not put to you."
    await admin.send("/conversation")
    await admin.press("🧭 Results: Move the Saturday market")
    results = admin.last.text
    assert "Adults: 👍 Looks good 4, 🤔 Not sure 1, ⚠️ Concerned 0" in results
    assert "Young people: not enough voices yet (fewer than 5)" in results
    assert "nowhere to skate" not in results  # the youth side is under 5: its reasons too
    await people["Y5"].press("⚠️ Concerned")
    await admin.press("🧭 Results: Move the Saturday market")
    assert "Young people: 👍 Looks good 0, 🤔 Not sure 0, ⚠️ Concerned 5" in admin.last.text
    assert "nowhere to skate" in admin.last.text
    taps = query(db_path, "SELECT COUNT(*) AS n FROM sense_answers")
    assert taps[0]["n"] == 10
