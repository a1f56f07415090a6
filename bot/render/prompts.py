"""Prompts as members and groups see them, answers as convenors see them, check-in lines."""

from __future__ import annotations

from datetime import datetime

from bot.config import Config
from bot.domain.people import Side
from bot.domain.prompts import Answer, Prompt, PromptSummary, PromptText, Schedule
from bot.i18n import Html, I18n, Translator, escape, unescape
from bot.render import limits
from bot.render.proposals import forum_name

EXCERPT = 60
NAME_ROOM = 80  # a Telegram name can be 129 characters (first and last name)
BUTTON_NAME_ROOM = 14  # a first name on a button: "🙈 Hide answer 2 (Bethan-Lowri…)"


def forum_label(t: Translator, config: Config, forum_id: str, side: Side) -> str:
    """ "Environment", or "Environment (youth forum)" for a shadow forum, as HTML (escaped:
    pass it on as ``Html``)."""
    name = forum_name(config, forum_id, t)
    return t._("{forum} (youth forum)", forum=name) if side is Side.YOUTH else escape(name)


def _text_for(t: Translator, text: PromptText, room: int = limits.MESSAGE_LIMIT) -> str:
    words, other = text.for_reader(t.language)
    body = escape(limits.trim(words, room))
    if other == "en":
        body += "\n<i>" + t._("(This prompt was written in English only.)") + "</i>"
    elif other == "cy":
        body += "\n<i>" + t._("(This prompt was written in Welsh only.)") + "</i>"
    return body


def private(t: Translator, config: Config, prompt: Prompt, reminder: bool = False) -> str:
    """A prompt sent privately to a member, or its reminder (always one message: prompts are
    held to PROMPT_MAX, and anything longer is shortened with "…")."""
    forum = forum_label(t, config, prompt.forum_id, prompt.side)
    heading = (
        t._(
            "⏰ A reminder from <b>{forum}</b>: we would still love to hear from you.",
            forum=Html(forum),
        )
        if reminder
        else t._("💬 <b>{forum}</b> would like to hear from you:", forum=Html(forum))
    )
    footer = t._("Press Reply to answer. Your answer goes to the forum's convenors.")
    text = f"{heading}\n\n{_text_for(t, prompt.text)}\n\n{footer}"
    if limits.fits(text):
        return text
    frame = f"{heading}\n\n{_text_for(t, prompt.text, 0)}\n\n{footer}"
    room = limits.MESSAGE_LIMIT - limits.html_units(frame)
    return f"{heading}\n\n{_text_for(t, prompt.text, room)}\n\n{footer}"


def group_post(i18n: I18n, config: Config, prompt: Prompt) -> str:
    """A prompt posted in a forum's group: both languages it was written in, Welsh first
    (each shortened with "…" to half the message if both together would not fit)."""
    texts = [
        (language, words)
        for language, words in (("cy", prompt.text.cy), ("en", prompt.text.en))
        if words
    ]
    footer = " · ".join(
        i18n(language)._("Reply to this message to answer.") for language in ("cy", "en")
    )

    def build(room: int) -> str:
        parts = []
        for language, words in texts:
            forum = forum_label(i18n(language), config, prompt.forum_id, prompt.side)
            parts.append(f"💬 <b>{forum}</b>\n{escape(limits.trim(words, room))}")
        return "\n\n".join([*parts, f"<i>{footer}</i>"])

    post = build(limits.MESSAGE_LIMIT)
    if limits.fits(post):
        return post
    frame = limits.html_units(build(0))
    return build(limits.share(limits.MESSAGE_LIMIT - frame, len(texts), ""))


def excerpt(t: Translator, text: PromptText) -> str:
    """The start of a prompt in the reader's language (or the other), for lists and buttons."""
    return limits.trim(" ".join(text.for_reader(t.language)[0].split()), EXCERPT)


def summary_button(t: Translator, summary: PromptSummary) -> str:
    """A button label for a prompt in the convenor's list (plain text)."""
    return t._(
        "{excerpt} ({answers} of {sent} answered)",
        excerpt=excerpt(t, summary.prompt.text),
        answers=summary.answers,
        sent=summary.recipients,
    )


def answers(
    t: Translator,
    config: Config,
    prompt: Prompt,
    page_answers: list[Answer],
    total: int,
    first_number: int,
    see_youth_names: bool,
) -> tuple[str, int]:
    """A page of answers to a prompt, and how many of ``page_answers`` it shows: as many whole
    answers as fit in one message (at least one; one too long even on its own, which only
    emoji-heavy text can be, is shortened with "…"). Young people are named only to youth
    convenors."""
    forum = forum_label(t, config, prompt.forum_id, prompt.side)
    heading = t.n_(
        "<b>{forum}</b>: {count} answer to “{prompt}”",
        "<b>{forum}</b>: {count} answers to “{prompt}”",
        total,
        forum=Html(forum),
        prompt=excerpt(t, prompt.text),
    )
    blocks = [
        _answer(t, number, answer, answer.text, see_youth_names)
        for number, answer in enumerate(page_answers, start=first_number)
    ]
    room = limits.MESSAGE_LIMIT - limits.html_units(heading) - 2
    count = limits.how_many_fit(blocks, room)
    shown = blocks[:count]
    if shown and not limits.fits(shown[0], room):
        first = page_answers[0]
        shown = [
            limits.fit_value(
                lambda words: _answer(t, first_number, first, words, see_youth_names),
                first.text,
                room,
            )
        ]
    return "\n\n".join([heading, *shown]), len(shown)


def _answer(t: Translator, number: int, answer: Answer, words: str, see_youth_names: bool) -> str:
    who = _author(t, answer, see_youth_names)
    when = t.date(answer.created_at, "medium")
    return f"<b>{t.number(number)}.</b> <i>{who} · {escape(when)}</i>\n{escape(words)}"


def answers_notice(t: Translator, config: Config, prompt: Prompt, new: int) -> str:
    """To a convenor: new answers to their prompt (gathered over an hour or a quiet night)."""
    return t.n_(
        "💬 {count} new answer to “{prompt}” in {forum}.",
        "💬 {count} new answers to “{prompt}” in {forum}.",
        new,
        prompt=excerpt(t, prompt.text),
        forum=Html(forum_label(t, config, prompt.forum_id, prompt.side)),
    )


def author_label(t: Translator, answer: Answer, see_youth_names: bool) -> str:
    """Who wrote an answer, short enough for a button (plain text): the first name, cut at
    a word, or "a young person" for those who may not see young people's names."""
    if answer.author_name is None or (answer.side is Side.YOUTH and not see_youth_names):
        return unescape(_author(t, answer, see_youth_names))
    first = answer.author_name.split()[0] if answer.author_name.split() else "?"
    return limits.trim(first, BUTTON_NAME_ROOM)


def _author(t: Translator, answer: Answer, see_youth_names: bool) -> str:
    if answer.author_name is None:
        return t._("a former member")
    if answer.side is Side.YOUTH and not see_youth_names:
        return t._("a young person")
    return escape(limits.trim(answer.author_name, NAME_ROOM))


EVERY = {1: "", 2: "2", 4: "4"}


def schedule_line(t: Translator, config: Config, schedule: Schedule, next_at: datetime) -> str:
    """One check-in: when it goes, where, the next date and the start of its text."""
    forum = forum_label(t, config, schedule.forum_id, schedule.side)
    time_text = schedule.local_time.strftime("%H:%M")
    weekday = t.weekday(schedule.weekday, mid_sentence=True)
    if schedule.every_weeks == 1:
        when = t._("Every {weekday} at {time}", weekday=weekday, time=time_text)
    else:
        when = t.n_(
            "Every {count} week on {weekday} at {time}",
            "Every {count} weeks on {weekday} at {time}",
            schedule.every_weeks,
            weekday=weekday,
            time=time_text,
        )
    next_text = t._("next: {date}", date=t.date(next_at, "full"))
    return f"<b>{forum}</b> · {when} · {next_text}\n“{escape(excerpt(t, schedule.text))}”"


def schedule_list(
    t: Translator, config: Config, checkins: list[tuple[Schedule, datetime]]
) -> tuple[str, int]:
    """Check-ins, numbered, with their next dates: as many as fit in one message, and how
    many that is (the rest are counted at the end)."""
    lines = [
        f"{number}. " + schedule_line(t, config, schedule, next_at)
        for number, (schedule, next_at) in enumerate(checkins, start=1)
    ]
    if limits.fits("\n\n".join(lines)):
        return "\n\n".join(lines), len(lines)
    more = t._("…and {count} more. Cancel some to see the rest.", count=len(lines))
    count = limits.how_many_fit(lines, limits.MESSAGE_LIMIT - limits.html_units(more) - 2)
    rest = t._("…and {count} more. Cancel some to see the rest.", count=len(lines) - count)
    return "\n\n".join([*lines[:count], rest]), count
