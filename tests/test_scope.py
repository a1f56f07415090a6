"""Who may see and do what, where: issue 18's youth-privacy and permission findings.

Each test is one finding of the adversarial review, played as the hostile resident, careless
convenor or curious officer played it, through the real bot. Every one failed before the fix.
"""

from __future__ import annotations

import dataclasses
import io
import re
import sqlite3
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import Config
from bot.domain.roles import SCOPED_ACTIONS, Action, Grants, ScopeRequiredError, can
from bot.sandbox.scenario import Sandbox, SimPerson
from bot.store.migrations import MIGRATIONS
from tests.conftest import query
from tests.steps import report
from tests.test_proposals import propose

ADMIN, OFFICER = 1001, 1002
ENV_CONVENOR, ENV_YOUTH_CONVENOR, HEALTH_CONVENOR = 2001, 2101, 2002
TRANSPORT_CONVENOR = 2003
STALE = "That button is out of date. Please start again."
CONVENORS_ONLY = "Sorry, only forum convenors can do that."
GROUP = -100777


async def joined(
    sandbox: Sandbox, name: str, user_id: int | None = None, band: str = "45–64"
) -> SimPerson:
    """Someone who has been through onboarding, in English."""
    person = sandbox.person(name, user_id=user_id)
    await person.join("en", band)
    return person


def person_id(db_path: Path, person: SimPerson) -> int:
    """The bot's own id for someone (what its buttons carry)."""
    [row] = query(db_path, "SELECT id FROM people WHERE telegram_id = ?", (person.id,))
    return int(row[0])


def paused(db_path: Path, person: SimPerson) -> bool:
    rows = query(db_path, "SELECT blocked_at FROM people WHERE telegram_id = ?", (person.id,))
    return bool(rows) and rows[0][0] is not None


def status(db_path: Path, proposal_id: int) -> str:
    return str(query(db_path, "SELECT status FROM proposals WHERE id = ?", (proposal_id,))[0][0])


async def pause_author(convenor: SimPerson, proposal_id: int) -> None:
    """A convenor opens /review and presses "Pause the author" of a proposal."""
    await convenor.send("/review")
    await convenor.press_data(convenor.last, f"rv:bl:{proposal_id}")


def everything_sent_to(sandbox: Sandbox, person: SimPerson) -> str:
    """Every message, button, notice and file the bot sent this person."""
    parts = []
    for call in sandbox.api.calls:
        to_them = int(call.params.get("chat_id") or 0) == person.id
        if to_them or sandbox.presser(call) is person:
            parts.append(str(call.params) + str(call.files))
    return "\n".join(parts)


# ---- findings 1 and 2: paused people --------------------------------------------------------


async def test_only_that_forum_sides_convenors_see_and_lift_a_young_persons_pause(
    sandbox: Sandbox, db_path: Path
) -> None:
    serenwen = await joined(sandbox, "Serenwen", band="16–17")
    youth_convenor = await joined(sandbox, "Iwan", ENV_YOUTH_CONVENOR)
    adult_convenor = await joined(sandbox, "Gwen", ENV_CONVENOR)
    other_forum = await joined(sandbox, "Huw", HEALTH_CONVENOR)
    await propose(serenwen, "Environment", "Litter pick on the beach\nOnce a month.")
    await pause_author(youth_convenor, 1)
    assert paused(db_path, serenwen)
    for convenor in (other_forum, adult_convenor):
        await convenor.send("/review")
        await convenor.press("Paused people")
        assert "Nobody is paused" in convenor.last.text
        # Finding 2: a forged "let them post again" is a stale button, and changes nothing.
        await convenor.press_data(convenor.last, f"rv:ub:{person_id(db_path, serenwen)}")
        assert convenor.last_notice == STALE
        assert paused(db_path, serenwen)
        assert "Serenwen" not in everything_sent_to(sandbox, convenor)
    await youth_convenor.send("/review")
    await youth_convenor.press("Paused people")
    await youth_convenor.press("Let Serenwen post again")
    assert youth_convenor.last_notice == "Done."
    assert not paused(db_path, serenwen)


# ---- finding 3: withdrawn before approval ---------------------------------------------------


async def test_a_youth_proposal_withdrawn_before_approval_is_never_published(
    sandbox: Sandbox, db_path: Path
) -> None:
    serenwen = await joined(sandbox, "Serenwen", band="13–15")
    ben = await joined(sandbox, "Ben")
    officer = await joined(sandbox, "Olwen", OFFICER)
    await propose(serenwen, "Environment", "A secret youth idea\nNever approved.")
    await serenwen.send("/mine")
    await serenwen.press("Withdraw P-0001")
    await serenwen.press("Yes, withdraw it")
    assert status(db_path, 1) == "withdrawn"
    # An adult's proposal withdrawn after it was published stays in the public record.
    await propose(ben, "Transport", "A bus shelter by the park\nIt rains a lot.")
    await ben.send("/mine")
    await ben.press("Withdraw P-0002")
    await ben.press("Yes, withdraw it")
    await officer.send("/export")
    [call] = sandbox.api.sent("sendDocument", chat_id=officer.id)
    archive = zipfile.ZipFile(io.BytesIO(call.files["document"][1]))
    exported = " ".join(archive.read(name).decode() for name in archive.namelist())
    assert "A secret youth idea" not in exported
    assert "A bus shelter by the park" in exported
    await officer.send("/digest")
    assert "A secret youth idea" not in everything_sent_to(sandbox, officer)
    assert "A bus shelter by the park" in everything_sent_to(sandbox, officer)
    # Nobody else can find it by forging buttons either: it looks like no proposal at all.
    await ben.send("/proposals")
    await ben.press("Environment")
    for data in ("ps:+:1:environment:n:0", "ps:-:1:environment:n:0", "rp:1"):
        await ben.press_data(ben.last, data)
        assert ben.last_notice == STALE, data
    youth_convenor = await joined(sandbox, "Iwan", ENV_YOUTH_CONVENOR)
    await youth_convenor.send("/review")
    for data in ("rv:ap:1", "rv:hd:1", "rv:bl:1"):
        await youth_convenor.press_data(youth_convenor.last, data)
        assert youth_convenor.last_notice == STALE, data
    assert not paused(db_path, serenwen)


# ---- finding 4: officers and pending youth proposals ------------------------------------------


async def test_officers_neither_see_nor_approve_a_youth_proposal_awaiting_approval(
    sandbox: Sandbox, db_path: Path
) -> None:
    serenwen = await joined(sandbox, "Serenwen", band="16–17")
    officer = await joined(sandbox, "Olwen", OFFICER)
    await propose(serenwen, "Environment", "Skate park by the dunes\nFor everyone.")
    await officer.send("/status P-0099")
    nothing = officer.last.text
    assert nothing == "There is no proposal P-0099."
    for command in ("/status P-0001", "/status P-0001 open", "/status P-0001 adopted Great"):
        await officer.send(command)
        assert officer.last.text == nothing.replace("P-0099", "P-0001"), command
    await officer.press_data(officer.last, "st:1:submitted:open")
    assert officer.last_notice == STALE
    assert status(db_path, 1) == "submitted"
    assert "Skate park" not in everything_sent_to(sandbox, officer)
    # Once a youth convenor approves it, officers move it on, but never back to "open".
    youth_convenor = await joined(sandbox, "Iwan", ENV_YOUTH_CONVENOR)
    await youth_convenor.send("/review")
    await youth_convenor.press("Approve")
    await officer.send("/status P-0001")
    assert "Skate park by the dunes" in officer.last.text
    await officer.send("/status P-0001 open")
    assert "can't become" in officer.last.text


# ---- finding 5: a young person's group proposal, and a pause, in a group ---------------------


async def with_environment_group(sandbox: Sandbox, config: Config) -> None:
    """Give the (adult) Environment forum a Telegram group, and restart the bot with it."""
    forums = tuple(
        dataclasses.replace(f, chat_id=GROUP) if f.id == "environment" else f
        for f in config.forums
    )
    await sandbox.stop()
    sandbox.config = dataclasses.replace(sandbox.config, forums=forums)
    await sandbox.start()


async def test_the_group_never_learns_that_a_proposer_is_young_or_paused(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    await with_environment_group(sandbox, config)
    group = sandbox.group(GROUP, "Environment forum")
    serenwen = await joined(sandbox, "Serenwen", band="16–17")
    ben = await joined(sandbox, "Ben")
    youth_convenor = await joined(sandbox, "Iwan", ENV_YOUTH_CONVENOR)
    young = await serenwen.send("/propose Litter pick on the beach\nOnce a month.", group=group)
    adult = await ben.send("/propose Bus shelter by the park\nIt rains a lot.", group=group)
    [to_group_young] = [m for m in young if m.chat_id == GROUP]
    [to_group_adult] = [m for m in adult if m.chat_id == GROUP]
    assert to_group_young.text == to_group_adult.text  # the group cannot tell them apart
    assert "youth" not in to_group_young.text.lower()
    assert "A youth forum convenor will look at it" in serenwen.last.text  # privately
    assert "Proposal P-0002 is now in Environment" in ben.last.text
    assert "waiting for your approval" in youth_convenor.last.text
    await pause_author(youth_convenor, 1)
    paused_reply = await serenwen.send("/propose Another idea for the beach\nSoon.", group=group)
    [to_group_paused] = [m for m in paused_reply if m.chat_id == GROUP]
    assert to_group_paused.text == to_group_adult.text
    assert "paused your account" in serenwen.last.text  # privately
    group_text = " ".join(m.text for m in serenwen.messages(GROUP))
    assert "paused" not in group_text and "youth" not in group_text.lower()
    assert len(query(db_path, "SELECT * FROM proposals")) == 2  # nothing stored while paused


async def test_a_group_proposer_the_bot_cannot_reach_privately_is_asked_to_open_a_chat(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    await with_environment_group(sandbox, config)
    group = sandbox.group(GROUP, "Environment forum")
    serenwen = await joined(sandbox, "Serenwen", band="16–17")
    sandbox.api.blocked.add(serenwen.id)
    [answer] = await serenwen.send("/propose Litter pick on the beach\nOnce a month.", group=group)
    assert "could not send you a private message" in answer.text
    assert "youth" not in answer.text.lower() and "P-0001" not in answer.text
    assert len(query(db_path, "SELECT * FROM proposals")) == 1  # kept all the same


# ---- finding 8: only the author withdraws -----------------------------------------------------


async def test_an_officer_cannot_withdraw_a_residents_proposal(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = await joined(sandbox, "Ben")
    officer = await joined(sandbox, "Olwen", OFFICER)
    await propose(ben, "Transport", "A bus shelter by the park\nIt rains a lot.")
    await officer.send("/status P-0001")
    await officer.press_data(officer.last, "st:1:open:withdrawn")
    assert officer.last_notice == STALE
    await officer.press_data(officer.last, "st:nonote")
    await officer.send("Withdrawn by the council.")
    assert status(db_path, 1) == "open"
    assert not any("withdrawn" in m.text for m in ben.messages())


# ---- finding 10: meeting input ----------------------------------------------------------------


async def test_meeting_input_goes_only_into_a_forum_side_the_convenor_convenes(
    sandbox: Sandbox, db_path: Path
) -> None:
    gwen = await joined(sandbox, "Gwen", ENV_CONVENOR)
    await gwen.send("/meeting")
    assert gwen.last.labels == ["Environment"]
    await gwen.press("Environment")
    await gwen.press_data(gwen.last, "pp:f:health")  # forged: Health is not hers
    await gwen.send("Benches on the prom\nRaised at the meeting.")
    await gwen.press("The whole area")
    await gwen.press("Send")
    assert query(db_path, "SELECT * FROM proposals WHERE forum_id = 'health'") == []
    await gwen.press_data(gwen.last, "mt:environment:youth")  # nor the youth side
    assert gwen.last_notice == "Sorry, only forum convenors can record meeting input."


async def test_a_paused_convenor_cannot_record_meeting_input(
    sandbox: Sandbox, db_path: Path
) -> None:
    """The policy: a pause stops everything posted under the person's name, meeting input
    included; it takes no role away (docs/features.md,
    bot/telegram/handlers/convenor/meeting.py)."""
    gwen = await joined(sandbox, "Gwen", ENV_CONVENOR)
    admin = await joined(sandbox, "Ann", ADMIN)
    await propose(gwen, "Environment", "Benches on the prom\nMy own idea.")
    await gwen.send("/meeting")
    await gwen.press("Environment")
    await gwen.send("Bins by the lifeboat station\nRaised at the meeting.")
    await gwen.press("The whole area")  # at the preview when the pause comes
    await pause_author(admin, 1)
    await gwen.press("Send")
    assert "paused your account" in (gwen.last_notice or "")
    await gwen.send("/meeting")
    assert "paused your account" in gwen.last.text
    assert len(query(db_path, "SELECT * FROM proposals")) == 1
    await gwen.send("/review")  # her other convenor work goes on
    assert "Nothing is waiting for review" in gwen.last.text


# ---- finding 11: reporting what you cannot see ------------------------------------------------


async def test_reporting_a_proposal_you_cannot_see_looks_like_a_stale_button(
    sandbox: Sandbox, db_path: Path
) -> None:
    serenwen = await joined(sandbox, "Serenwen", band="16–17")
    youth_convenor = await joined(sandbox, "Iwan", ENV_YOUTH_CONVENOR)
    ben = await joined(sandbox, "Ben")
    await propose(serenwen, "Environment", "Skate park by the dunes\nFor everyone.")
    await ben.send("/proposals")
    await ben.press("Environment")
    await ben.press_data(ben.last, "rp:99")
    nothing = ben.last_notice
    assert nothing == STALE
    await ben.press_data(ben.last, "rp:1")
    assert ben.last_notice == nothing
    assert query(db_path, "SELECT * FROM reports") == []
    assert not any("reported" in m.text for m in youth_convenor.messages())


# ---- finding 12: residents and convenor screens -----------------------------------------------


@pytest.mark.parametrize("data", ["rv:i:0", "rv:hl", "rv:bk", "rv:ub:1", "rv:ok:1"])
async def test_a_resident_pressing_a_review_button_is_refused(sandbox: Sandbox, data: str) -> None:
    ben = await joined(sandbox, "Ben")
    await ben.send("/help")
    before = len(sandbox.api.sent("editMessageText"))
    await ben.press_data(ben.last, data)
    assert ben.last_notice == CONVENORS_ONLY
    assert len(sandbox.api.sent("editMessageText")) == before  # no convenor screen drawn


# ---- finding 14: reports after Keep -----------------------------------------------------------


async def test_a_new_report_after_keep_is_reviewed_and_the_convenors_told_again(
    sandbox: Sandbox,
) -> None:
    ben, cai, dai, eve = [await joined(sandbox, name) for name in ("Ben", "Cai", "Dai", "Eve")]
    tom = await joined(sandbox, "Tom", TRANSPORT_CONVENOR)
    await propose(ben, "Transport", "A bus shelter by the park\nIt rains a lot.")

    def told() -> int:
        return sum("A member reported P-0001" in m.text for m in tom.messages())

    for reporter in (cai, dai):
        await reporter.send("/proposals")
        await reporter.press("Transport")
    await report(cai, "P-0001")
    assert told() == 1
    await tom.send("/review")
    await tom.press("Keep")
    await report(dai, "P-0001")
    assert told() == 2
    await tom.send("/review")
    assert "Reported by 1 member" in tom.last.text
    await eve.send("/proposals")
    await eve.press("Transport")
    await report(eve, "P-0001")  # the same round: the convenors know already
    assert told() == 2
    await tom.send("/review")
    assert "Reported by 2 members" in tom.last.text


# ---- finding 22: /forget then /start ------------------------------------------------------------


async def test_a_pause_survives_forget_and_joining_again(sandbox: Sandbox, db_path: Path) -> None:
    ben = await joined(sandbox, "Ben")
    tom = await joined(sandbox, "Tom", TRANSPORT_CONVENOR)
    await propose(ben, "Transport", "Rude words here\nNot suitable.")
    await pause_author(tom, 1)
    await ben.send("/forget")
    await ben.press("Delete my data")
    tables = [r[0] for r in query(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:  # the pause is kept, but not the Telegram id: only a one-way hash
        assert str(ben.id) not in str([tuple(r) for r in query(db_path, f"SELECT * FROM {table}")])
    await ben.join("en")
    await ben.send("/propose")
    assert "paused your account" in ben.last.text
    await tom.send("/review")
    await tom.press("Paused people")
    await tom.press("Let Ben post again")
    await propose(ben, "Transport", "A bus shelter by the park\nIt rains a lot.")
    assert "Your proposal is P-0002" in ben.last.text
    assert query(db_path, "SELECT * FROM departed_pauses") == []  # back on the person


async def test_the_daily_limit_survives_forget_and_joining_again(
    sandbox: Sandbox, db_path: Path
) -> None:
    ben = await joined(sandbox, "Ben")
    for n in range(5):
        await propose(ben, "Transport", f"Transport idea number {n}\nDetail.")
    await ben.send("/forget")
    await ben.press("Delete my data")
    await ben.join("en")
    await propose(ben, "Transport", "Transport idea number 6\nDetail.")
    assert "which is the daily limit" in ben.last.text
    sandbox.clock.advance(timedelta(days=1))
    await ben.press("Send")
    assert "Your proposal is P-0006" in ben.last.text
    assert query(db_path, "SELECT COUNT(*) FROM departed_posts")[0][0] == 5
    sandbox.clock.advance(timedelta(days=3))
    await ben.send("/forget")
    await ben.press("Delete my data")
    assert query(db_path, "SELECT COUNT(*) FROM departed_posts")[0][0] == 0  # kept two days


# ---- the class: no scoped check without its scope ----------------------------------------------


@pytest.mark.parametrize("action", sorted(SCOPED_ACTIONS))
def test_a_scoped_action_cannot_be_checked_for_any_forum_side(action: Action) -> None:
    """ "Any forum" was how a convenor of one forum came to lift a pause made in another."""
    for grants in (Grants(), Grants(admin=True)):
        with pytest.raises(ScopeRequiredError):
            can(grants, action)


# ---- upgrading a database from before these rules -------------------------------------------


def _legacy_database(db_path: Path) -> None:
    """A database at migration 7: a young person's proposal withdrawn before approval, and
    that young person paused from it (before pauses recorded their forum side)."""
    connection = sqlite3.connect(db_path)
    for statements in MIGRATIONS[:7]:
        for statement in statements:
            connection.execute(statement)
    now = "2026-11-20T10:00:00.000000Z"
    connection.execute(
        """INSERT INTO people (id, telegram_id, display_name, language, age_band, consent_at,
               onboarded_at, last_seen_at, blocked_at)
           VALUES (1, 600001, 'Serenwen', 'en', '16_17', ?, ?, ?, ?)""",
        (now, now, now, now),
    )
    connection.execute(
        """INSERT INTO proposals (id, forum_id, side, author_id, title, detail, language,
               status, text_hash, created_at, status_changed_at)
           VALUES (1, 'environment', 'youth', 1, 'A legacy secret', '', 'en', 'withdrawn',
                   'x', ?, ?)""",
        (now, now),
    )
    connection.executemany(
        """INSERT INTO status_history (proposal_id, from_status, to_status, changed_at)
           VALUES (1, ?, ?, ?)""",
        [(None, "submitted", now), ("submitted", "withdrawn", now)],
    )
    connection.execute(
        """INSERT INTO moderation_log (actor_id, action, target, reason, at)
           VALUES (NULL, 'block', 'person:1', 'P-0001', ?)""",
        (now,),
    )
    connection.execute("PRAGMA user_version = 7")
    connection.commit()
    connection.close()


async def test_an_older_database_learns_who_may_see_what(config: Config, db_path: Path) -> None:
    _legacy_database(db_path)
    async with Sandbox(config, db_path) as sandbox:
        officer = await joined(sandbox, "Olwen", OFFICER)
        await officer.send("/export")
        [call] = sandbox.api.sent("sendDocument", chat_id=officer.id)
        archive = zipfile.ZipFile(io.BytesIO(call.files["document"][1]))
        assert "A legacy secret" not in archive.read("proposals.csv").decode()
        for user_id, sees in ((ENV_YOUTH_CONVENOR, True), (ENV_CONVENOR, False)):
            convenor = await joined(sandbox, f"Convenor{user_id}", user_id)
            await convenor.send("/review")
            await convenor.press("Paused people")
            assert ("Let Serenwen post again" in convenor.last.labels) is sees
        assert sandbox.errors == []


# ---- found while fixing these: answers and reviewers -----------------------------------------


async def test_a_reply_button_works_only_for_someone_the_prompt_was_sent_to(
    sandbox: Sandbox, db_path: Path
) -> None:
    from tests.test_prompts import send_prompt

    seren = sandbox.person("Seren")
    await seren.join("en", "16–17", ("Environment",))
    convenor = await joined(sandbox, "Gwen", ENV_YOUTH_CONVENOR)
    await send_prompt(convenor, "Environment (youth forum)", {"en": "Tell us about the park."})
    [prompt_id] = [r[0] for r in query(db_path, "SELECT id FROM prompts")]
    adult = await joined(sandbox, "Eve")
    await adult.send("/help")
    await adult.press_data(adult.last, f"pa:{prompt_id}")  # forged: not sent to her
    assert adult.last_notice == STALE
    await adult.send("The park is fine.")
    assert query(db_path, "SELECT * FROM answers") == []
    await seren.press("Reply")
    await seren.send("The park needs a shelter.")
    assert [r[0] for r in query(db_path, "SELECT text FROM answers")] == [
        "The park needs a shelter."
    ]


async def test_a_paused_person_answering_in_the_group_is_told_privately(
    sandbox: Sandbox, config: Config, db_path: Path
) -> None:
    from tests.test_prompts import GROUP as PROMPT_GROUP
    from tests.test_prompts import TEXTS, members, send_prompt, with_groups

    await with_groups(sandbox, config)
    [ben] = await members(sandbox, ("Ben", "en", "26–44"))
    convenor = await joined(sandbox, "Gwen", ENV_CONVENOR)
    await send_prompt(convenor, "Environment", TEXTS)
    await propose(ben, "Environment", "Litter bins on the prom\nThey overflow every weekend.")
    [proposal_id] = [r[0] for r in query(db_path, "SELECT id FROM proposals")]
    await pause_author(convenor, proposal_id)
    assert paused(db_path, ben)
    [post] = ben.messages(PROMPT_GROUP)
    before = len(sandbox.api.chat_messages(PROMPT_GROUP))
    shown = await ben.send("x" * 3000, group=sandbox.group(PROMPT_GROUP), reply_to=post)
    assert [m.chat_id for m in shown] == [ben.id]  # nothing in the group
    assert len(sandbox.api.chat_messages(PROMPT_GROUP)) == before + 1  # only his own message
    assert "can't send answers at the moment" in ben.last.text
    assert query(db_path, "SELECT * FROM answers") == []


async def test_convenors_invited_by_code_hear_about_approvals_and_reports(
    sandbox: Sandbox, db_path: Path
) -> None:
    admin = await joined(sandbox, "Ada", ADMIN)
    await admin.send("/invite convenor environment youth")
    code = re.search(r"\(youth forum\): (\w+)", admin.last.text)
    assert code is not None
    invited = await joined(sandbox, "Iolo")
    await invited.send(f"/start {code[1]}")
    assert "You are now a convenor of Environment (youth forum)." in invited.last.text
    seren = sandbox.person("Seren")
    await seren.join("en", "16–17", ("Environment",))
    await propose(seren, "Environment", "A skate park by the harbour\nSomewhere to meet.")
    assert "is waiting for your approval" in invited.last.text
    [proposal_id] = [r[0] for r in query(db_path, "SELECT id FROM proposals")]
    await invited.send("/review")
    await invited.press("Approve")
    ben = await joined(sandbox, "Ben")
    await ben.send("/proposals")
    await ben.press("Environment")
    await report(ben, "P-0001")
    assert "P-0001" in invited.last.text and proposal_id == 1
