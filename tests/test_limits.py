"""Every message built from what people wrote fits Telegram's limits, whatever they wrote.

Issue 18, findings 6 and 7: a long one-line /status note, long answers to a prompt and long
hidden proposals made messages Telegram refused ("message is too long").
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from bot.config import Config
from bot.domain.prompts import ANSWER_MAX, PROMPT_MAX
from bot.domain.proposals import NOTE_MAX, TITLE_MAX, clean_text
from bot.render import limits
from bot.sandbox.fake_bot_api import ApiCall, Fault
from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import ThreadedSandbox, query

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
    echoes = [c for c in sandbox.api.sent("sendMessage", officer.id) if c.params["text"] in note]
    assert echoes and all(c.params.get("parse_mode") is None for c in echoes)  # as plain text
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "open"
    assert query(db_path, "SELECT * FROM outbox") == []
    assert len(ben.messages()) == before
    assert refused(sandbox) == []

    await officer.send("/status P-0001 adopted We will fund this in April.")  # shortened
    assert query(db_path, "SELECT status FROM proposals")[0][0] == "adopted"
    assert "We will fund this in April." in ben.last.text


async def test_a_notice_queued_with_an_over_long_note_is_still_delivered(
    sandbox: Sandbox, db_path: Path
) -> None:
    """A row an older version queued with a 4,000-character note: shortened, not refused."""
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", long_text(1, 300))
    officer = sandbox.person("Olwen", user_id=OFFICER)
    await officer.join("en")
    sandbox.api.fail(Fault("sendMessage", 502, "Bad Gateway", chat_id=ben.id))
    await officer.send("/status P-0001 adopted Funded.")
    note = "😀 We will fund this from the spring budget. " * 100
    with sqlite3.connect(db_path) as db:
        [(payload,)] = db.execute(
            "SELECT payload FROM outbox WHERE sent_at IS NULL AND kind = 'status_change'"
        )
        db.execute(
            "UPDATE outbox SET payload = ? WHERE kind = 'status_change'",
            (json.dumps({**json.loads(payload), "note": note}),),
        )
    sandbox.clock.advance(timedelta(minutes=5))
    await sandbox.run_job("tick")
    assert "News about your proposal P-0001" in ben.last.text
    assert "from the spring…”" in ben.last.text  # the note, shortened at a word
    assert limits.html_units(ben.last.html) <= limits.MESSAGE_LIMIT
    assert query(db_path, "SELECT failed_at FROM outbox")[0][0] is None
    assert refused(sandbox)[0].error == "Bad Gateway" and len(refused(sandbox)) == 1


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
        await reporter.press_data(reporter.last, f"rp:{n}:o")
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


async def test_many_checkins_list_in_one_message_and_the_rest_are_counted(
    sandbox: Sandbox,
) -> None:
    await sandbox.stop()
    sandbox.config = wide_config(sandbox.config)
    await sandbox.start()
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    for n in range(24):
        sandbox.clock.advance(timedelta(minutes=1))  # under the flood limit
        await convenor.send("/schedule")
        await convenor.press("New check-in")
        await convenor.press(ENVIRONMENT)
        await convenor.press("Monday")
        await convenor.send(f"{n % 24:02d}:00")
        await convenor.press("Every week")
        await convenor.press("English")
        await convenor.send(f"Check-in {n}: tell us how the week went in your street. " * 20)
        await convenor.press("Save the check-in")
    await convenor.send("/schedule")
    await convenor.press("Check-ins")
    assert refused(sandbox) == []
    shown = len(convenor.last.labels)
    assert 1 <= shown < 24 and "1. " in convenor.last.text
    assert f"…and {24 - shown} more. Cancel some to see the rest." in convenor.last.text
    await convenor.press(f"Cancel check-in {shown}")
    assert refused(sandbox) == []


# ---- every page and notification, with the longest inputs anyone can send ------------------

# Forum names are the council's (config.toml), as long and as awkward as a council might make
# them: HTML's special characters, quotes and emoji included.
LONG_FORUMS = {
    "environment": ("Amgylchedd & “Gwyrdd” <yr arfordir> 🌳🌊 " + "a'r twyni tywod " * 5,
                    "Environment & “Green” <the coast> 🌳🌊 " + "and the sand dunes " * 5),
    "transport": ("Trafnidiaeth & <teithio> 🚌🚲 " + "a'r ffyrdd gwledig " * 5,
                  "Transport & <travel> 🚌🚲 " + "and the country lanes " * 5),
}  # fmt: skip
# What a reader would see if a forum's name were escaped twice (or a label escaped at all).
DOUBLE_ESCAPED = [name.split(" &")[0] + " &amp;" for pair in LONG_FORUMS.values() for name in pair]
GROUP = -100_777
STYLES: dict[str, list[str]] = {
    "plain": [*"abcdefghijklmnopqrstuvwxyz", *[" "] * 6],
    "welsh": [*"aâbcdeêfghiîlmnoôprstuûwŵyŷ", "ch", "dd", "ll", "ff", *[" "] * 6],
    "emoji": ["😀", "👍🏽", "👨‍👩‍👧", "🇨🇾", "🏴", "❤️", "🤷🏻‍♀️", "😀😀😀", " "],
    "markup": ["<b>", "</i>", "&amp;", "&", "<", ">", '"', "'", "x", " "],
    "one_word": ["w", "😀"],
    "astral_cjk": [*"漢字仮名交じり文", "𠀋", "𡈽", "𪚲", " "],
}
MAX_PROPOSAL = 3500  # the most config.toml allows


def words(rng: Random, style: str, length: int) -> str:
    """Clean text (as the bot would keep it) of exactly ``length`` characters."""
    pieces = STYLES[style]
    text = ""
    while len(text) < length:
        text += "".join(rng.choice(pieces) for _ in range(length))
        text = clean_text(text)[:length]
        text = clean_text(text)
    return text


def proposal_text(rng: Random, style: str, title_length: int | None, length: int) -> str:
    """A proposal of ``length`` characters whose first line is ``title_length`` long (or the
    whole text one line)."""
    if title_length is None:
        return words(rng, style, length)
    title = words(rng, style, title_length)
    return f"{title}\n{words(rng, style, length - title_length - 1)}"


def check_sent(calls: list[ApiCall]) -> None:
    """Nothing refused for its size or markup, and everything sent fits our own (stricter,
    UTF-16) bounds."""
    for call in calls:
        if call.status != 200:
            assert call.error is not None and "not modified" in call.error, (
                call.method,
                call.error,
            )
            continue
        text = str(call.params.get("text") or "")
        if call.method in ("sendMessage", "editMessageText"):
            html = call.params.get("parse_mode") == "HTML"
            size = limits.html_units(text) if html else limits.units(text)
            assert size <= limits.MESSAGE_LIMIT, (call.method, size)
            seen = limits.visible(text) if html else text
            assert not any(name in seen for name in DOUBLE_ESCAPED), seen[:200]
        elif call.method in ("sendDocument", "sendPhoto") and call.params.get("caption"):
            assert limits.html_units(call.params["caption"]) <= limits.CAPTION_LIMIT
        elif call.method == "answerCallbackQuery" and text:
            assert limits.units(text) <= limits.NOTICE_LIMIT
        markup = call.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                assert 0 < limits.units(button["text"]) <= limits.LABEL_LIMIT, button
                assert not any(name in button["text"] for name in DOUBLE_ESCAPED), button
                assert len(button.get("callback_data", "").encode()) <= 64


def wide_config(config: Config) -> Config:
    """The example council with very long forum names and proposals, Environment in a group."""
    forums = tuple(
        dataclasses.replace(
            f,
            name_cy=LONG_FORUMS[f.id][0],
            name_en=LONG_FORUMS[f.id][1],
            chat_id=GROUP if f.id == "environment" else f.chat_id,
        )
        if f.id in LONG_FORUMS
        else f
        for f in config.forums
    )
    return dataclasses.replace(
        config,
        forums=forums,
        proposals=dataclasses.replace(config.proposals, max_length=MAX_PROPOSAL),
    )


@pytest.fixture
def wide_sandbox(config: Config, db_path: Path) -> Iterator[ThreadedSandbox]:
    """A threaded sandbox (for hypothesis) of the council in ``wide_config``."""
    runner = ThreadedSandbox(wide_config(config), db_path)
    try:
        yield runner
    finally:
        runner.close()
    assert runner.sandbox.errors == [], f"handlers raised: {runner.sandbox.errors!r}"


@dataclasses.dataclass
class Example:
    """One example's inputs: a style of writing and the lengths of everything at the caps."""

    style: str
    title_length: int | None
    language: str
    seed: int


examples = st.builds(
    Example,
    style=st.sampled_from(list(STYLES)),
    title_length=st.sampled_from([10, TITLE_MAX, 400, None]),
    language=st.sampled_from(["en", "cy"]),
    seed=st.integers(0, 2**32),
)
ENVIRONMENT, TRANSPORT = "Environment &", "Transport &"
AMGYLCHEDD, TRAFNIDIAETH = "Amgylchedd &", "Trafnidiaeth &"


@given(example=examples)
@example(example=Example("emoji", None, "cy", 1))  # every input twice the UTF-16 units
@example(example=Example("markup", TITLE_MAX, "en", 2))  # every character escaped
@example(example=Example("one_word", 400, "en", 3))  # nowhere to cut at a word
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # examples share one bot: no shrinking
)
def test_the_longest_inputs_fit_every_page_and_notification(
    wide_sandbox: ThreadedSandbox, db_path: Path, example: Example
) -> None:
    sandbox = wide_sandbox.sandbox
    run = wide_sandbox.run
    rng = Random(example.seed)
    style = example.style
    first_call = len(sandbox.api.calls)
    n = first_call  # distinct Telegram ids for this example's people

    def person(role: str, language: str = "en") -> SimPerson:
        return sandbox.person(
            words(rng, style, 64) or role,
            user_id=800_000 + n * 10 + len(role),
            language_code=language,
            last_name=words(rng, style, 64) or None,
        )

    def later() -> None:
        sandbox.clock.advance(timedelta(minutes=2))  # the fixed people stay under the flood limit

    cy = example.language == "cy"
    author = person("author", example.language)
    youth = person("youth")
    reader = person("reader1")
    answerer = person("reader22")
    run(author.join(example.language, "45–64", (AMGYLCHEDD if cy else ENVIRONMENT,)))
    run(youth.join("en", "16–17", (ENVIRONMENT,)))
    run(reader.join("en", "26–44", (ENVIRONMENT, TRANSPORT)))
    run(answerer.join("en", "45–64", (ENVIRONMENT,)))
    for user_id, name in ((2003, "Tom"), (2001, "Gwen"), (2101, "Iwan"), (OFFICER, "Olwen")):
        wide_sandbox.joined_person(name, user_id)
    convenor = sandbox.people_by_id(2003)
    environment_convenor = sandbox.people_by_id(2001)
    youth_convenor = sandbox.people_by_id(2101)
    officer = sandbox.people_by_id(OFFICER)

    # Proposals at the longest allowed, a young person's waiting for approval.
    text = proposal_text(rng, style, example.title_length, MAX_PROPOSAL)
    run(author.send("/propose"))
    run(author.press(TRAFNIDIAETH if cy else TRANSPORT))
    run(author.send(text))
    run(author.press("Yr ardal gyfan" if cy else "The whole area"))
    run(author.press("Anfon" if cy else "Send"))
    run(youth.send("/propose"))
    run(youth.press(ENVIRONMENT))
    run(youth.send(proposal_text(rng, style, example.title_length, MAX_PROPOSAL)))
    run(youth.press("The whole area"))
    run(youth.press("Send"))
    ids = [int(r[0]) for r in query(db_path, "SELECT id FROM proposals ORDER BY id DESC LIMIT 2")]
    youth_ref, adult_ref = (f"P-{i:04d}" for i in ids)

    # Browsing, supporting, an officer's status with the longest note, /mine, withdrawing.
    run(reader.send("/proposals"))
    run(reader.press(TRANSPORT))
    run(reader.press(f"Support {adult_ref}"))
    run(reader.press("Most supported first"))
    later()
    run(officer.send(f"/status {adult_ref}"))
    run(officer.send(f"/status {adult_ref} adopted {words(rng, style, NOTE_MAX)}"))
    run(author.send("/mine"))
    run(youth.send("/mine"))
    run(youth.press(f"Withdraw {youth_ref}"))
    run(youth.press("No, keep it"))

    # Review: approve the young person's, report, pause, hide with the longest reason.
    run(youth_convenor.send("/review"))
    run(youth_convenor.press("Approve"))
    run(reader.send("/proposals"))
    run(reader.press(TRANSPORT))
    run(reader.press(f"More: {adult_ref}"))  # its own view: all of it, and the link
    run(reader.press("Report it"))
    run(reader.press("Shares personal information"))
    run(author.send(f"/start {adult_ref}"))
    later()
    run(convenor.send("/review"))
    run(convenor.press("Pause the author"))
    run(convenor.press("Hide"))
    run(convenor.send(words(rng, style, 500)))
    run(convenor.send("/review"))
    run(convenor.press("Hidden items"))
    run(convenor.send("/review"))
    run(convenor.press("Paused people"))

    # A prompt at the longest in both languages, to members and the group; the longest answers.
    later()
    run(environment_convenor.send("/prompt"))
    run(environment_convenor.press("New prompt"))
    run(environment_convenor.press(ENVIRONMENT))
    run(environment_convenor.press("Both (Welsh first)"))
    run(environment_convenor.send(words(rng, style, PROMPT_MAX)))
    run(environment_convenor.send(words(rng, style, PROMPT_MAX)))
    run(environment_convenor.press("Send"))
    for member in (reader, answerer):
        run(member.press("Reply"))
        run(member.send(words(rng, style, ANSWER_MAX)))
    later()
    run(environment_convenor.send("/prompt"))
    run(environment_convenor.press("Answers"))
    latest = environment_convenor.last.buttons[0][0]["callback_data"]  # the newest prompt
    run(environment_convenor.press_data(environment_convenor.last, latest))
    while "▶️" in environment_convenor.last.labels:
        run(environment_convenor.press("▶️"))
    while "◀️" in environment_convenor.last.labels:
        run(environment_convenor.press("◀️"))

    # A check-in at the longest in both languages, and the list of check-ins.
    later()
    run(environment_convenor.send("/schedule"))
    run(environment_convenor.press("New check-in"))
    run(environment_convenor.press(ENVIRONMENT))
    run(environment_convenor.press("Monday"))
    run(environment_convenor.send("18:00"))
    run(environment_convenor.press("Every week"))
    run(environment_convenor.press("Both (Welsh first)"))
    run(environment_convenor.send(words(rng, style, PROMPT_MAX)))
    run(environment_convenor.send(words(rng, style, PROMPT_MAX)))
    run(environment_convenor.press("Save the check-in"))
    run(environment_convenor.send("/schedule"))
    run(environment_convenor.press("Check-ins"))

    # The officer's digest, and what we hold about someone with the longest name.
    later()
    run(officer.send("/digest"))
    run(author.send("/mydata"))

    check_sent(sandbox.api.calls[first_call:])
    assert sandbox.errors == [], sandbox.errors
    assert query(db_path, "SELECT last_error FROM outbox WHERE failed_at IS NOT NULL") == []


# ---- the helpers, and the fake counting as Telegram counts -----------------------------------

any_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from(["😀", "👍🏽", "\u200d", "\ufe0f", "🇨", "🇾", " ", "\n", "e\u0301"]),
    ),
    max_size=200,
).map("".join)


@given(text=any_text, limit=st.integers(0, 320))
def test_trim_fits_and_keeps_what_fits(text: str, limit: int) -> None:
    trimmed = limits.trim(text, limit)
    assert limits.units(trimmed) <= limit
    if limits.units(text) <= limit:
        assert trimmed == text
    else:
        assert trimmed == "" or trimmed.endswith("…")
        assert text.startswith(trimmed.removesuffix("…").rstrip())


@given(text=any_text, limit=st.integers(2, 50))
def test_split_gives_back_every_character(text: str, limit: int) -> None:
    pieces = limits.split(text, limit)
    assert "".join(pieces) == text
    assert all(limits.units(p) <= limit for p in pieces if len(p) > 1)


def test_trim_cuts_at_a_word_and_never_inside_an_emoji() -> None:
    assert limits.trim("More buses in the evening please", 20) == "More buses in the…"
    assert limits.trim("👍🏽👍🏽👍🏽", 4) == "…"  # a skin tone stays with its hand
    assert limits.trim("🇨🇾🇨🇾", 7) == "🇨🇾…"  # a flag is never split into two letters
    assert limits.units("😀") == 2 and limits.units("ŵ") == 1
    assert limits.html_units("<b>R&amp;D</b> &lt;3") == len("R&D <3")


async def test_the_fake_counts_visible_code_points_as_telegram_does(sandbox: Sandbox) -> None:
    api = sandbox.api
    chat = {"chat_id": 42}
    ok = await api.handle("sendMessage", {**chat, "text": "😀" * 4096})
    assert ok[0] == 200  # 8,192 UTF-16 units: Telegram accepts 4,096 emoji
    too_long = await api.handle("sendMessage", {**chat, "text": "😀" * 4097})
    assert too_long[1]["description"] == "Bad Request: message is too long"
    tagged = "<b>" + "&amp;" * 4096 + "</b>"  # 20,487 characters of HTML, 4,096 shown
    assert (await api.handle("sendMessage", {**chat, "text": tagged, "parse_mode": "HTML"}))[
        0
    ] == 200
    notice = await api.handle("answerCallbackQuery", {"callback_query_id": "1", "text": "x" * 201})
    assert notice[0] == 400
    buttons = [[{"text": "b", "callback_data": f"{r}:{c}"} for c in range(4)] for r in range(26)]
    markup = {**chat, "text": "x", "reply_markup": {"inline_keyboard": buttons}}
    assert (await api.handle("sendMessage", markup))[1]["description"].endswith(
        "REPLY_MARKUP_TOO_LONG"
    )
