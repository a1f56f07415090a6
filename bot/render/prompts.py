"""Prompts as members and groups see them, answers as convenors see them, check-in lines."""

from __future__ import annotations

from datetime import datetime

from bot.config import Config
from bot.domain.people import Side
from bot.domain.prompts import Answer, Prompt, PromptSummary, PromptText, Schedule
from bot.i18n import I18n, Translator, escape

EXCERPT = 60


def forum_label(t: Translator, config: Config, forum_id: str, side: Side) -> str:
    """ "Environment", or "Environment (youth forum)" for a shadow forum."""
    forum = config.forum(forum_id)
    name = forum.name(t.language) if forum else forum_id
    return t._("{forum} (youth forum)", forum=name) if side is Side.YOUTH else escape(name)


def _text_for(t: Translator, text: PromptText) -> str:
    words, other = text.for_reader(t.language)
    body = escape(words)
    if other == "en":
        body += "\n<i>" + t._("(This prompt was written in English only.)") + "</i>"
    elif other == "cy":
        body += "\n<i>" + t._("(This prompt was written in Welsh only.)") + "</i>"
    return body


def private(t: Translator, config: Config, prompt: Prompt, reminder: bool = False) -> str:
    """A prompt sent privately to a member, or its reminder."""
    forum = forum_label(t, config, prompt.forum_id, prompt.side)
    heading = (
        t._(
            "⏰ A reminder from <b>{forum}</b>: we would still love to hear from you.", forum=forum
        )
        if reminder
        else t._("💬 <b>{forum}</b> would like to hear from you:", forum=forum)
    )
    footer = t._("Press Reply to answer. Your answer goes to the forum's convenors.")
    return f"{heading}\n\n{_text_for(t, prompt.text)}\n\n{footer}"


def group_post(i18n: I18n, config: Config, prompt: Prompt) -> str:
    """A prompt posted in a forum's group: both languages it was written in, Welsh first."""
    parts = []
    for language, words in (("cy", prompt.text.cy), ("en", prompt.text.en)):
        if words:
            t = i18n(language)
            forum = forum_label(t, config, prompt.forum_id, prompt.side)
            parts.append(f"💬 <b>{forum}</b>\n{escape(words)}")
    footer = " · ".join(
        i18n(language)._("Reply to this message to answer.") for language in ("cy", "en")
    )
    return "\n\n".join([*parts, f"<i>{footer}</i>"])


def excerpt(t: Translator, text: PromptText) -> str:
    """The start of a prompt in the reader's language (or the other), for lists and buttons."""
    words = text.for_reader(t.language)[0].replace("\n", " ")
    return words if len(words) <= EXCERPT else words[: EXCERPT - 1].rstrip() + "…"


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
) -> str:
    """A page of answers to a prompt; young people are named only to youth convenors."""
    forum = forum_label(t, config, prompt.forum_id, prompt.side)
    heading = t.n_(
        "<b>{forum}</b>: {count} answer to “{prompt}”",
        "<b>{forum}</b>: {count} answers to “{prompt}”",
        total,
        forum=forum,
        prompt=excerpt(t, prompt.text),
    )
    blocks = [heading]
    for number, answer in enumerate(page_answers, start=first_number):
        who = _author(t, answer, see_youth_names)
        when = t.date(answer.created_at, "medium")
        blocks.append(f"<b>{number}.</b> <i>{who} · {escape(when)}</i>\n{escape(answer.text)}")
    return "\n\n".join(blocks)


def _author(t: Translator, answer: Answer, see_youth_names: bool) -> str:
    if answer.author_name is None:
        return t._("a former member")
    if answer.side is Side.YOUTH and not see_youth_names:
        return t._("a young person")
    return escape(answer.author_name)


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
