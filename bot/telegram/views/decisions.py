"""/decisions: "you said, we did" — the council's latest decisions and replies in a member's
forums, with the officer's words, a page at a time; and the monthly round-up for a forum's
group."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Config
from bot.domain.accountability import Decision
from bot.domain.proposals import reference
from bot.i18n import I18n, Translator
from bot.render import limits
from bot.render import proposals as render
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View

PAGE = 5
WORDS_ROOM = 400  # an officer's words, shortened with "…" if longer
# The round-up holds both languages in one message (4,096 characters): five, words shortened.
ROUND_UP_SHOWN, ROUND_UP_WORDS = 5, 120


@dataclass(frozen=True)
class DecisionsPage(CallbackData, prefix="dc"):
    """Another page of /decisions."""

    page: int


def entry(t: Translator, config: Config, decision: Decision, room: int = WORDS_ROOM) -> str:
    """One decision or reply."""
    what = (
        render.status_label(t, decision.status)
        if decision.status is not None
        else t._("the council replied")
    )
    line = t._(
        "<b>{ref}</b> “{title}” ({forum})\n{date}: {what}",
        ref=reference(decision.proposal_id),
        title=limits.trim(decision.title, 120),
        forum=render.forum_name(config, decision.forum_id, t),
        date=t.date(decision.at, "medium"),
        what=what,
    )
    if decision.words:
        line += "\n" + t._("“{words}”", words=limits.trim(decision.words, room))
    return line


def page(
    t: Translator, config: Config, decisions: list[Decision], total: int, number: int
) -> View:
    """One page, newest first, with Older / Newer buttons."""
    if not decisions:
        return View(
            t._(
                "No decisions or replies in your forums yet. When the council decides about a "
                "proposal or answers one, it shows here."
            )
        )
    pages = (total + PAGE - 1) // PAGE
    heading = t._(
        "🗳 <b>You said, we did</b>: the council's latest decisions and replies in your forums "
        "(page {page} of {pages})",
        page=number + 1,
        pages=pages,
    )
    buttons = []
    if number > 0:
        buttons.append(Button(t._("◀️ Newer"), DecisionsPage(number - 1).pack()))
    if number + 1 < pages:
        buttons.append(Button(t._("Older ▶️"), DecisionsPage(number + 1).pack()))
    text = "\n\n".join([heading, *(entry(t, config, d) for d in decisions)])
    return View(text, Keyboard([buttons]) if buttons else None)


def round_up(
    i18n: I18n, config: Config, decisions: list[Decision], months: tuple[str, str]
) -> str:
    """The month's decisions for a forum's group: Welsh first, then English (``months``: the
    month's name in each)."""
    parts = []
    for language, month in zip(("cy", "en"), months, strict=True):
        t = i18n(language)
        lines = [t._("🗳 <b>You said, we did — {month}</b>", month=month)]
        lines.extend(entry(t, config, d, ROUND_UP_WORDS) for d in decisions[:ROUND_UP_SHOWN])
        if len(decisions) > ROUND_UP_SHOWN:
            more = len(decisions) - ROUND_UP_SHOWN
            lines.append(t._("…and {count} more: send /decisions to me.", count=more))
        parts.append("\n\n".join(lines))
    return "\n\n———\n\n".join(parts)
