"""/indicators as people see it: their forums' indicators (adopted ones, and suggestions to
back), suggesting one, the one-tap 1–5 question that rides along with check-ins, and for
convenors the decisions (approve, adopt with a well-being goal, drop, retire)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.config import WELLBEING_GOALS, Config
from bot.domain.indicators import (
    ADOPTED_MOST,
    QUESTION_MOST,
    SCALE,
    Indicator,
    IndicatorState,
    QuestionProblem,
)
from bot.i18n import N_, Translator, escape, unescape
from bot.render import limits
from bot.render.goals import GOAL_NAMES
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View

SHOWN = 8  # indicators listed per forum


class Decision(StrEnum):
    """A convenor's decision on an indicator."""

    APPROVE = "ok"
    ADOPT = "adopt"
    DROP = "drop"
    RETIRE = "retire"


@dataclass(frozen=True)
class BackIndicator(CallbackData, prefix="in"):
    """Back a suggestion (or stop backing it)."""

    indicator_id: int


@dataclass(frozen=True)
class SuggestIndicator(CallbackData, prefix="in", tag="new"):
    """Suggest an indicator for a forum."""

    forum_id: str


@dataclass(frozen=True)
class DecideIndicator(CallbackData, prefix="id"):
    """A convenor's decision (adopting asks for the goal next)."""

    indicator_id: int
    decision: Decision


@dataclass(frozen=True)
class PickGoal(CallbackData, prefix="id", tag="g"):
    """The well-being goal an adopted indicator is tagged with."""

    indicator_id: int
    goal: str


@dataclass(frozen=True)
class Rate(CallbackData, prefix="ia"):
    """One tap: the answer (1–5) to an indicator put with a check-in."""

    ask_id: int
    value: int


def forum_list(
    t: Translator,
    config: Config,
    forums: Sequence[str],
    found: Sequence[Indicator],
    decides: set[str],
    member_of: frozenset[str] = frozenset(),
) -> View:
    """Each forum's indicators: adopted (asked with check-ins), suggestions with their backing
    and a Back button, and the convenor's buttons where they decide."""
    lines = [t._("<b>Indicators your forums chose</b> (questions on a scale of 1 to 5)")]
    rows: list[list[Button]] = []
    for forum_id in forums:
        forum = config.forum(forum_id)
        name = forum.name(t.language) if forum else forum_id
        mine = [i for i in found if i.forum_id == forum_id][:SHOWN]
        lines.append(f"\n<b>{escape(name)}</b>")
        if not mine:
            lines.append(t._("No indicators yet: suggest the first."))
        for indicator in mine:
            lines.append(_line(t, indicator))
            rows += _buttons(t, indicator, forum_id in decides, forum_id in member_of)
        label = unescape(t._("💡 Suggest one for {forum}", forum=limits.label(name, 40)))
        rows.append([Button(label, SuggestIndicator(forum_id).pack())])
    return View("\n".join(lines), Keyboard(rows))


def _line(t: Translator, indicator: Indicator) -> str:
    text = "“" + escape(limits.trim(indicator.question, QUESTION_MOST)) + "”"
    if indicator.state is IndicatorState.ADOPTED:
        goal = t._(GOAL_NAMES[indicator.goal]) if indicator.goal in GOAL_NAMES else ""
        return "✅ " + text + " " + t._("(asked with check-ins; {goal})", goal=goal)
    if indicator.state is IndicatorState.WAITING:
        return "⏳ " + text + " " + t._("(a young person's suggestion, waiting for approval)")
    return (
        "• "
        + text
        + " "
        + t.n_(
            "({count} backs it)", "({count} back it)", indicator.supports, count=indicator.supports
        )
    )


def _buttons(
    t: Translator, indicator: Indicator, decides: bool, member: bool
) -> list[list[Button]]:
    short = limits.label(indicator.question, 30)
    rows = []
    if indicator.state is IndicatorState.SUGGESTED and member:
        back = unescape(t._("👍 Back: {question}", question=short))
        rows.append([Button(back, BackIndicator(indicator.id).pack())])
    if not decides:
        return rows
    choices = {
        IndicatorState.WAITING: (Decision.APPROVE, Decision.DROP),
        IndicatorState.SUGGESTED: (Decision.ADOPT, Decision.DROP),
        IndicatorState.ADOPTED: (Decision.RETIRE,),
    }.get(indicator.state, ())
    if choices:
        rows.append(
            [Button(t._(DECISIONS[d]), DecideIndicator(indicator.id, d).pack()) for d in choices]
        )
    return rows


DECISIONS = {
    Decision.APPROVE: N_("✅ Approve"),
    Decision.ADOPT: N_("📏 Adopt"),
    Decision.DROP: N_("✖️ Drop"),
    Decision.RETIRE: N_("⏹ Stop asking"),
}


def choose_goal(t: Translator, config: Config, indicator: Indicator) -> View:
    """Adopting: which well-being goal it measures (the forum's goals first)."""
    forum = config.forum(indicator.forum_id)
    first = forum.wellbeing_goals if forum else ()
    goals = [*first, *(g for g in WELLBEING_GOALS if g not in first)]
    rows = [
        [Button(unescape(t._(GOAL_NAMES[goal])), PickGoal(indicator.id, goal).pack())]
        for goal in goals
    ]
    question = escape(limits.trim(indicator.question, QUESTION_MOST))
    return View(
        t._("Which well-being goal does “{question}” measure?", question=question), Keyboard(rows)
    )


def ask_question(t: Translator, forum: str) -> View:
    """Suggesting: the question comes next."""
    return View(
        t._(
            "Write a question for the forum {forum} that people can answer on a scale of 1 to 5, "
            "e.g. “How safe do you feel walking home after dark?” (up to {most} characters). "
            "/cancel to stop.",
            forum=forum,
            most=QUESTION_MOST,
        )
    )


PROBLEMS = {
    QuestionProblem.TOO_SHORT: N_(
        "That is too short to be a question. Please write a little more."
    ),
    QuestionProblem.TOO_LONG: N_(
        "That is longer than an indicator's question can be; please shorten it. Here are your "
        "words:"
    ),
    QuestionProblem.LINK: N_("An indicator's question cannot contain a link."),
    QuestionProblem.REPEATED: N_("The forum already has that indicator (or one very like it)."),
}


def problem(t: Translator, found: QuestionProblem) -> View:
    """Why a suggestion was not taken (the flow keeps waiting)."""
    return View(t._(PROBLEMS[found]))


def suggested(t: Translator, waiting: bool) -> View:
    """After a suggestion is stored."""
    if waiting:
        return View(t._("Thank you. A youth worker will look at it; then the forum can back it."))
    return View(
        t._(
            "Thank you. Members of the forum can now back it in /indicators; its convenors "
            "choose which to track (up to {most} at a time).",
            most=ADOPTED_MOST,
        )
    )


def backed(t: Translator, backing: bool | None) -> str:
    """The notice after Back."""
    if backing is None:
        return t._("That suggestion is no longer open for backing.")
    return t._("You back it.") if backing else t._("You no longer back it.")


def decided(t: Translator, full: bool, gone: bool) -> str:
    """The notice after a convenor's decision."""
    if gone:
        return t._("That has been decided already.")
    if full:
        return t._(
            "The forum already tracks {most} indicators: stop asking one first.", most=ADOPTED_MOST
        )
    return t._("Done.")


def question(
    t: Translator, indicator: Indicator, forum: str, ask_id: int, given: int | None
) -> View:
    """The one-tap question that rides along with a check-in."""
    text = t._(
        "📏 <b>One tap for the forum {forum}</b>\n{question}\n"
        "<i>1 = not at all · 5 = very much</i>",
        forum=forum,
        question=limits.trim(indicator.question, QUESTION_MOST),
    )
    row = [
        Button(("✓ " if given == value else "") + str(value), Rate(ask_id, value).pack())
        for value in SCALE
    ]
    return View(text, Keyboard([row]))


def thanks(t: Translator) -> str:
    """After an answer."""
    return t._("Thank you — noted. Tap another number to change it.")


def not_asked(t: Translator) -> str:
    """A forged or out-of-date answer button."""
    return t._("That question is no longer asked.")
