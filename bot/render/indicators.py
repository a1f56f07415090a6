"""The forums' own indicators in the digest: each one's mean, spread and answers by side, with a
12-week trend as a sparkline (text) and a table row (HTML). A mean over fewer than five answers
is not shown: "too few to show"."""

from __future__ import annotations

from collections.abc import Sequence

from bot.config import Config
from bot.domain.indicators import IndicatorFigures, Spread, sparkline
from bot.domain.people import Side
from bot.i18n import Translator, escape
from bot.render import limits
from bot.render.goals import GOAL_NAMES

QUESTION_ROOM = 120


def mean(t: Translator, spread: Spread) -> str:
    """ "3.4 from 12 answers", or "too few to show (3)"."""
    value = spread.mean
    if value is None:
        return t._("too few to show ({count})", count=spread.answers)
    return t.n_(
        "{mean} from {count} answer",
        "{mean} from {count} answers",
        spread.answers,
        mean=t.number(round(value, 1)),
        count=spread.answers,
    )


def counts(spread: Spread) -> str:
    """ "1: 1 · 2: 2 · 3: 3 · 4: 4 · 5: 2" (how many gave each value)."""
    return " · ".join(f"{value}: {count}" for value, count in enumerate(spread.counts, start=1))


def _title(t: Translator, config: Config, figures: IndicatorFigures) -> str:
    indicator = figures.indicator
    forum = config.forum(indicator.forum_id)
    name = forum.name(t.language) if forum else indicator.forum_id
    goal = t._(GOAL_NAMES[indicator.goal]) if indicator.goal in GOAL_NAMES else ""
    question = escape(limits.trim(indicator.question, QUESTION_ROOM))
    return f"<b>{escape(name)}</b>: “{question}”" + (f" ({goal})" if goal else "")


def digest_lines(t: Translator, config: Config, found: Sequence[IndicatorFigures]) -> list[str]:
    """The digest's section (nothing when no forum has adopted an indicator)."""
    if not found:
        return []
    lines = ["📏 <b>" + t._("Indicators the forums chose") + "</b> " + t._("(1 to 5)")]
    for figures in found:
        lines.append("\n" + _title(t, config, figures))
        for side, label in ((Side.ADULT, t._("Adults")), (Side.YOUTH, t._("Young people"))):
            spread = figures.by_side[side]
            shown = mean(t, spread)
            if spread.mean is not None:
                shown += f" ({counts(spread)})"
            lines.append(f"  {label}: {shown}")
        means = [m for m in figures.trend if m is not None]
        trend = sparkline(figures.trend)
        if len(means) >= 2:
            trend += (
                " (" + t.number(round(means[0], 1)) + " → " + t.number(round(means[-1], 1)) + ")"
            )
        lines.append("  " + t._("Last 12 weeks (· too few answers): {trend}", trend=trend))
    return lines


def table_rows(
    t: Translator, config: Config, found: Sequence[IndicatorFigures]
) -> list[list[str]]:
    """HTML rows: forum, question, adults, young people, everyone, the 12 weekly means."""
    rows = []
    for figures in found:
        indicator = figures.indicator
        forum = config.forum(indicator.forum_id)
        weekly = ", ".join("–" if m is None else t.number(round(m, 1)) for m in figures.trend)
        rows.append(
            [
                forum.name(t.language) if forum else indicator.forum_id,
                indicator.question,
                mean(t, figures.by_side[Side.ADULT]),
                mean(t, figures.by_side[Side.YOUTH]),
                mean(t, figures.everyone),
                weekly,
            ]
        )
    return rows
