"""Forum meetings in the digest: each meeting held in the week, how many came (adults, young
people, as the convenor recorded) and how many had answered the invitation."""

from __future__ import annotations

from collections.abc import Sequence

from bot.config import Config
from bot.domain.meetings import Attendance, MeetingFigures
from bot.i18n import Translator, escape
from bot.render.common_ground import sides_label


def came(t: Translator, figures: MeetingFigures) -> str:
    """ "came: adults 14, young people 3", or "attendance not recorded yet"."""
    if figures.meeting.attended is None:
        return t._("attendance not recorded yet")
    adults, youth = figures.meeting.attended
    return t._("came: adults {adults}, young people {youth}", adults=adults, youth=youth)


def answered(t: Translator, figures: MeetingFigures) -> str:
    """ "answers: coming 10, maybe 4, can't 2"."""
    return t._(
        "answers: coming {coming}, maybe {maybe}, can't {cant}",
        coming=figures.answered(Attendance.COMING),
        maybe=figures.answered(Attendance.MAYBE),
        cant=figures.answered(Attendance.CANT),
    )


def digest_lines(t: Translator, config: Config, held: Sequence[MeetingFigures]) -> list[str]:
    """The digest's section (nothing when no meeting was held)."""
    if not held:
        return []
    lines = ["📅 <b>" + t._("Forum meetings this week") + "</b>"]
    for figures in held:
        meeting = figures.meeting
        forum = escape(sides_label(t, config, meeting.forum_id, meeting.side))
        day = t.date(meeting.starts_at, "medium")
        line = f"{forum}, {day}: {came(t, figures)}; {answered(t, figures)}"
        if figures.inputs:
            line += "; " + t.n_(
                "{count} proposal recorded from it", "{count} proposals recorded from it",
                figures.inputs,
            )  # fmt: skip
        lines.append(line)
    return lines


def table_rows(t: Translator, config: Config, held: Sequence[MeetingFigures]) -> list[list[str]]:
    """HTML rows: forum, date, place, came, answers (plain text)."""
    return [
        [
            sides_label(t, config, f.meeting.forum_id, f.meeting.side),
            t.date(f.meeting.starts_at, "medium"),
            f.meeting.place,
            came(t, f),
            answered(t, f),
        ]
        for f in held
    ]
