"""A quick sense check as people see it: the convenor's steps, the member's three buttons and
the optional reason for concern, and the results by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.config import Config
from bot.domain.common_ground import RoundSide
from bot.domain.people import Side
from bot.domain.roles import Scope
from bot.domain.sense_checks import (
    MIN_SIDE_VOICES,
    REASON_MOST,
    SUBJECT_MOST,
    Feeling,
    SenseCheck,
    SenseResults,
)
from bot.i18n import N_, Translator, escape, unescape
from bot.render import limits
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View
from bot.telegram.views.conversation import side_label


@dataclass(frozen=True)
class Feel(CallbackData, prefix="sk"):
    """A member's tap."""

    check_id: int
    feeling: Feeling


@dataclass(frozen=True)
class NewSenseCheck(CallbackData, prefix="sk", tag="new"):
    """A convenor starts one."""


@dataclass(frozen=True)
class PickSenseScope(CallbackData, prefix="sk", tag="f"):
    """The forum side(s) it goes to."""

    forum_id: str
    side: RoundSide


@dataclass(frozen=True)
class SenseResultsOf(CallbackData, prefix="sk", tag="r"):
    """The results of one."""

    check_id: int


FEELINGS = {
    Feeling.GOOD: N_("👍 Looks good"),
    Feeling.UNSURE: N_("🤔 Not sure"),
    Feeling.CONCERNED: N_("⚠️ Concerned"),
}


def start_button(t: Translator) -> list[Button]:
    """The row the /conversation menu carries."""
    return [Button(t._("🧭 Quick sense check"), NewSenseCheck().pack())]


def result_buttons(t: Translator, checks: Sequence[SenseCheck]) -> list[list[Button]]:
    """One row per recent sense check, for the /conversation menu."""
    return [
        [
            Button(
                unescape(t._("🧭 Results: {subject}", subject=limits.label(c.subject, 40))),
                SenseResultsOf(c.id).pack(),
            )
        ]
        for c in checks
    ]


def choose_scope(t: Translator, config: Config, scopes: Sequence[Scope]) -> View:
    """Which forum side(s) (as for a conversation)."""
    rows = []
    sides: dict[str, set[str]] = {}
    for scope in scopes:
        sides.setdefault(scope.forum_id, set()).add(scope.side.value)
    for forum in config.forums:
        have = [RoundSide(s) for s in ("adult", "youth") if s in sides.get(forum.id, set())]
        if len(have) == 2:
            have.append(RoundSide.BOTH)
        name = forum.name(t.language)
        rows += [
            [Button(side_label(t, name, side), PickSenseScope(forum.id, side).pack())]
            for side in have
        ]
    return View(t._("Which forum is the quick sense check for?"), Keyboard(rows))


def ask_subject(t: Translator) -> View:
    """What to put to the forum."""
    return View(
        t._(
            "Type what you would like a quick sense check on (up to {most} characters), or a "
            "proposal's reference such as P-0042. Members answer with one tap: looks good, not "
            "sure, or concerned (with a reason if they wish). /cancel to stop.",
            most=SUBJECT_MOST,
        )
    )


def subject_refused(t: Translator, count: int) -> View:
    """Empty, too long, or a proposal members may not see."""
    return View(
        t._(
            "That cannot be sent as it is ({count} characters; the limit is {most}, and a "
            "proposal must be one everyone can see). Please try again.",
            count=count,
            most=SUBJECT_MOST,
        )
    )


def sent(t: Translator, recipients: int) -> View:
    """After it has gone out."""
    return View(
        t.n_(
            "Sent to {count} member. Send /conversation for the results.",
            "Sent to {count} members. Send /conversation for the results.",
            recipients,
            count=recipients,
        )
    )


def invitation(t: Translator, check: SenseCheck, forum: str, given: Feeling | None = None) -> View:
    """What a member gets: the subject and three buttons (the one they chose ticked)."""
    text = t._(
        "🧭 <b>A quick sense check from the forum {forum}</b>\n{subject}\n\nHow do you feel "
        "about it? One tap; nobody sees who said what.",
        forum=forum,
        subject=limits.trim(check.subject, SUBJECT_MOST),
    )
    row = [
        Button(("✓ " if given is feeling else "") + t._(label), Feel(check.id, feeling).pack())
        for feeling, label in FEELINGS.items()
    ]
    return View(text, Keyboard([row]))


def ask_reason(t: Translator) -> View:
    """After "concerned"."""
    return View(
        t._(
            "Thank you. What concerns you? A sentence or two helps the convenors (up to {most} "
            "characters). Or send /cancel to leave it at the tap.",
            most=REASON_MOST,
        )
    )


def reason_kept(t: Translator) -> View:
    """After the reason."""
    return View(t._("Thank you — passed on to the convenors, without your name."))


def reason_too_long(t: Translator) -> View:
    """A reason over the limit (given back after this)."""
    return View(t._("That is longer than the limit; please shorten it. Here are your words:"))


def thanks(t: Translator) -> str:
    """After a tap."""
    return t._("Thank you — noted. Tap another to change it.")


def not_for_you(t: Translator) -> str:
    """A tap from someone it was not put to (or a forged button)."""
    return t._("That sense check was not put to you.")


def results(t: Translator, config: Config, check: SenseCheck, found: SenseResults) -> View:
    """Taps by side (numbers only from enough voices) and the reasons given."""
    forum = config.forum(check.forum_id)
    name = forum.name(t.language) if forum else check.forum_id
    lines = [
        t._("<b>Quick sense check: {forum}</b>", forum=side_label(t, name, check.side)),
        escape(limits.trim(check.subject, 300)),
    ]
    for side, label in ((Side.ADULT, t._("Adults")), (Side.YOUTH, t._("Young people"))):
        if not check.side.includes(side):
            continue
        taps = found.taps.get(side, {})
        if not found.shown(side):
            lines.append(
                t._(
                    "{side}: not enough voices yet (fewer than {least})",
                    side=label,
                    least=MIN_SIDE_VOICES,
                )
            )
            continue
        counts = ", ".join(f"{unescape(t._(FEELINGS[f]))} {taps.get(f, 0)}" for f in Feeling)
        lines.append(f"{label}: {escape(counts)}")
    shown_reasons = [(side, reason) for side, reason in found.reasons if found.shown(side)][:10]
    if shown_reasons:
        lines.append("\n" + t._("Concerns, in people's own words:"))
        lines += [f"• {escape(limits.trim(reason, 200))}" for _, reason in shown_reasons]
    return View("\n".join(lines))
