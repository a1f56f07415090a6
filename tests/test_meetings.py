"""Forum meetings (issue 15), end to end with the controllable clock: a convenor plans one for
adults and young people together, members answer (and change their answer), reminders go the
day before and two hours before to those coming or maybe — once each, across a restart and a
clock change — the calendar file parses and holds the right local time, and a cancellation
reaches everyone invited; bad input refused politely."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from bot.sandbox.fake_bot_api import FakeGroup
from bot.sandbox.scenario import Sandbox, SimPerson
from tests.conftest import query

ADMIN = 1001  # convenes both sides of every forum
GROUP = -1009876500
LONDON = ZoneInfo("Europe/London")


async def _forum(sandbox: Sandbox) -> tuple[SimPerson, SimPerson, SimPerson, SimPerson]:
    sandbox.clock.set(
        datetime(2027, 3, 20, 10, 0, tzinfo=UTC)
    )  # a week before the clocks go forward
    admin = sandbox.person("Alaw", user_id=ADMIN)
    await admin.join("en")
    ben, cai = sandbox.person("Ben"), sandbox.person("Cai", language_code="cy")
    await ben.join("en", forums=("Environment",))
    await cai.join("cy", forums=("Amgylchedd",))
    young = sandbox.person("Yan")
    await young.join("en", "16–17", ("Environment",))
    return admin, ben, cai, young


async def _plan(admin: SimPerson, when: str, place: str = "Burry Port Memorial Hall") -> None:
    await admin.send("/forum_meeting")
    await admin.press("📅 Plan a meeting")
    await admin.press("Environment (adults and young people together)")
    await admin.send(when)
    await admin.send(place)
    await admin.press("✉️ Send the invitations")


def _reminders(person: SimPerson) -> list[str]:
    return [m.text for m in person.messages() if m.text.startswith(("⏰",))]


async def test_invitation_answers_reminders_and_calendar(sandbox: Sandbox, db_path: Path) -> None:
    admin, ben, cai, young = await _forum(sandbox)
    await _plan(admin, "1/4 19:00")  # Thursday 1 April 2027, after the clocks go forward
    assert "Invitations sent to 3 members" in admin.last.text
    assert "You are invited: a meeting of the forum Environment" in ben.last.text
    assert "Thursday, 1 April 2027 at 19:00" in ben.last.text
    assert "Gwahoddiad: cyfarfod fforwm Amgylchedd" in cai.last.text
    assert "Dydd Iau, 1 Ebrill 2027, 19:00" in cai.last.text
    await ben.press("✅ Coming")
    assert ben.last_notice == "Thank you — see you there. Tap another answer to change it."
    await cai.press("🤔 Efallai")
    await young.press("✅ Coming")
    await young.press("❌ Can't come")  # changed: no reminders for Yan
    await admin.send("/forum_meeting")
    assert "✅ Coming 1 · 🤔 Maybe 1 · ❌ Can't come 1 (young people: 1)" in admin.last.text
    await ben.press("🗓 Add to my calendar")
    [call] = sandbox.api.sent("sendDocument", chat_id=ben.id)
    name, content = call.files["document"]
    assert name == "cydlais-meeting-1.ics"
    event = next(c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT")
    start = event.decoded("dtstart")
    assert start.astimezone(LONDON).hour == 19 and start.utcoffset().total_seconds() == 3600  # BST
    assert str(event.get("location")) == "Burry Port Memorial Hall"
    assert str(event.get("description")) == "Held in Welsh and English"
    sandbox.clock.set(datetime(2027, 3, 31, 18, 5, tzinfo=UTC))  # 19:05 BST the day before
    await sandbox.run_job("tick")
    await sandbox.restart()
    await sandbox.run_job("tick")  # never twice, restart or not
    assert len(_reminders(ben)) == 1 and len(_reminders(cai)) == 1 and _reminders(young) == []
    sandbox.clock.set(datetime(2027, 4, 1, 16, 1, tzinfo=UTC))  # 17:01 BST: two hours before
    await sandbox.run_job("tick")
    await sandbox.run_job("tick")
    assert len(_reminders(ben)) == 2
    sandbox.clock.set(datetime(2027, 4, 1, 19, 0, tzinfo=UTC))  # it has begun: answers closed
    await ben.press("❌ Can't come")
    assert ben.last_notice == "That meeting is no longer open for answers."
    kinds = query(db_path, "SELECT kind, COUNT(*) AS n FROM outbox GROUP BY kind ORDER BY kind")
    assert {r["kind"]: r["n"] for r in kinds}["meeting_reminder"] == 4


async def test_cancelling_tells_everyone_and_bad_input_is_refused(
    sandbox: Sandbox, db_path: Path
) -> None:
    admin, ben, cai, young = await _forum(sandbox)
    await admin.send("/forum_meeting")
    await admin.press("📅 Plan a meeting")
    await admin.press("Environment (adults and young people together)")
    await admin.send("next Thursday")
    assert "Please type the date and time like this" in admin.last.text
    await admin.send("31/2 19:00")
    assert "Please type the date and time like this" in admin.last.text
    await admin.send("2027-03-19 19:00")
    assert "That time has passed" in admin.last.text
    await admin.send("1/4/2029 19:00")
    assert "more than a year away" in admin.last.text
    await admin.send("1/4 7pm")
    await admin.send("Hall " * 60)
    assert "too long for a place" in admin.messages()[-2].text
    await admin.send("The Hall")
    await admin.press("✉️ Send the invitations")
    await ben.press("✅ Coming")
    await ben.send("/forum_meeting")
    assert "only forum convenors" in ben.last.text
    await ben.press_data(ben.last, "fmt:x:1")
    assert "only forum convenors" in (ben.last_notice or "")
    outsider = sandbox.person("Olly")
    await outsider.join("en", forums=("Transport",))
    await outsider.press_data(outsider.last, "fma:1:coming")  # not invited
    assert outsider.last_notice == "That meeting is no longer open for answers."
    await admin.send("/forum_meeting")
    await admin.press("✖️ Cancel: Environment (adults and young people together)")
    for person in (ben, cai, young):
        assert person.last.text.startswith("❌"), person.name
    await ben.press("🤔 Maybe")
    assert ben.last_notice == "That meeting is no longer open for answers."
    sandbox.clock.set(datetime(2027, 3, 31, 18, 5, tzinfo=UTC))
    await sandbox.run_job("tick")
    assert _reminders(ben) == []  # a cancelled meeting has no reminders
    log = query(db_path, "SELECT action FROM moderation_log WHERE target = 'meeting:1'")
    assert [r["action"] for r in log] == ["meeting", "cancel_meeting"]


async def test_attendance_goes_into_the_digest_and_open_data(sandbox: Sandbox) -> None:
    admin, ben, _, _ = await _forum(sandbox)
    await _plan(admin, "23/3 19:00")  # Tuesday 23 March 2027
    await ben.press("✅ Coming")
    sandbox.clock.set(datetime(2027, 3, 23, 21, 30, tzinfo=UTC))
    await admin.send("/forum_meeting")
    await admin.press("📝 How many came: Environment (adults and young people together)")
    await admin.send("lots")
    assert "Please type two numbers" in admin.last.text
    await admin.send("14 3")
    assert "Recorded: adults 14, young people 3." in admin.last.text
    officer = sandbox.person("Olwen", user_id=1002)
    await officer.join("en")
    sandbox.clock.set(datetime(2027, 3, 29, 8, 0, tzinfo=UTC))  # Monday 09:00 BST
    await sandbox.run_job("digest")
    digest = "\n".join(m.text for m in officer.messages())
    assert "Forum meetings this week" in digest
    assert "came: adults 14, young people 3; answers: coming 1, maybe 0, can't 0" in digest
    await officer.send("/export")
    export = sandbox.api.sent("sendDocument", chat_id=officer.id)[-1]
    archive = zipfile.ZipFile(io.BytesIO(export.files["document"][1]))
    [meeting] = json.loads(archive.read("meetings.json"))
    assert (meeting["invited"], meeting["coming"], meeting["attended_youth"]) == (3, 1, 3)


async def test_a_change_of_time_reaches_everyone_and_moves_the_reminders(
    sandbox: Sandbox, db_path: Path
) -> None:
    admin, ben, cai, young = await _forum(sandbox)
    await _plan(admin, "25/3 19:00")
    await ben.press("✅ Coming")
    sandbox.clock.set(datetime(2027, 3, 24, 19, 5, tzinfo=UTC))  # the day before: reminded
    await sandbox.run_job("tick")
    assert len(_reminders(ben)) == 1
    await admin.send("/forum_meeting")
    await admin.press("✏️ Change: Environment (adults and young people together)")
    await admin.send("yesterday")
    assert "Please type the date and time like this" in admin.last.text
    await admin.send("1/4 18:30")
    await admin.send("-")  # the same place
    assert "everyone invited is being told" in admin.last.text
    for person in (ben, cai, young):
        assert "🔄" in person.last.text, person.name
    assert "18:30" in ben.last.text and "Burry Port Memorial Hall" in ben.last.text
    sandbox.clock.set(datetime(2027, 3, 31, 17, 35, tzinfo=UTC))  # the day before the new date
    await sandbox.run_job("tick")
    assert len(_reminders(ben)) == 2  # reminded again, for the new time
    await admin.send("/forum_meeting")
    await admin.press("✏️ Change: Environment (adults and young people together)")
    await admin.send("-")
    await admin.send("-")
    assert admin.last.text == "Nothing changed."
    log = query(db_path, "SELECT action FROM moderation_log WHERE action = 'change_meeting'")
    assert len(log) == 1


async def test_open_space_from_offers_to_the_agenda(sandbox: Sandbox, db_path: Path) -> None:
    admin, ben, cai, young = await _forum(sandbox)
    sandbox.api.groups[GROUP] = FakeGroup("Environment group")
    group = sandbox.group(GROUP, "Environment group")
    await admin.send("/link", group=group)
    await admin.press("Environment")
    await _plan(admin, "1/4 19:00")
    await ben.press("💡 Offer a session")  # not answered yet: hosts are those who come
    await ben.send("Litter on the beach")
    assert "Please answer Coming or Maybe first" in ben.last.text
    await ben.press("✅ Coming")
    await cai.press("✅ Dod")
    await young.press("🤔 Maybe")
    await ben.press("💡 Offer a session")
    await ben.send("🌊🌊")
    assert "short title in words" in ben.last.text
    await ben.send("Litter on the beach")
    assert "“Litter on the beach” is offered" in ben.last.text
    await ben.press("💡 Offer a session")
    await ben.send("litter on the beach!")
    assert "offered that session already" in ben.last.text
    await ben.send("/cancel")
    await ben.press("💡 Offer a session")
    await ben.send("Bins by the harbour")  # Ben hosts two: never at the same time
    await young.press("💡 Offer a session")
    await young.send("A skate park")
    assert "a youth worker will look at “A skate park”" in young.last.text
    await cai.press("🙋 Sesiynau")
    assert "A skate park" not in cai.last.text  # waiting: nobody sees it yet
    assert "A young person offers an Open Space session" in admin.last.text
    await ben.press_data(ben.last, "fms:r:3:1")  # not a youth convenor
    assert "only forum convenors" in (ben.last_notice or "")
    await admin.press("✅ Approve")
    assert admin.last_notice == "Approved."
    for person, sessions in ((cai, "🙋 Sesiynau"), (young, "🙋 Sessions")):
        await person.press(sessions)
        await person.press("🙋 Litter on the beach")
    await cai.press("✓ Litter on the beach")  # taken back …
    await cai.press("🙋 Litter on the beach")  # … and again: counted once
    assert "Litter on the beach — wedi ymuno: 3" in cai.last.text  # Cai reads Welsh
    await admin.send("/forum_meeting")
    await admin.press("🧩 Open Space agenda")
    await admin.send("19:15 19:45")
    await admin.send("Main hall 40; Room two")
    assert "could not read that" in admin.last.text
    await admin.send("Main hall 40; Room 2 12")
    assert "The agenda has gone to 3 people coming or maybe." in admin.last.text
    agenda = ben.last.text
    assert "Open Space agenda: Environment" in agenda
    first, second = agenda.split("19:15")[1].split("19:45")
    assert "Main hall: Litter on the beach" in first  # the most wanted, the largest space
    assert "Bins by the harbour" in second  # its host is busy at 19:15
    assert "Agenda Gofod Agored" in cai.last.text  # each in their own language
    posted = [m["text"] for m in sandbox.api.chat_messages(GROUP) if "🧩" in m.get("text", "")]
    assert len(posted) == 1 and posted[0].index("Gofod Agored") < posted[0].index("Open Space")
    sandbox.clock.set(datetime(2027, 4, 1, 21, 5, tzinfo=UTC))  # 22:05 BST: the harvest
    await sandbox.run_job("tick")
    await young.press("📝 Send the notes")
    await young.send("A skate park on the old car park by the harbour.")
    assert "old car park" in admin.last.text  # a young host's notes: to convenors only …
    assert "old car park" not in cai.last.text and "old car park" not in ben.last.text
    signups = query(db_path, "SELECT COUNT(*) AS n FROM session_signups")
    assert signups[0]["n"] == 5  # 3 hosts + Cai and Yan on the litter session


async def test_the_harvest_reaches_those_who_came_and_the_convenors(
    sandbox: Sandbox, db_path: Path
) -> None:
    admin, ben, cai, young = await _forum(sandbox)
    await _plan(admin, "23/3 19:00")
    for person, label in ((ben, "✅ Coming"), (cai, "✅ Dod"), (young, "❌ Can't come")):
        await person.press(label)
    await ben.press("💡 Offer a session")
    await ben.send("Litter on the beach")
    sandbox.clock.set(datetime(2027, 3, 23, 21, 30, tzinfo=UTC))  # ended 21:00; not yet
    await sandbox.run_job("tick")
    assert "Thank you for hosting" not in ben.last.text
    sandbox.clock.set(datetime(2027, 3, 23, 22, 5, tzinfo=UTC))
    await sandbox.run_job("tick")
    await sandbox.run_job("tick")  # asked once
    asks = [m for m in ben.messages() if "Thank you for hosting" in m.text]
    assert len(asks) == 1
    await cai.press_data(cai.last, "fms:n:1")  # not the host
    await ben.press("📝 Send the notes")
    await ben.send_photo()  # the flip chart, before the words
    assert "Photo kept (1 so far)" in ben.last.text
    await ben.send("Bins at both slipways; a monthly clean-up with the school.")
    assert "on their way" in ben.last.text
    notes_to_cai = [m for m in cai.messages() if "Nodiadau o'r sesiwn" in m.text]
    assert len(notes_to_cai) == 1 and cai.last.kind == "photo"  # the flip chart follows
    photos = [c.params["photo"] for c in sandbox.api.sent("sendPhoto", admin.id)]
    assert len(photos) == 1 and str(photos[0]).endswith("-1280")
    assert not sandbox.api.sent("sendPhoto", young.id)  # said they could not come
    assert "monthly clean-up" in admin.messages()[-2].text  # the convenor (an admin here)
    assert "monthly clean-up" not in young.last.text  # said they could not come
    notes = query(db_path, "SELECT notes FROM sessions")[0]["notes"]
    assert notes.startswith("Bins at both slipways")
    assert "Record a proposal" not in str(cai.last.buttons)  # for convenors only
    await admin.press("📝 Record a proposal from these notes")
    await admin.send("Bins at both slipways\nRaised at the forum meeting's litter session.")
    await admin.press("The whole area")
    await admin.press("Send")
    row = query(db_path, "SELECT meeting_input, meeting_id, side FROM proposals")[0]
    assert tuple(row) == (1, 1, "adult")
    officer = sandbox.person("Olwen", user_id=1002)
    await officer.join("en")
    sandbox.clock.set(datetime(2027, 3, 29, 8, 0, tzinfo=UTC))
    await sandbox.run_job("digest")
    digest = "\n".join(m.text for m in officer.messages())
    assert "1 proposal recorded from it" in digest


async def _two_sessions(
    sandbox: Sandbox, spaces: str
) -> tuple[SimPerson, SimPerson, SimPerson, SimPerson]:
    """Everyone coming; Ben offers "Litter on the beach", Cai "Biniau ger yr harbwr"; one
    slot, these ``spaces``, and the agenda sent."""
    admin, ben, cai, young = await _forum(sandbox)
    await _plan(admin, "1/4 19:00")
    for person, label in ((ben, "✅ Coming"), (cai, "✅ Dod"), (young, "✅ Coming")):
        await person.press(label)
    await ben.press("💡 Offer a session")
    await ben.send("Litter on the beach")
    await cai.press("💡 Cynnig sesiwn")
    await cai.send("Biniau ger yr harbwr")
    await admin.send("/forum_meeting")
    await admin.press("🧩 Open Space agenda")
    await admin.send("19:15")
    await admin.send(spaces)
    return admin, ben, cai, young


async def test_a_full_space_offers_the_sessions_with_room(sandbox: Sandbox, db_path: Path) -> None:
    """Issue 15: capacity is respected once the agenda places sessions in spaces: joining a
    full one is refused kindly, with the sessions that still have room."""
    _, _, cai, young = await _two_sessions(sandbox, "Hall 2; Corner 2")
    await cai.press("🙋 Sesiynau")
    await cai.press("🙋 Litter on the beach")  # Ben (host) and Cai: the space is full
    await young.press("🙋 Sessions")
    await young.press("🙋 Litter on the beach")
    assert "“Litter on the beach” is full: its space holds 2" in young.last.text
    assert young.last.labels == ["🙋 Biniau ger yr harbwr"]
    await young.press("🙋 Biniau ger yr harbwr")
    assert young.last_notice == "Signed up."
    await cai.press("✓ Litter on the beach")  # taking one's place back is always possible
    rows = query(db_path, "SELECT session_id, COUNT(*) AS n FROM session_signups GROUP BY 1")
    assert [tuple(r) for r in rows] == [(1, 1), (2, 2)]


async def test_an_agenda_changed_by_sign_ups_is_sent_again_once(
    sandbox: Sandbox, db_path: Path
) -> None:
    """Issue 15: the agenda is posted again when sign-ups or new sessions change where a
    session goes — once for a flurry of changes, and not at all when nothing moved."""
    _, ben, cai, young = await _two_sessions(sandbox, "Hall 40; Corner 5")

    def agendas(person: SimPerson) -> list[str]:
        return [m.text for m in person.messages() if "🧩" in m.text]

    assert len(agendas(ben)) == 1 and "Hall: Litter on the beach" in agendas(ben)[0]
    await young.press("🙋 Sessions")
    await young.press("🙋 Biniau ger yr harbwr")  # now the most wanted: it takes the hall
    await ben.press("🙋 Sessions")
    await ben.press("🙋 Biniau ger yr harbwr")  # a second change in the same ten minutes
    await sandbox.run_job("tick")
    assert len(agendas(ben)) == 1  # not at once: changes are gathered
    sandbox.clock.set(sandbox.clock.now() + timedelta(minutes=25))
    await sandbox.run_job("tick")
    assert len(agendas(ben)) == 2 and "Hall: Biniau ger yr harbwr" in agendas(ben)[1]
    await cai.press("🙋 Sesiynau")
    await cai.press("✓ Biniau ger yr harbwr")  # one fewer, still the most wanted: no move
    sandbox.clock.set(sandbox.clock.now() + timedelta(minutes=25))
    await sandbox.run_job("tick")
    assert len(agendas(ben)) == 2


async def test_the_invitation_says_which_language_the_meeting_is_held_in(
    sandbox: Sandbox, db_path: Path
) -> None:
    admin, ben, _, _ = await _forum(sandbox)
    await admin.send("/forum_meeting")
    await admin.press("📅 Plan a meeting")
    await admin.press("Environment (adults and young people together)")
    await admin.send("1/4 19:00")
    await admin.send("Burry Port Memorial Hall")
    assert "✓ Held in Welsh and English" in admin.last.labels  # both, unless chosen
    await admin.press("Held in Welsh")
    assert "✓ Held in Welsh" in admin.last.labels
    await admin.press("✉️ Send the invitations")
    assert "🗣 Held in Welsh" in ben.last.text
    assert [r[0] for r in query(db_path, "SELECT language FROM meetings")] == ["cy"]


async def test_a_meeting_for_young_people_in_the_quiet_hours_is_flagged(sandbox: Sandbox) -> None:
    admin, *_ = await _forum(sandbox)
    await admin.send("/forum_meeting")
    await admin.press("📅 Plan a meeting")
    await admin.press("Environment (adults and young people together)")
    await admin.send("1/4 21:30")
    await admin.send("Burry Port Memorial Hall")
    assert "in the quiet hours (21:00–08:00), late for young people" in admin.last.text
    await admin.send("/cancel")
    await admin.send("/forum_meeting")
    await admin.press("📅 Plan a meeting")
    await admin.press("Environment")  # adults only: no warning
    await admin.send("1/4 21:30")
    await admin.send("Burry Port Memorial Hall")
    assert "quiet hours" not in admin.last.text
