"""/prompt and /schedule as convenors see them: the menus, writing a prompt or a check-in step
by step (forum side → weekday → time → how often → language(s) → words → preview), the list
of prompts and pages of their answers, the list of check-ins.

The data keeps the shape older versions put in chats ("pr:new", "pr:a:12:5", "sc:x:3",
"pc:f:transport:youth", "pc:send" …), so buttons already in people's chats still work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from telegram import InlineKeyboardButton

from bot.config import Config
from bot.domain.people import Side
from bot.domain.prompts import EVERY_WEEKS_CHOICES, PromptSummary
from bot.domain.roles import Scope
from bot.i18n import Html, Translator, escape, unescape
from bot.render import limits
from bot.render import prompts as render
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard, rows
from bot.telegram.views import View


class Languages(StrEnum):
    """The language(s) a prompt is written in."""

    CY = "cy"
    EN = "en"
    BOTH = "both"


# ---- buttons ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPrompt(CallbackData, prefix="pr", tag="new"):
    """/prompt → write a new prompt."""


@dataclass(frozen=True)
class PromptList(CallbackData, prefix="pr", tag="ans"):
    """/prompt → the prompts, to read their answers."""


@dataclass(frozen=True)
class AnswersPage(CallbackData, prefix="pr", tag="a"):
    """A page of one prompt's answers, starting after ``offset`` of them."""

    prompt_id: int
    offset: int


@dataclass(frozen=True)
class HideAnswer(CallbackData, prefix="pr", tag="h"):
    """🙈 under an answer (the reason is asked next)."""

    answer_id: int


@dataclass(frozen=True)
class NewCheckin(CallbackData, prefix="sc", tag="new"):
    """/schedule → a new check-in."""


@dataclass(frozen=True)
class CheckinList(CallbackData, prefix="sc", tag="list"):
    """/schedule → the check-ins."""


@dataclass(frozen=True)
class CancelCheckin(CallbackData, prefix="sc", tag="x"):
    """Cancel one check-in."""

    schedule_id: int


@dataclass(frozen=True)
class ComposeSide(CallbackData, prefix="pc", tag="f"):
    """The forum side a prompt or check-in is for."""

    forum_id: str
    side: Side


@dataclass(frozen=True)
class ComposeWeekday(CallbackData, prefix="pc", tag="d"):
    """A check-in's weekday (0 = Monday)."""

    weekday: int


@dataclass(frozen=True)
class ComposeEvery(CallbackData, prefix="pc", tag="e"):
    """How many weeks between a check-in's occurrences."""

    weeks: int


@dataclass(frozen=True)
class ComposeLanguages(CallbackData, prefix="pc", tag="l"):
    """The language(s) it is written in."""

    languages: Languages


@dataclass(frozen=True)
class ComposeSend(CallbackData, prefix="pc", tag="send"):
    """Send the prompt, or save the check-in."""


@dataclass(frozen=True)
class ComposeStop(CallbackData, prefix="pc", tag="stop"):
    """Cancel at the preview."""


# ---- menus and lists --------------------------------------------------------------------------


def prompt_menu(t: Translator) -> View:
    """/prompt."""
    buttons = [
        [Button("✍️ " + t._("New prompt"), NewPrompt().pack())],
        [Button("📥 " + t._("Answers"), PromptList().pack())],
    ]
    return View(t._("What would you like to do?"), Keyboard(buttons))


def schedule_menu(t: Translator) -> View:
    """/schedule."""
    buttons = [
        [Button("➕ " + t._("New check-in"), NewCheckin().pack())],
        [Button("📋 " + t._("Check-ins"), CheckinList().pack())],
    ]
    text = t._("Check-ins send a prompt to your forum on a regular day and time.")
    return View(text, Keyboard(buttons))


def prompt_list(t: Translator, summaries: Sequence[PromptSummary]) -> View:
    """The prompts (newest first), one button each."""
    if not summaries:
        return View(t._("There are no prompts yet. Start one with /prompt."))
    buttons = [
        [Button(unescape(render.summary_button(t, s)), AnswersPage(s.prompt.id, 0).pack())]
        for s in summaries
    ]
    return View(t._("Which prompt's answers would you like to read?"), Keyboard(buttons))


def answers_page(
    t: Translator, text: str, prompt_id: int, authors: Sequence[tuple[int, str]], first: int,
    previous: int | None, following: int | None,
) -> View:  # fmt: skip
    """A page of answers (``text``), a 🙈 per answer saying which it hides ("🙈 Hide answer 2
    (Ben)": ``authors`` are the answers' ids and who wrote them, as the convenor may see), two
    to a row, and the arrows."""
    hides = [
        Button(
            "🙈 " + unescape(t._("Hide answer {number} ({who})", number=number, who=who)),
            HideAnswer(answer_id).pack(),
        )
        for number, (answer_id, who) in enumerate(authors, start=first)
    ]
    navigation: list[InlineKeyboardButton] = []
    if previous is not None:
        navigation.append(Button("◀️", AnswersPage(prompt_id, previous).pack()))
    if following is not None:
        navigation.append(Button("▶️", AnswersPage(prompt_id, following).pack()))
    keyboard = [*rows(hides, 2), *([navigation] if navigation else [])]
    return View(text, Keyboard(keyboard) if keyboard else None)


def read_new_answers(t: Translator, prompt_id: int, earlier: int) -> Keyboard:
    """Under the new-answers notice: read them (from the first new one)."""
    return Keyboard([[Button("📖 " + t._("Read them"), AnswersPage(prompt_id, earlier).pack())]])


def ask_hide_reason(t: Translator) -> View:
    """After 🙈."""
    return View(t._("Why are you hiding this answer? Write a short reason."))


def checkin_list(t: Translator, text: str, schedule_ids: Sequence[int]) -> View:
    """The check-ins (``text``), a cancel button for each shown."""
    buttons = [
        [
            Button(
                "✖️ " + t._("Cancel check-in {number}", number=number),
                CancelCheckin(schedule_id).pack(),
            )
        ]
        for number, schedule_id in enumerate(schedule_ids, start=1)
    ]
    return View(text, Keyboard(buttons))


# ---- writing a prompt or a check-in -------------------------------------------------------------


def side_rows(
    t: Translator, config: Config, targets: Sequence[Scope], data: Callable[[Scope], str]
) -> list[list[InlineKeyboardButton]]:
    """One button per forum side a convenor looks after (shadow forums labelled as youth
    forums), carrying ``data(scope)``."""
    names = {f.id: f.name(t.language) for f in config.forums}
    buttons: list[list[InlineKeyboardButton]] = []
    for scope in targets:
        label = names.get(scope.forum_id, scope.forum_id)
        if scope.side is Side.YOUTH:
            label = unescape(t._("{forum} (youth forum)", forum=label))
        buttons.append([Button(label, data(scope))])
    return buttons


def choose_side(t: Translator, config: Config, targets: Sequence[Scope], checkin: bool) -> View:
    """Which forum side is it for?"""
    buttons = side_rows(t, config, targets, lambda s: ComposeSide(s.forum_id, s.side).pack())
    question = (
        t._("Which forum is the check-in for?")
        if checkin
        else t._("Which forum is the prompt for?")
    )
    return View(question, Keyboard(buttons))


def choose_weekday(t: Translator) -> View:
    """A check-in's weekday."""
    buttons = [Button(t.weekday(day), ComposeWeekday(day).pack()) for day in range(7)]
    return View(t._("On which day of the week?"), Keyboard(rows(buttons, 2)))


def ask_time(t: Translator) -> View:
    """A check-in's time (typed)."""
    return View(t._("At what time? For example 18:00 or 6pm."))


def not_a_time(t: Translator) -> View:
    """A time that could not be read."""
    return View(t._("Please type a time, for example 18:00, 6pm or 6.30 yh."))


def choose_every(t: Translator) -> View:
    """How often."""
    labels = {1: t._("Every week"), 2: t._("Every 2 weeks"), 4: t._("Every 4 weeks")}
    buttons = [[Button(labels[n], ComposeEvery(n).pack())] for n in EVERY_WEEKS_CHOICES]
    return View(t._("How often?"), Keyboard(buttons))


def choose_languages(t: Translator) -> View:
    """The language(s)."""
    buttons = [
        [
            Button("Cymraeg", ComposeLanguages(Languages.CY).pack()),
            Button("English", ComposeLanguages(Languages.EN).pack()),
        ],
        [Button(t._("Both (Welsh first)"), ComposeLanguages(Languages.BOTH).pack())],
    ]
    return View(t._("Which language will you write it in?"), Keyboard(buttons))


def ask_words(t: Translator, language: str) -> View:
    """The prompt's words in one language."""
    if language == "cy":
        return View(
            t._("Write the prompt in Welsh, e.g. “Dywedwch wrthym am…”. Send /cancel to stop.")
        )
    return View(t._("Write the prompt in English, e.g. “Tell us about…”. Send /cancel to stop."))


def checkin_timing(t: Translator, weekday: int, time: str, every: int, start: date) -> str:
    """ "Every Monday at 18:00 · first on Monday 30 November 2026"."""
    day = t.weekday(weekday, mid_sentence=True)
    when = (
        t._("Every {weekday} at {time}", weekday=day, time=time)
        if every == 1
        else t.n_(
            "Every {count} week on {weekday} at {time}",
            "Every {count} weeks on {weekday} at {time}",
            every,
            weekday=day,
            time=time,
        )
    )
    return when + " · " + t._("first on {date}", date=t.date(start, "full"))


def cancelled(t: Translator) -> View:
    """Cancel at the preview."""
    return View(t._("Cancelled. Nothing was sent."))


def sent(t: Translator, count: int) -> View:
    """A prompt sent now."""
    return View(t.n_("✅ Sent to {count} member.", "✅ Sent to {count} members.", count))


def checkin_saved(t: Translator, timing: str) -> View:
    """A check-in saved, with when it comes."""
    return View("✅ " + t._("Check-in saved.") + " " + timing)


def preview(
    t: Translator, words: Sequence[str], forum: str, count: int, grouped: bool,
    checkin: str | None,
) -> View:  # fmt: skip
    """What will go, to how many, with Send (or Save) and Cancel. ``forum`` is escaped HTML;
    ``checkin`` describes a check-in's timing (None for a prompt sent now)."""
    # Each language gets under half a message, so both always fit (PROMPT_MAX keeps them whole).
    room = limits.MESSAGE_LIMIT // 2 - 200
    shown = "\n\n".join(escape(limits.trim(w, room)) for w in words)
    reach = t.n_(
        "It goes to the {count} member of {forum} who takes prompts.",
        "It goes to the {count} members of {forum} who take prompts.",
        count,
        forum=Html(forum),
    )
    if grouped:
        reach += " " + t._("It is also posted in the forum's group.")
    send_label = t._("Send")
    if checkin is not None:
        reach = checkin + "\n" + reach
        send_label = t._("Save the check-in")
    buttons = [
        [Button("✅ " + send_label, ComposeSend().pack())],
        [Button("✖️ " + t._("Cancel"), ComposeStop().pack())],
    ]
    return View(t._("<b>Preview</b>") + f"\n\n{shown}\n\n{reach}", Keyboard(buttons))
