"""Forum meetings as people see them: the convenor's steps (/forum_meeting: forum side → date
and time → place → invite) and list with answers and Cancel; the member's invitation with
Coming / Maybe / Can't and "add to calendar", the reminders and the cancellation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton

from bot.config import Config
from bot.domain.common_ground import RoundSide
from bot.domain.meetings import PLACE_MOST, Attendance, Meeting, WhenProblem
from bot.domain.people import Side
from bot.domain.roles import Scope
from bot.i18n import N_, Translator, escape, unescape
from bot.render import common_ground as labels
from bot.render import limits
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard, rows
from bot.telegram.views import View, open_space


@dataclass(frozen=True)
class PlanSide(CallbackData, prefix="fmt"):
    """The forum side(s) the meeting is for."""

    forum_id: str
    side: RoundSide


@dataclass(frozen=True)
class NewMeeting(CallbackData, prefix="fmt", tag="new"):
    """Plan a meeting."""


@dataclass(frozen=True)
class SendInvitations(CallbackData, prefix="fmt", tag="go"):
    """Invite the forum side(s) now."""


@dataclass(frozen=True)
class MeetingLanguage(CallbackData, prefix="fmt", tag="lang"):
    """The language(s) a meeting being planned is held in: cy, en or both."""

    language: str


LANGUAGE_LABELS = {
    "cy": N_("Held in Welsh"),
    "en": N_("Held in English"),
    "both": N_("Held in Welsh and English"),
}


@dataclass(frozen=True)
class CancelMeeting(CallbackData, prefix="fmt", tag="x"):
    """Cancel a meeting (everyone invited is told)."""

    meeting_id: int


@dataclass(frozen=True)
class ChangeMeeting(CallbackData, prefix="fmt", tag="e"):
    """Change a meeting's time or place (everyone invited is told)."""

    meeting_id: int


@dataclass(frozen=True)
class RecordAttendance(CallbackData, prefix="fmt", tag="n"):
    """Record how many came to a meeting that has been held."""

    meeting_id: int


@dataclass(frozen=True)
class Answer(CallbackData, prefix="fma"):
    """A member's answer (a second tap changes it)."""

    meeting_id: int
    attendance: Attendance


@dataclass(frozen=True)
class CalendarFile(CallbackData, prefix="fma", tag="ics"):
    """Send the meeting as a calendar file."""

    meeting_id: int


ANSWERS = {
    Attendance.COMING: N_("✅ Coming"),
    Attendance.MAYBE: N_("🤔 Maybe"),
    Attendance.CANT: N_("❌ Can't come"),
}
PROBLEMS = {
    WhenProblem.UNREADABLE: N_(
        "Please type the date and time like this: 3/12 19:00 (day/month, then the time; "
        "7pm works too)."
    ),
    WhenProblem.PAST: N_("That time has passed. Please type a date and time still to come."),
    WhenProblem.TOO_FAR: N_("That is more than a year away. Please choose a nearer date."),
}


def when(t: Translator, meeting: Meeting) -> str:
    """ "Thursday, 3 December 2026 at 19:00" in council time."""
    return t._(
        "{date} at {time}", date=t.date(meeting.starts_at, "full"), time=t.time(meeting.starts_at)
    )


def menu(
    t: Translator,
    config: Config,
    upcoming: Sequence[tuple[Meeting, str]],
    held: Sequence[Meeting] = (),
) -> View:
    """/forum_meeting: meetings to come, each with its answers and Cancel; meetings held
    lately, to record how many came; and "plan one". ``upcoming`` pairs each meeting with its
    answers already worded."""
    lines = [t._("<b>Forum meetings to come</b>")] if upcoming else [t._("No meetings planned.")]
    rows = []
    for meeting, answers in upcoming:
        forum = labels.sides_label(t, config, meeting.forum_id, meeting.side)
        lines.append(f"\n• <b>{escape(forum)}</b>: {when(t, meeting)}, {escape(meeting.place)}")
        lines.append(f"  {answers}")
        date = t.date(meeting.starts_at, "short")
        change = unescape(t._("✏️ Change: {forum}, {date}", forum=forum, date=date))
        cancel = unescape(t._("✖️ Cancel: {forum}, {date}", forum=forum, date=date))
        agenda = unescape(t._("🧩 Open Space agenda: {forum}, {date}", forum=forum, date=date))
        rows.append([Button(change, ChangeMeeting(meeting.id).pack())])
        rows.append([Button(agenda, open_space.SetAgenda(meeting.id).pack())])
        rows.append([Button(cancel, CancelMeeting(meeting.id).pack())])
    for meeting in held:
        forum = labels.sides_label(t, config, meeting.forum_id, meeting.side)
        date = t.date(meeting.starts_at, "short")
        label = unescape(t._("📝 How many came: {forum}, {date}", forum=forum, date=date))
        rows.append([Button(label, RecordAttendance(meeting.id).pack())])
    rows.append([Button("📅 " + t._("Plan a meeting"), NewMeeting().pack())])
    return View("\n".join(lines), Keyboard(rows))


def ask_new_when(t: Translator, meeting: Meeting) -> View:
    """Changing: the new date and time ("-" keeps it)."""
    return View(
        t._(
            "Now: {when}, {place}. Type the new date and time (e.g. 3/12 19:00), or - to keep "
            "it. /cancel to stop.",
            when=when(t, meeting),
            place=meeting.place,
        )
    )


def ask_new_place(t: Translator) -> View:
    """Changing: the new place ("-" keeps it)."""
    return View(t._("Type the new place or link, or - to keep it."))


def changed(t: Translator, told: bool) -> View:
    """After a change (``told``: it went through and everyone is being told)."""
    if not told:
        return View(t._("Nothing changed."))
    return View(t._("Changed; everyone invited is being told, with the new details."))


def ask_attendance(t: Translator) -> View:
    """How many came (typed: adults, then young people)."""
    return View(
        t._(
            "How many came? Type the number of adults, then the number of young people, e.g. "
            "14 3. /cancel to stop."
        )
    )


def attendance_unreadable(t: Translator) -> View:
    """Not two numbers."""
    return View(t._("Please type two numbers: adults, then young people, e.g. 14 3."))


def attendance_kept(t: Translator, adults: int, youth: int) -> View:
    """After recording."""
    return View(
        t._(
            "Recorded: adults {adults}, young people {youth}. Thank you.",
            adults=adults,
            youth=youth,
        )
    )


def answers_line(t: Translator, tally: Mapping[tuple[Side, Attendance], int]) -> str:
    """ "Coming 12 (young people 3) · Maybe 4 · Can't 2"."""
    parts = []
    for attendance in Attendance:
        total = sum(n for (_, a), n in tally.items() if a is attendance)
        youth = tally.get((Side.YOUTH, attendance), 0)
        label = unescape(t._(ANSWERS[attendance]))
        part = f"{label} {total}"
        if youth:
            part += " " + t._("(young people: {count})", count=youth)
        parts.append(part)
    return " · ".join(parts)


def choose_side(t: Translator, config: Config, scopes: Sequence[Scope]) -> View:
    """Which forum side(s): each side they convene, and "together" where both."""
    sides: dict[str, set[str]] = {}
    for scope in scopes:
        sides.setdefault(scope.forum_id, set()).add(scope.side.value)
    rows = []
    for forum in config.forums:
        have = [RoundSide(s) for s in ("adult", "youth") if s in sides.get(forum.id, set())]
        if len(have) == 2:
            have.append(RoundSide.BOTH)
        for side in have:
            label = labels.sides_label(t, config, forum.id, side)
            rows.append([Button(label, PlanSide(forum.id, side).pack())])
    return View(t._("Which forum is the meeting for?"), Keyboard(rows))


def ask_when(t: Translator) -> View:
    """The date and time, typed."""
    return View(
        t._("When is it? Type the date and time, e.g. 3/12 19:00 (council time). /cancel to stop.")
    )


def when_problem(t: Translator, problem: WhenProblem) -> View:
    """A date and time that cannot be used (the flow keeps waiting)."""
    return View(t._(PROBLEMS[problem]))


def ask_place(t: Translator) -> View:
    """Where (a place, or an online link)."""
    return View(
        t._(
            "Where is it? Type the place (e.g. Burry Port Memorial Hall) or the link for an "
            "online meeting (up to {most} characters).",
            most=PLACE_MOST,
        )
    )


def place_too_long(t: Translator) -> View:
    """Over the limit (given back after this)."""
    return View(t._("That is too long for a place; please shorten it. Here are your words:"))


def preview(t: Translator, config: Config, meeting: Meeting, quiet: bool = False) -> View:
    """What will go, with Send; ``quiet``: young people are invited, in the quiet hours."""
    forum = labels.sides_label(t, config, meeting.forum_id, meeting.side)
    text = t._(
        "<b>{forum}</b>: {when}, {place}.\nThe invitation goes to every member of the forum "
        "(on the side or sides chosen), with buttons to answer and a calendar file.",
        forum=forum,
        when=when(t, meeting),
        place=limits.trim(meeting.place, PLACE_MOST),
    )
    if quiet:
        text += "\n\n" + t._(
            "⚠️ This is in the quiet hours ({start}–{end}), late for young people. You can still "
            "send it, or /cancel and plan it for another time.",
            start=f"{config.prompts.quiet_start:%H:%M}",
            end=f"{config.prompts.quiet_end:%H:%M}",
        )
    languages = [
        Button(
            ("✓ " if meeting.language == code else "") + t._(label),
            MeetingLanguage(code).pack(),
        )
        for code, label in LANGUAGE_LABELS.items()
    ]
    buttons: list[list[InlineKeyboardButton]] = [
        *rows(languages, 1),
        [Button("✉️ " + t._("Send the invitations"), SendInvitations().pack())],
    ]
    return View(text, Keyboard(buttons))


def invited(t: Translator, count: int) -> View:
    """After sending."""
    return View(
        t.n_(
            "Invitations sent to {count} member. /forum_meeting shows who is coming.",
            "Invitations sent to {count} members. /forum_meeting shows who is coming.",
            count,
            count=count,
        )
    )


def held_in(t: Translator, meeting: Meeting) -> str:
    """ "Held in Welsh and English" (plain text)."""
    return unescape(t._(LANGUAGE_LABELS.get(meeting.language, LANGUAGE_LABELS["both"])))


def invitation(
    t: Translator,
    config: Config,
    meeting: Meeting,
    given: Attendance | None = None,
    changed: bool = False,
) -> View:
    """A member's invitation: when, where, three answers (theirs ticked) and the calendar file;
    ``changed`` when it is sent again for a new time or place."""
    forum = labels.sides_label(t, config, meeting.forum_id, meeting.side)
    head = t._("🔄 <b>Changed: new time or place</b>") + "\n" if changed else ""
    held = held_in(t, meeting)
    invited = t._(
        "📅 <b>You are invited: a meeting of the forum {forum}</b>\n{when}\n{place}\n\nWill you "
        "come? Everyone is welcome; your answer helps the convenors plan.",
        forum=forum,
        when=when(t, meeting),
        place=limits.trim(meeting.place, PLACE_MOST),
    )
    text = f"{head}{invited}\n🗣 {escape(held)}"
    row = [
        Button(("✓ " if given is a else "") + t._(label), Answer(meeting.id, a).pack())
        for a, label in ANSWERS.items()
    ]
    calendar = [Button("🗓 " + t._("Add to my calendar"), CalendarFile(meeting.id).pack())]
    return View(text, Keyboard([row, calendar, open_space.buttons(t, meeting.id)]))


def reminder(t: Translator, config: Config, meeting: Meeting) -> View:
    """The day before, or two hours before."""
    forum = labels.sides_label(t, config, meeting.forum_id, meeting.side)
    text = t._(
        "⏰ <b>Reminder: the forum {forum} meets</b>\n{when}\n{place}",
        forum=forum,
        when=when(t, meeting),
        place=limits.trim(meeting.place, PLACE_MOST),
    )
    return View(
        text,
        Keyboard(
            [[Button(t._(ANSWERS[Attendance.CANT]), Answer(meeting.id, Attendance.CANT).pack())]]
        ),
    )


def cancelled(t: Translator, config: Config, meeting: Meeting) -> View:
    """To everyone invited."""
    forum = labels.sides_label(t, config, meeting.forum_id, meeting.side)
    return View(
        t._(
            "❌ <b>Cancelled: the meeting of the forum {forum}</b> on {when} will not take place.",
            forum=forum,
            when=when(t, meeting),
        )
    )


def thanks(t: Translator, attendance: Attendance) -> str:
    """After an answer."""
    if attendance is Attendance.CANT:
        return t._("Thank you for letting us know.")
    if attendance is Attendance.MAYBE:
        return t._("Thank you — we hope you can make it. Tap another answer to change it.")
    return t._("Thank you — see you there. Tap another answer to change it.")


def no_longer(t: Translator) -> str:
    """An answer to a meeting that was cancelled or is over, or not theirs."""
    return t._("That meeting is no longer open for answers.")


def calendar_title(t: Translator, config: Config, meeting: Meeting) -> str:
    """The calendar entry's title (plain text)."""
    forum = labels.sides_label(t, config, meeting.forum_id, meeting.side)
    return unescape(t._("Forum meeting: {forum}", forum=forum))


def cancel_done(t: Translator) -> str:
    """After Cancel."""
    return t._("Cancelled; everyone invited is being told.")
