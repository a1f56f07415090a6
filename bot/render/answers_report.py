"""The digest's section on the council's own answers ("how we did"), and its overdue list:
Telegram-free text and table rows, used by render/report.py for the messages and the HTML."""

from __future__ import annotations

from bot.config import Config
from bot.domain.figures import DigestFigures
from bot.domain.people import Side
from bot.domain.proposals import reference
from bot.domain.responsiveness import MIN_FOR_RATE, Rate, Responsiveness, measure
from bot.i18n import Html, Translator, escape, unescape
from bot.render import limits
from bot.render import proposals as proposal_text

SHOWN_OVERDUE = 10


def by_side(config: Config, figures: DigestFigures) -> dict[Side | None, Responsiveness]:
    """Adults, youth and everyone, at the end of the digest's period."""
    period = figures.period
    days, tz = config.accountability.answer_within_days, config.council.timezone
    return {
        side: measure(figures.asked, figures.said, period.start, period.end, days, tz, side)
        for side in (Side.ADULT, Side.YOUTH, None)
    }


def by_forum_side(
    config: Config, figures: DigestFigures
) -> list[tuple[str, Side, Responsiveness]]:
    """Each forum side the council owes (or owed) answers in: its figures at the period's end,
    in config order, adults before youth; forum sides with nothing to answer are left out."""
    period = figures.period
    days, tz = config.accountability.answer_within_days, config.council.timezone
    found = []
    for forum in config.forums:
        for side in (Side.ADULT, Side.YOUTH):
            if not any(a.forum_id == forum.id and a.side is side for a in figures.asked):
                continue
            got = measure(figures.asked, (), period.start, period.end, days, tz, side, forum.id)
            found.append((forum.id, side, got))
    return found


def forum_side_label(t: Translator, config: Config, forum_id: str, side: Side) -> str:
    """ "Transport", or "Transport (youth forum)" (HTML-safe, as translations are)."""
    name = proposal_text.forum_name(config, forum_id, t)
    return t._("{forum} (youth forum)", forum=name) if side is Side.YOUTH else escape(name)


def forum_lines(t: Translator, config: Config, figures: DigestFigures) -> list[str]:
    """The council's answers forum by forum (a line each), for the Telegram messages."""
    rows = by_forum_side(config, figures)
    if not rows:
        return []
    lines = [t._("<b>By forum</b>")]
    for forum_id, side, got in rows:
        line = t._(
            "{forum}: {answered} answered, {waiting} waiting, {overdue} overdue",
            forum=Html(forum_side_label(t, config, forum_id, side)),
            answered=got.answered_in_period, waiting=got.awaiting, overdue=got.overdue,
        )  # fmt: skip
        if got.median_over >= MIN_FOR_RATE:
            line += "; " + t._("median {median}", median=median(t, got))
        lines.append(line)
    return lines


def forum_table_rows(t: Translator, config: Config, figures: DigestFigures) -> list[list[object]]:
    """The same per forum side, for the HTML table (rates under 5 as "—" with the count)."""
    rows: list[list[object]] = []
    for forum_id, side, got in by_forum_side(config, figures):
        on_time = rate(t, got.on_time) if got.on_time.shown else f"— ({got.on_time.whole})"
        days = median(t, got) if got.median_over >= MIN_FOR_RATE else f"— ({got.median_over})"
        rows.append(
            [
                unescape(forum_side_label(t, config, forum_id, side)), got.answered_in_period,
                got.awaiting, got.overdue, days, on_time,
            ]
        )  # fmt: skip
    return rows


def rate(t: Translator, value: Rate) -> str:
    """ "12 of 14 (86%)", or "too few to show (3)" under MIN_FOR_RATE."""
    if not value.shown:
        return t._("too few to show ({count})", count=value.whole)
    return t._(
        "{part} of {whole} ({percent}%)", part=value.part, whole=value.whole, percent=value.percent
    )


def median(t: Translator, figures: Responsiveness) -> str:
    """ "6.5 days (over 14)", or "too few to show"."""
    if figures.median_days is None or figures.median_over < 5:
        return t._("too few to show ({count})", count=figures.median_over)
    return t._(
        "{days} days (over {count})", days=t.number(figures.median_days), count=figures.median_over
    )


def answers_lines(t: Translator, config: Config, figures: DigestFigures) -> list[str]:
    """The section for the Telegram messages: adults and youth apart, short lines, rates only
    where there are enough proposals behind them."""
    sides = by_side(config, figures)
    promise = t.duration(config.accountability.answer_within_days)
    lines = [
        t._(
            "⏱ <b>The council's answers</b> (the promise: a first answer within {promise})",
            promise=promise,
        )
    ]
    for side, label in ((Side.ADULT, t._("Adults")), (Side.YOUTH, t._("Youth forum"))):
        got = sides[side]
        lines.append(
            t._(
                "<b>{side}</b>: {answered} answered this period; {waiting} waiting, "
                "{overdue} overdue.",
                side=label,
                answered=got.answered_in_period,
                waiting=got.awaiting,
                overdue=got.overdue,
            )
        )
        rates = [
            (t._("Median time to a first answer"), median(t, got), got.median_over >= 5),
            (t._("Within the promise (last 12 weeks)"), rate(t, got.on_time), got.on_time.shown),
            (t._("Authors: a clear answer"), rate(t, got.clear), got.clear.shown),
            (t._("Authors: something happened"), rate(t, got.happened), got.happened.shown),
        ]
        shown = [f"  {name}: {value}" for name, value, enough in rates if enough]
        lines.extend(shown or [t._("  Too few answers yet for rates (they need 5 or more).")])
    return lines + forum_lines(t, config, figures)


def overdue_lines(t: Translator, config: Config, figures: DigestFigures) -> list[str]:
    """Overdue proposals, oldest first, for the top of the digest (nothing if none)."""
    if not figures.overdue:
        return []
    lines = [
        t.n_(
            "⏰ <b>{count} proposal has had no answer within the promise</b> (/overdue):",
            "⏰ <b>{count} proposals have had no answer within the promise</b> (/overdue):",
            len(figures.overdue),
        )
    ]
    for item in figures.overdue[:SHOWN_OVERDUE]:
        lines.append(
            t._(
                "{ref} “{title}” ({forum}), sent {date}",
                ref=reference(item.proposal_id),
                title=limits.trim(item.title, 80),
                forum=proposal_text.forum_name(config, item.forum_id, t),
                date=t.date(item.created_at, "medium"),
            )
        )
    return lines


def table_rows(t: Translator, config: Config, figures: DigestFigures) -> list[list[object]]:
    """Rows for the HTML table: a measure, then adults, youth, everyone. A rate over fewer
    than 5 is "—" with its count (``TOO_FEW_NOTE`` says so under the table)."""
    sides = [by_side(config, figures)[s] for s in (Side.ADULT, Side.YOUTH, None)]

    def short(value: Rate) -> str:
        return rate(t, value) if value.shown else f"— ({value.whole})"

    def days(got: Responsiveness) -> str:
        return median(t, got) if got.median_over >= 5 else f"— ({got.median_over})"

    return [
        [t._("Answered this period"), *(s.answered_in_period for s in sides)],
        [t._("Median time to a first answer"), *(days(s) for s in sides)],
        [t._("Within the promise (last 12 weeks)"), *(short(s.on_time) for s in sides)],
        [t._("Waiting for an answer"), *(s.awaiting for s in sides)],
        [t._("Overdue"), *(s.overdue for s in sides)],
        [t._("Authors: a clear answer"), *(short(s.clear) for s in sides)],
        [t._("Authors: something happened"), *(short(s.happened) for s in sides)],
    ]


def too_few_note(t: Translator) -> str:
    """Under the HTML table."""
    return t._("— : too few to show a rate (fewer than 5); the number in brackets is how many.")
