"""Issue 18, low findings 13 and 16–21, tried as a hostile user would: forged buttons, edits in
bulk, two presses at once, names and titles built to break labels and spreadsheets."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import Config
from bot.domain.moderation import CODE_LENGTH, code_in
from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query
from tests.test_proposals import propose

ADMIN, OFFICER, CONVENOR, YOUTH_CONVENOR = 1001, 1002, 2001, 2101
STALE = "That button is out of date. Please start again."


def api_calls_to(sandbox: Sandbox, chat_id: int) -> list[str]:
    """Every successful call the bot made into ``chat_id``, by method."""
    return [
        c.method
        for c in sandbox.api.calls
        if c.status == 200 and int(c.params.get("chat_id") or 0) == chat_id
    ]


async def young_person_code(sandbox: Sandbox) -> str:
    """A fresh invite code from the Environment youth convenor for someone under 13."""
    convenor = sandbox.person("Iwan", user_id=YOUTH_CONVENOR)
    await convenor.join("en")
    await convenor.send("/invite young")
    found = re.search(r"youth forums: (\w+)", convenor.last.text)
    assert found is not None
    return found[1]


# ---- 13: edits count towards the flood limit ------------------------------------------------


async def test_a_flood_of_edits_is_answered_once(sandbox: Sandbox) -> None:
    flooder = sandbox.person("Flood")
    await flooder.join("en")
    [sent] = await flooder.send("/help")
    sandbox.clock.advance(timedelta(minutes=2))
    replies = []
    for n in range(60):
        replies.extend(await flooder.edit(sent.message_id - 1, f"edit {n}"))
    slow_downs = [r for r in replies if "sending messages very quickly" in r.text]
    assert len(slow_downs) == 1
    assert len(replies) == 20 + 1  # twenty edits answered, one warning, the rest dropped
    # Messages and edits share one allowance: the next message in the minute is dropped too.
    assert await flooder.send("/help") == []
    sandbox.clock.advance(timedelta(minutes=1))
    [answer] = await flooder.send("/help")
    assert "As a resident you can" in answer.text


# ---- 16: compose steps cannot be skipped with forged buttons -------------------------------


@pytest.mark.parametrize(
    ("command", "forged"),
    [
        ("/prompt", ["pc:l:en"]),  # past the forum side
        ("/prompt", ["pc:d:2", "pc:e:1", "pc:l:en"]),  # check-in steps in a prompt
        ("/schedule", ["pc:l:en"]),  # past the forum side
        ("/schedule", ["pc:f:environment:adult", "pc:e:1", "pc:l:en"]),  # past day and time
        ("/schedule", ["pc:f:environment:adult", "pc:d:2", "pc:e:1"]),  # past the time
    ],
)
async def test_compose_steps_cannot_be_skipped(
    sandbox: Sandbox, command: str, forged: list[str]
) -> None:
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    await convenor.send(command)
    await convenor.press("New prompt" if command == "/prompt" else "New check-in")
    first = convenor.last
    for data in forged:
        await convenor.press_data(first, data)
    assert convenor.last_notice == STALE
    # Whatever is typed now cannot reach a preview with half a state.
    await convenor.send("Tell us about the footpaths where you live.")
    await convenor.press_data(first, "pc:send")
    assert convenor.last_notice == STALE
    assert sandbox.errors == []
    assert "Preview" not in convenor.last.text
    # The honest path still works from the start.
    await convenor.send("/cancel")
    await convenor.send(command)
    await convenor.press("New prompt" if command == "/prompt" else "New check-in")
    await convenor.press("Environment")
    if command == "/schedule":
        await convenor.press("Wednesday")
        await convenor.send("18:30")
        await convenor.press("Every week")
    await convenor.press("English")
    await convenor.send("Tell us about the footpaths where you live.")
    assert "Preview" in convenor.last.text


# ---- 17: invite codes typed with a space; one code, one child -------------------------------


@pytest.mark.parametrize("spacing", ["{a} {b}", "{a}  {b}", " {a}-{b} ", "{a_lower} {b_lower}"])
async def test_an_invite_code_typed_with_a_space_works(
    sandbox: Sandbox, db_path: Path, spacing: str
) -> None:
    code = await young_person_code(sandbox)
    a, b = code[:5], code[5:]
    typed = spacing.format(a=a, b=b, a_lower=a.lower(), b_lower=b.lower())
    mali = sandbox.person("Mali")
    await mali.send(f"/start {typed}")
    await mali.press("English")
    await mali.press("Under 13")
    assert "Your privacy" in mali.last.text  # the young people's notice
    await mali.press("I agree")
    await mali.press("Done")
    rows = query(db_path, "SELECT age_band FROM people WHERE telegram_id = ?", (mali.id,))
    assert [r[0] for r in rows] == ["under_13"]


CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # what new_code draws from


@given(
    code=st.text(alphabet=CODE_LETTERS, min_size=CODE_LENGTH, max_size=CODE_LENGTH),
    gaps=st.lists(
        st.sampled_from(["", "", " ", "  ", "-", " - ", "\t"]),
        min_size=CODE_LENGTH,
        max_size=CODE_LENGTH,
    ),
    lower=st.booleans(),
)
def test_a_code_is_found_however_it_is_spaced(code: str, gaps: list[str], lower: bool) -> None:
    typed = "".join(gap + letter for gap, letter in zip(gaps, code, strict=True))
    typed = typed.lower() if lower else typed
    assert code_in(typed.split()) == code  # Telegram's /start arguments: split at spaces


@given(words=st.lists(st.text(max_size=14), max_size=4))
def test_whatever_follows_start_is_a_valid_code_or_none(words: list[str]) -> None:
    found = code_in(words)
    assert found is None or (len(found) == CODE_LENGTH and set(found) <= set(CODE_LETTERS))


async def test_a_member_redeems_a_role_code_typed_with_a_space(sandbox: Sandbox) -> None:
    admin = sandbox.person("Ann", user_id=ADMIN)
    await admin.join("en")
    await admin.send("/invite officer")
    code = re.search(r": (\w+)\n", admin.last.text)
    assert code is not None
    dewi = sandbox.person("Dewi")
    await dewi.join("en")
    await dewi.send(f"/start {code[1][:5]} {code[1][5:]}")
    assert "You are now a council officer" in dewi.last.text


async def test_two_children_pressing_agree_at_once_with_one_code(
    sandbox: Sandbox, db_path: Path
) -> None:
    code = await young_person_code(sandbox)
    mali, nia = sandbox.person("Mali"), sandbox.person("Nia")
    for child in (mali, nia):
        await child.send(f"/start {code}")
        await child.press("English")
        await child.press("Under 13")
        assert "Your privacy" in child.last.text
    await asyncio.gather(mali.press("I agree"), nia.press("I agree"))
    joined = query(db_path, "SELECT telegram_id FROM people WHERE age_band = 'under_13'")
    assert len(joined) == 1
    [used_by] = query(
        db_path, "SELECT p.telegram_id FROM invites i JOIN people p ON p.id = i.used_by"
    )
    assert used_by[0] == joined[0][0]
    loser = nia if joined[0][0] == mali.id else mali
    assert "has been used already" in loser.last.text
    assert query(db_path, "SELECT 1 FROM people WHERE telegram_id = ?", (loser.id,)) == []


async def test_a_used_code_stops_a_child_at_agree(sandbox: Sandbox, db_path: Path) -> None:
    """The code was good when the child began, and used by someone else before "I agree"."""
    code = await young_person_code(sandbox)
    mali, nia = sandbox.person("Mali"), sandbox.person("Nia")
    for child in (mali, nia):
        await child.send(f"/start {code}")
        await child.press("English")
        await child.press("Under 13")
    await mali.press("I agree")
    await nia.press("I agree")
    assert "has been used already" in nia.last.text
    assert query(db_path, "SELECT 1 FROM people WHERE telegram_id = ?", (nia.id,)) == []


# ---- 18: button labels are plain text ---------------------------------------------------------

ODD = "Ann & <Bob>"


async def _with_odd_names(sandbox: Sandbox, config: Config) -> None:
    forums = tuple(
        dataclasses.replace(f, name_en="Arts & <Crafts>", name_cy="Celf & <Crefft>")
        if f.id == "environment"
        else f
        for f in config.forums
    )
    communities = tuple(
        dataclasses.replace(c, name_en="Pwll & <Bynea>") if c.id == "pwll" else c
        for c in config.communities
    )
    await sandbox.stop()
    sandbox.config = dataclasses.replace(sandbox.config, forums=forums, communities=communities)
    await sandbox.start()


def _every_label(sandbox: Sandbox) -> list[str]:
    labels: list[str] = []
    for call in sandbox.api.calls:
        markup = call.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in (markup or {}).get("inline_keyboard", []):
            labels.extend(button["text"] for button in row)
    return labels


async def test_names_with_ampersands_and_brackets_stay_plain_in_labels(
    sandbox: Sandbox, config: Config
) -> None:
    await _with_odd_names(sandbox, config)
    ann = sandbox.person("Ann &", last_name="<Bob>")
    await ann.join("en", forums=("Arts & <Crafts>",))
    await ann.send("/forums")
    assert "✅ Arts & <Crafts>" in ann.last.labels
    await ann.press("Arts & <Crafts>")
    assert ann.last_notice == "Left Arts & <Crafts>."
    await ann.send("/propose")
    await ann.press("Arts & <Crafts>")
    await ann.send("Paint the shelter\nBright colours by the harbour.")
    assert "Pwll & <Bynea>" in ann.last.labels
    await ann.press("Pwll & <Bynea>")
    await ann.press("Send")
    youth_convenor = sandbox.person("Iwan", user_id=YOUTH_CONVENOR)
    await youth_convenor.join("en")
    await youth_convenor.send("/meeting")
    assert youth_convenor.last.labels == ["Arts & <Crafts> (youth forum)"]
    # Ann is paused; an administrator lets her post again from the list.
    admin = sandbox.person("Ada", user_id=ADMIN)
    await admin.join("en")
    await admin.send("/review")
    await admin.press_data(admin.last, "rv:bl:1")
    await admin.send("/review")
    await admin.press("Paused people")
    assert f"Let {ODD} post again" in admin.last.labels
    shown = _every_label(sandbox)
    assert not [label for label in shown if re.search(r"&(amp|lt|gt|quot);", label)]


# ---- 19: a member's old onboarding buttons are stale ----------------------------------------


@pytest.mark.parametrize(
    "forged",
    ["ob:no:en", "ob:yes:en:13_15", "ob:yes:cy:prefer_not", "ob:age:en:under_13", "ob:lang:cy"],
)
async def test_a_members_onboarding_buttons_are_stale(
    sandbox: Sandbox, db_path: Path, forged: str
) -> None:
    ben = sandbox.person("Ben")
    await ben.join("en", "26–44", ("Transport",))
    before = query(db_path, "SELECT * FROM people WHERE telegram_id = ?", (ben.id,))
    screen = ben.last
    await ben.press_data(screen, forged)
    assert ben.last_notice == STALE
    assert ben.last == screen  # nothing redrawn: no "we have not stored anything about you"
    after = query(db_path, "SELECT * FROM people WHERE telegram_id = ?", (ben.id,))
    assert [tuple(r) for r in after] == [tuple(r) for r in before]
    ben_side = query(
        db_path, "SELECT age_band, language FROM people WHERE telegram_id = ?", (ben.id,)
    )
    assert tuple(ben_side[0]) == ("26_44", "en")


async def test_agree_twice_before_choosing_forums_changes_nothing(
    sandbox: Sandbox, db_path: Path
) -> None:
    """A double tap on "I agree" (or a forged one) shows the forum picker again, and nothing
    about the person is rewritten."""
    ben = sandbox.person("Ben")
    await ben.send("/start")
    await ben.press("English")
    await ben.press("26–44")
    consent = ben.last
    await ben.press("I agree")
    await ben.press_data(consent, "ob:yes:cy:16_17")
    assert "Which forums would you like to join?" in ben.last.text
    [row] = query(
        db_path, "SELECT age_band, language FROM people WHERE telegram_id = ?", (ben.id,)
    )
    assert tuple(row) == ("26_44", "en")
    await ben.press_data(consent, "ob:no:en")
    assert not any("not stored anything" in m.text for m in ben.messages())


# ---- 20: no spreadsheet formulas in CSV files -----------------------------------------------

FORMULAS = [
    '=HYPERLINK("https://evil.example","Click")',
    "+SUM(1,2) for the park",
    "-2+3 benches on the prom",
    "@SUM(1+1) in the square",
]


async def _formula_proposals(sandbox: Sandbox) -> SimPerson:
    ben = sandbox.person("Ben")
    await ben.join("en")
    for title in FORMULAS:
        await propose(ben, "Transport", f"{title}\n=1+1 in the detail too.")
        sandbox.clock.advance(timedelta(minutes=5))
    officer = sandbox.person("Olwen", user_id=OFFICER)
    await officer.join("en")
    await officer.send('/status P-0001 adopted =IMPORTXML("x","y")')
    return officer


def _no_formula_cells(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    return rows


async def test_open_data_csv_cells_cannot_run_as_formulas(sandbox: Sandbox) -> None:
    officer = await _formula_proposals(sandbox)
    await officer.send("/export")
    [call] = sandbox.api.sent("sendDocument", chat_id=officer.id)
    archive = zipfile.ZipFile(io.BytesIO(call.files["document"][1]))
    rows = _no_formula_cells(archive.read("proposals.csv").decode())
    titles = [row[rows[0].index("title")] for row in rows[1:]]
    assert titles == ["'" + title for title in FORMULAS]  # shown as written, never run
    _no_formula_cells(archive.read("status_history.csv").decode())
    # JSON is data, not a spreadsheet: it keeps the words exactly as written.
    proposals = json.loads(archive.read("proposals.json"))
    assert [p["title"] for p in proposals] == FORMULAS


async def test_digest_csv_cells_cannot_run_as_formulas(sandbox: Sandbox) -> None:
    officer = await _formula_proposals(sandbox)
    await officer.send("/digest")
    [csv_file] = [
        c.files["document"]
        for c in sandbox.api.sent("sendDocument", chat_id=officer.id)
        if c.files["document"][0].endswith(".csv")
    ]
    rows = _no_formula_cells(csv_file[1].decode())
    titles = [row[rows[0].index("title")] for row in rows[1:]]
    assert sorted(titles) == sorted("'" + title for title in FORMULAS)


# ---- 21: a button never reaches into someone else's chat ------------------------------------


@pytest.mark.parametrize(
    "forged", ["fm:done", "fm:join:transport", "pl:transport:n:0", "lang:set:cy", "ob:lang:en"]
)
async def test_a_forged_button_on_another_persons_message_touches_nothing(
    sandbox: Sandbox, db_path: Path, forged: str
) -> None:
    ann, bob = sandbox.person("Ann"), sandbox.person("Bob")
    await ann.join("en")
    await bob.join("en")
    await ann.send("/forums")
    before = api_calls_to(sandbox, ann.id)
    shown = ann.last
    await bob.press_data(ann.last, forged)
    assert api_calls_to(sandbox, ann.id) == before  # nothing edited or sent into Ann's chat
    assert ann.last == shown
    assert bob.last_notice == STALE
    [row] = query(db_path, "SELECT language FROM people WHERE telegram_id = ?", (bob.id,))
    assert row[0] == "en"
    memberships = query(
        db_path,
        "SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id WHERE p.telegram_id = ?",
        (bob.id,),
    )
    assert memberships == []
