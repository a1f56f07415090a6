"""Four weeks after a decision: "Did you get a clear answer?", "Did anything happen?" — one tap
each, and an optional comment. Asked once; not answering is fine."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.accountability import COMMENT_MAX, Answer, Question
from bot.domain.proposals import Status
from bot.i18n import N_, Translator
from bot.render import limits
from bot.render import proposals as render
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View

QUESTIONS = {
    Question.CLEAR: N_("Did you get a clear answer?"),
    Question.HAPPENED: N_("Did anything happen?"),
}
ANSWERS = {Answer.YES: N_("Yes"), Answer.PARTLY: N_("Partly"), Answer.NO: N_("No")}


@dataclass(frozen=True)
class Tap(CallbackData, prefix="fu"):
    """One answer to one follow-up question (a second tap changes it)."""

    proposal_id: int
    question: Question
    answer: Answer


@dataclass(frozen=True)
class AddComment(CallbackData, prefix="fu", tag="c"):
    """Write a comment too (optional)."""

    proposal_id: int


def question(
    t: Translator,
    proposal_id: int,
    ref: str,
    title: str,
    status: Status,
    clear: Answer | None = None,
    happened: Answer | None = None,
) -> View:
    """The message and its buttons; answers given so far are ticked."""
    text = t._(
        "🔁 <b>Four weeks ago the council decided about your proposal {ref}</b>\n“{title}”: "
        "{status}.\n\nTwo quick questions, one tap each (you need not answer):",
        ref=ref,
        title=limits.trim(title, render.TITLE_ROOM),
        status=render.status_label(t, status),
    )
    asked = ((Question.CLEAR, clear, "①"), (Question.HAPPENED, happened, "②"))
    text += "".join(f"\n{mark} {t._(QUESTIONS[q])}" for q, _, mark in asked)
    rows = [
        [
            Button(
                f"{mark} " + ("✓ " if given is answer else "") + t._(label),
                Tap(proposal_id, q, answer).pack(),
            )
            for answer, label in ANSWERS.items()
        ]
        for q, given, mark in asked
    ]
    rows.append([Button(t._("✍️ Add a comment"), AddComment(proposal_id).pack())])
    return View(text, Keyboard(rows))


def thanks(t: Translator) -> str:
    """After a tap (a short notice)."""
    return t._("Thank you — noted.")


def ask_comment(t: Translator, ref: str) -> View:
    """After "Add a comment"."""
    return View(
        t._(
            "Write your comment on how the council dealt with {ref} (up to {high} characters). "
            "Officers read it; it is never shown with your name. /cancel to stop.",
            ref=ref,
            high=COMMENT_MAX,
        )
    )


def comment_kept(t: Translator) -> View:
    """After the comment."""
    return View(t._("Thank you. Your comment has been passed on."))


def comment_too_long(t: Translator, count: int) -> View:
    """A comment over the limit: kept nothing; the words follow, given back."""
    return View(
        t._(
            "That comment is {count} characters; the limit is {high}. Please shorten it and send "
            "it again. Here is what you wrote, so nothing is lost:",
            count=count,
            high=COMMENT_MAX,
        )
    )
