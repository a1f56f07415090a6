"""/conversation as convenors see it: opening a conversation step by step, the list of their
conversations, and the results (common ground, divisive statements, groups) with the
statements that wait for them (a young person's, or one reported)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.config import Config
from bot.domain.common_ground import (
    OPEN_DAYS_CHOICES,
    QUESTION_MAX,
    STATEMENT_MAX,
    Round,
    RoundOutcome,
    RoundSide,
    Statement,
)
from bot.domain.roles import Scope
from bot.i18n import Translator, escape, unescape
from bot.render import common_ground as render
from bot.render import limits
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View
from bot.telegram.views.common_ground import question as round_question

SEEDS_MAX = 5


class Languages(StrEnum):
    """Which language(s) the question is written in."""

    CY = "cy"
    EN = "en"
    BOTH = "both"


class Moderation(StrEnum):
    """What a convenor does with a statement that waits for them."""

    APPROVE = "ok"
    HIDE = "hide"


@dataclass(frozen=True)
class PickRoundScope(CallbackData, prefix="cn"):
    """The forum and side(s) the conversation is for."""

    forum_id: str
    side: RoundSide


@dataclass(frozen=True)
class NewRound(CallbackData, prefix="cn", tag="new"):
    """Start a new conversation."""


@dataclass(frozen=True)
class PickDays(CallbackData, prefix="cn", tag="d"):
    """How many days it stays open."""

    days: int


@dataclass(frozen=True)
class PickLanguages(CallbackData, prefix="cn", tag="l"):
    """The language(s) of the question."""

    languages: Languages


@dataclass(frozen=True)
class OpenRound(CallbackData, prefix="cn", tag="go"):
    """Open it now (with the starting statements so far)."""


@dataclass(frozen=True)
class ShowResults(CallbackData, prefix="cn", tag="r"):
    """The results of one conversation."""

    round_id: int


@dataclass(frozen=True)
class Moderate(CallbackData, prefix="cm"):
    """Approve or hide a statement."""

    statement_id: int
    action: Moderation


def side_label(t: Translator, forum: str, side: RoundSide) -> str:
    """ "Transport", "Transport (youth forum)", "Transport (adults and young people)"."""
    if side is RoundSide.YOUTH:
        return unescape(t._("{forum} (youth forum)", forum=forum))
    if side is RoundSide.BOTH:
        return unescape(t._("{forum} (adults and young people together)", forum=forum))
    return forum


def choose_scope(t: Translator, config: Config, scopes: Sequence[Scope]) -> View:
    """Which forum side(s): one button per side they convene, and "together" where both."""
    rows = []
    by_forum: dict[str, set[str]] = {}
    for scope in scopes:
        by_forum.setdefault(scope.forum_id, set()).add(scope.side.value)
    for forum in config.forums:
        sides = by_forum.get(forum.id, set())
        name = forum.name(t.language)
        choices = [RoundSide(s) for s in ("adult", "youth") if s in sides]
        if len(choices) == 2:
            choices.append(RoundSide.BOTH)
        rows += [
            [Button(side_label(t, name, side), PickRoundScope(forum.id, side).pack())]
            for side in choices
        ]
    return View(t._("Which forum is the conversation for?"), Keyboard(rows))


def choose_days(t: Translator) -> View:
    """How long it stays open."""
    row = [
        Button(t.n_("{count} day", "{count} days", days, count=days), PickDays(days).pack())
        for days in OPEN_DAYS_CHOICES
    ]
    return View(t._("How long should it stay open?"), Keyboard([row]))


def choose_languages(t: Translator) -> View:
    """The question's language(s)."""
    return View(
        t._("Which language will you write the question in?"),
        Keyboard(
            [
                [Button("Cymraeg", PickLanguages(Languages.CY).pack())],
                [Button("English", PickLanguages(Languages.EN).pack())],
                [Button(t._("Both (Welsh first)"), PickLanguages(Languages.BOTH).pack())],
            ]
        ),
    )


def ask_question(t: Translator, language: str) -> View:
    """The question, in one language."""
    text = (
        t._("Type the question in Welsh (up to {high} characters).", high=QUESTION_MAX)
        if language == "cy"
        else t._("Type the question in English (up to {high} characters).", high=QUESTION_MAX)
    )
    return View(text + "\n" + t._("For example: “What would make the prom better for everyone?”"))


def question_too_long(t: Translator, count: int) -> View:
    """A question over the limit (given back after this)."""
    return View(
        t._(
            "That is {count} characters; a question can have up to {high}. Please shorten it; "
            "here it is:",
            count=count,
            high=QUESTION_MAX,
        )
    )


def ask_seeds(t: Translator, seeds: Sequence[str]) -> View:
    """Starting statements (optional), one message each, then Open."""
    text = t._(
        "You can start it off with up to {most} statements of your own (one idea each, up to "
        "{high} characters), one message each. Or open it now.",
        most=SEEDS_MAX,
        high=STATEMENT_MAX,
    )
    if seeds:
        listed = "\n".join(f"• {escape(seed)}" for seed in seeds)
        text += "\n\n" + t._("So far:") + "\n" + listed
    return View(text, Keyboard([[Button(t._("✅ Open the conversation"), OpenRound().pack())]]))


def opened(t: Translator, found: Round, forum: str, recipients: int) -> View:
    """After opening."""
    return View(
        t.n_(
            "Opened in {forum}: the invitation goes to {count} member. It closes on {closes}. "
            "Send /conversation for the results at any time.",
            "Opened in {forum}: the invitation goes to {count} members. It closes on {closes}. "
            "Send /conversation for the results at any time.",
            recipients,
            forum=side_label(t, forum, found.side),
            count=recipients,
            closes=t.date(found.closes_at, "full"),
        )
    )


def menu(
    t: Translator, rounds: Sequence[tuple[Round, str]], more: Sequence[list[Button]] = ()
) -> View:
    """Their conversations (newest first), each with a Results button, "new", and ``more``
    rows (the quick sense checks')."""
    lines = [t._("<b>Your forums' conversations</b>")] if rounds else []
    rows = []
    for found, forum in rounds:
        lines.append(f"• {escape(side_label(t, forum, found.side))}: {round_question(t, found)}")
        label = t._("📊 Results: {forum}", forum=limits.label(forum, 40))
        rows.append([Button(unescape(label), ShowResults(found.id).pack())])
    rows.append([Button(t._("➕ Start a new conversation"), NewRound().pack())])
    rows += more
    text = "\n".join(lines) if lines else t._("No conversations yet.")
    return View(text, Keyboard(rows))


def results(t: Translator, config: Config, outcome: RoundOutcome) -> View:
    """The results as text (the same numbers as the chart, which is never the only way)."""
    found = outcome.round
    forum = render.forum_label(t, config, found)
    lines = [
        t._("<b>Conversation: {forum}</b>", forum=forum),
        round_question(t, found),
        *render.result_lines(t, config, outcome),
    ]
    return View(limits.trim("\n".join(lines), limits.MESSAGE_LIMIT - 200))


def chart_caption(t: Translator) -> str:
    """Under the chart: what it shows, and that the numbers are also in text."""
    return t._(
        "How each group voted on each statement (the most voted first): agree to the right, "
        "disagree to the left. The same numbers are in the message above."
    )


def review_notice(t: Translator, statement: Statement, forum: str, reported: bool) -> View:
    """To a convenor, privately: a statement to approve, or one someone reported."""
    head = (
        t._("⚠️ A statement in the conversation in the forum {forum} was reported:", forum=forum)
        if reported
        else t._(
            "🧒 A young person's statement waits for your approval (the conversation in the "
            "forum {forum}):",
            forum=forum,
        )
    )
    text = head + "\n“" + escape(limits.trim(statement.text, STATEMENT_MAX + 20)) + "”"
    buttons = [Button(t._("🙈 Hide"), Moderate(statement.id, Moderation.HIDE).pack())]
    if not reported:
        approve = Button(t._("✅ Approve"), Moderate(statement.id, Moderation.APPROVE).pack())
        buttons.insert(0, approve)
    return View(text, Keyboard([buttons]))


def waiting(t: Translator, statement: Statement, reports: int) -> View:
    """A statement that waits for a convenor: a young person's, or a reported one."""
    head = (
        t.n_("Reported {count} time:", "Reported {count} times:", reports, count=reports)
        if reports
        else t._("A young person's statement waits for approval:")
    )
    text = head + "\n“" + escape(limits.trim(statement.text, STATEMENT_MAX + 20)) + "”"
    buttons = [Button(t._("🙈 Hide"), Moderate(statement.id, Moderation.HIDE).pack())]
    if not reports:
        buttons.insert(
            0, Button(t._("✅ Approve"), Moderate(statement.id, Moderation.APPROVE).pack())
        )
    return View(text, Keyboard([buttons]))


def moderated(t: Translator, action: Moderation) -> str:
    """The notice after approving or hiding."""
    return t._("Approved.") if action is Moderation.APPROVE else t._("Hidden (logged).")
