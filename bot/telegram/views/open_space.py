"""Open Space at a forum meeting, as people see it: offering a session to host, the sessions
with their sign-ups (tap to sign up or take it back), the convenor setting slots and spaces, and
the agenda (most-wanted sessions in the largest spaces)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time

from bot.domain.open_space import TOPIC_MOST, Agenda, Offered
from bot.i18n import Translator, escape, unescape
from bot.render import limits
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View


@dataclass(frozen=True)
class OfferSession(CallbackData, prefix="fma", tag="o"):
    """Offer a session to host at this meeting."""

    meeting_id: int


@dataclass(frozen=True)
class SessionsOf(CallbackData, prefix="fma", tag="s"):
    """The sessions offered so far, to sign up."""

    meeting_id: int


@dataclass(frozen=True)
class SignUp(CallbackData, prefix="fms"):
    """Sign up to a session (a second tap takes it back)."""

    session_id: int


@dataclass(frozen=True)
class SetAgenda(CallbackData, prefix="fmt", tag="a"):
    """The convenor sets slots and spaces, and the agenda is posted."""

    meeting_id: int


def buttons(t: Translator, meeting_id: int) -> list[Button]:
    """The row the invitation carries."""
    return [
        Button("💡 " + t._("Offer a session"), OfferSession(meeting_id).pack()),
        Button("🙋 " + t._("Sessions"), SessionsOf(meeting_id).pack()),
    ]


def ask_topic(t: Translator) -> View:
    """What the session is about."""
    return View(
        t._(
            "Open Space: what session will you host? One line (up to {most} characters), e.g. "
            "“Litter on the beach”. Others sign up; anyone may move between sessions. /cancel "
            "to stop.",
            most=TOPIC_MOST,
        )
    )


def topic_refused(t: Translator, reason: str) -> View:
    """Why an offer was not taken."""
    texts = {
        "not coming": t._(
            "Please answer Coming or Maybe first: sessions are hosted by those who come."
        ),
        "repeated": t._("You have offered that session already."),
        "closed": t._("That meeting is no longer open for sessions."),
        "words": t._(
            "Please give the session a short title in words (up to {most} characters, no links).",
            most=TOPIC_MOST,
        ),
    }
    return View(texts[reason])


def offered(t: Translator, topic: str) -> View:
    """After an offer."""
    return View(
        t._("Thank you: “{topic}” is offered. Others can sign up under Sessions.", topic=topic)
    )


def sessions(t: Translator, meeting_id: int, found: Sequence[tuple[Offered, bool]]) -> View:
    """The sessions with their sign-ups; a tap signs up (✓ shows theirs)."""
    if not found:
        return View(
            t._("No sessions offered yet: offer one!"),
            Keyboard([[Button("💡 " + t._("Offer a session"), OfferSession(meeting_id).pack())]]),
        )
    lines = ["<b>" + t._("Open Space sessions") + "</b>"]
    rows = []
    for session, mine in found:
        lines.append(
            "• " + escape(session.topic) + " — "
            + t.n_("{count} signed up", "{count} signed up", session.signed_up)
        )  # fmt: skip
        label = ("✓ " if mine else "🙋 ") + limits.label(session.topic, 50)
        rows.append([Button(label, SignUp(session.id).pack())])
    return View("\n".join(lines), Keyboard(rows))


def full(t: Translator, session: Offered, capacity: int, others: Sequence[Offered]) -> View:
    """A session whose space is full: the sessions with room, to join instead."""
    text = t._(
        "“{topic}” is full: its space holds {capacity}. You are still welcome to drop in "
        "(the law of two feet), or join a session with room:",
        topic=session.topic,
        capacity=capacity,
    )
    if not others:
        text = t._(
            "“{topic}” is full: its space holds {capacity}, and every other session is full "
            "too. You are still welcome to drop in (the law of two feet).",
            topic=session.topic,
            capacity=capacity,
        )
    rows = [[Button("🙋 " + limits.label(o.topic, 50), SignUp(o.id).pack())] for o in others]
    return View(text, Keyboard(rows) if rows else None)


def notes_photo_kept(t: Translator, count: int) -> View:
    """A flip chart's photo added to the notes (they go with the words)."""
    return View(
        t.n_(
            "📷 Photo kept ({count} so far). Send more, or the notes in words: the photos go "
            "with them.",
            "📷 Photos kept ({count} so far). Send more, or the notes in words: the photos go "
            "with them.",
            count,
        )
    )


def signed(t: Translator, now_signed: bool) -> str:
    """After a sign-up tap."""
    return t._("Signed up.") if now_signed else t._("Taken back.")


def ask_slots(t: Translator) -> View:
    """The convenor: the time slots."""
    return View(
        t._(
            "Open Space: type the start time of each slot, e.g. 19:15 19:45 20:15. "
            "/cancel to stop."
        )
    )


def ask_spaces(t: Translator) -> View:
    """The convenor: the spaces and how many each holds."""
    return View(
        t._(
            "Now the spaces and how many each holds, separated by semicolons, e.g. "
            "Main hall 40; Room 2 12"
        )
    )


def unreadable(t: Translator) -> View:
    """Slots or spaces that could not be read (the flow keeps waiting)."""
    return View(t._("Sorry, I could not read that. Please use the example's form."))


def agenda(
    t: Translator, forum: str, when: str, plan: Agenda, slots: Sequence[time],
    topics: Mapping[int, str],
) -> View:  # fmt: skip
    """The agenda: each slot's sessions, largest space first; those that did not fit named."""
    lines = [t._("🧩 <b>Open Space agenda: {forum}</b>", forum=forum), escape(when)]
    for index, start in enumerate(slots):
        lines.append(f"\n<b>{start.strftime('%H:%M')}</b>")
        placed = plan.at(index)
        lines += [
            f"• {escape(p.space.name)}: {escape(topics.get(p.session.id, '?'))}" for p in placed
        ] or ["• " + t._("(free)")]
    if plan.unplaced:
        missing = ", ".join(escape(topics.get(s.id, "?")) for s in plan.unplaced)
        lines.append(
            "\n"
            + t._(
                "Could not be fitted in (talk to the convenor): {sessions}",
                sessions=unescape(missing),
            )
        )
    lines.append("\n" + t._("The law of two feet: if you are not learning or giving, move on."))
    return View(limits.trim("\n".join(lines), limits.MESSAGE_LIMIT))


def agenda_posted(t: Translator, count: int, unplaced: int) -> View:
    """After posting."""
    text = t.n_(
        "The agenda has gone to {count} person coming or maybe.",
        "The agenda has gone to {count} people coming or maybe.",
        count,
        count=count,
    )
    if unplaced:
        text += " " + t._(
            "Some sessions could not be fitted in: add a slot or a space and post again."
        )
    return View(text)


@dataclass(frozen=True)
class SendNotes(CallbackData, prefix="fms", tag="n"):
    """A host sends their session's notes (the harvest)."""

    session_id: int


NOTES_MOST = 3000


def harvest_ask(t: Translator, topic: str, session_id: int) -> View:
    """To a host, after the meeting."""
    return View(
        t._(
            "📝 <b>Thank you for hosting “{topic}”.</b> Send the session's notes — what was "
            "said, what people want done — and they go to everyone who came and to the "
            "forum's convenors, who can take ideas forward as proposals.",
            topic=topic,
        ),
        Keyboard([[Button("📝 " + t._("Send the notes"), SendNotes(session_id).pack())]]),
    )


def ask_notes(t: Translator) -> View:
    """The notes come next."""
    return View(
        t._(
            "Write the notes (up to {most} characters) and send them. /cancel to stop.",
            most=NOTES_MOST,
        )
    )


def notes_too_long(t: Translator) -> View:
    """Over the limit (given back after this)."""
    return View(t._("That is longer than the notes can be; please shorten them. Here they are:"))


def notes_sent(t: Translator) -> View:
    """After sending."""
    return View(
        t._("Thank you — the notes are on their way to everyone who came and to the convenors.")
    )


@dataclass(frozen=True)
class RecordFromNotes(CallbackData, prefix="fms", tag="m"):
    """A convenor records a proposal raised in a session (meeting input, linked to it)."""

    session_id: int


def harvest(
    t: Translator, topic: str, forum: str, notes: str, session_id: int | None = None
) -> View:
    """A session's notes, as those who came receive them; convenors (``session_id``) get the
    button to record a proposal from them."""
    text = t._(
        "🌾 <b>Notes from the session “{topic}”</b> ({forum})\n\n{notes}",
        topic=topic,
        forum=forum,
        notes=limits.trim(notes, NOTES_MOST),
    )
    keyboard = None
    if session_id is not None:
        label = "📝 " + t._("Record a proposal from these notes")
        keyboard = Keyboard([[Button(label, RecordFromNotes(session_id).pack())]])
    return View(limits.trim(text, limits.MESSAGE_LIMIT), keyboard)


@dataclass(frozen=True)
class ModerateSession(CallbackData, prefix="fms", tag="r"):
    """A youth convenor approves (or hides) a young person's session."""

    session_id: int
    approve: bool


def session_review(t: Translator, topic: str, forum: str, session_id: int) -> View:
    """To youth convenors: a young person's session waits."""
    text = t._(
        "🧒 A young person offers an Open Space session at the meeting of the forum {forum}:\n"
        "“{topic}”",
        forum=forum,
        topic=topic,
    )
    row = [
        Button("✅ " + t._("Approve"), ModerateSession(session_id, True).pack()),
        Button("🙈 " + t._("Hide"), ModerateSession(session_id, False).pack()),
    ]
    return View(text, Keyboard([row]))


def offered_waiting(t: Translator, topic: str) -> View:
    """A young person's offer, waiting."""
    return View(
        t._(
            "Thank you: a youth worker will look at “{topic}”, then others can sign up.",
            topic=topic,
        )
    )


def moderated(t: Translator, approve: bool, done: bool) -> str:
    """After Approve or Hide."""
    if not done:
        return t._("That has been decided already.")
    return t._("Approved.") if approve else t._("Hidden (logged).")
