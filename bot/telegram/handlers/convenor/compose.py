"""Writing a prompt, to send now (/prompt) or as a check-in (/schedule): one flow.

Steps: forum side → (for a check-in: weekday → time → how often) → language(s) → the words →
preview → send or save. The state is a stored ``PromptDraft`` (its fields are the keys older
versions stored, so a draft begun before an upgrade carries on); a button belongs to one step,
and pressed at any other (forged, or from an older message) it is out of date. The right to use
the chosen forum side is checked again at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from telegram import Update

from bot.domain.people import Person, Side
from bot.domain.prompts import EVERY_WEEKS_CHOICES, PROMPT_MAX, PromptText, first_date, parse_time
from bot.domain.proposals import clean_text
from bot.domain.roles import Action, Scope, can, scopes
from bot.render import prompts as render
from bot.services import check_ins
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.scheduling import plan_checkin
from bot.telegram.sender import refuse_non_convenor
from bot.telegram.views import prompting as views
from bot.telegram.views.prompting import (
    ComposeEvery,
    ComposeLanguages,
    ComposeSend,
    ComposeSide,
    ComposeStop,
    ComposeWeekday,
    Languages,
)


class Purpose(StrEnum):
    """A prompt sent now, or a check-in (a prompt on a schedule)."""

    NOW = "now"
    CHECKIN = "schedule"


class Step(StrEnum):
    """Where the convenor is (before the forum side is chosen, the step is None)."""

    WEEKDAY = "weekday"
    TIME = "time"
    EVERY = "every"
    LANGS = "langs"
    CY = "cy"
    EN = "en"
    PREVIEW = "preview"


@dataclass(frozen=True)
class PromptDraft(FlowState, flow="prompt"):
    """A prompt or check-in being written."""

    purpose: Purpose
    step: Step | None = None
    forum: str | None = None
    side: Side | None = None
    weekday: int | None = None
    time: str | None = None  # "18:30"
    every: int | None = None
    langs: Languages | None = None
    cy: str | None = None
    en: str | None = None

    @property
    def action(self) -> Action:
        """Scheduling a check-in and prompting now are separate permissions."""
        return Action.SCHEDULE if self.purpose is Purpose.CHECKIN else Action.PROMPT


async def begin(update: Update, context: CydlaisContext, person: Person, purpose: Purpose) -> None:
    """Start the flow: which forum side is it for?"""
    draft = PromptDraft(purpose)
    targets = scopes(context.grants, context.config, draft.action)
    if not targets:
        await refuse_non_convenor(update, context)
        return
    await context.store.conversations.set(person, draft.flow, draft.to_json())
    await replies.notice(update)
    view = views.choose_side(context.t, context.config, targets, purpose is Purpose.CHECKIN)
    await replies.show(update, view)


async def _draft_at(
    update: Update, context: CydlaisContext, person: Person, step: Step | None
) -> PromptDraft | None:
    """The stored draft if it is at ``step``; any other button is answered as out of date."""
    draft = PromptDraft.of(await context.store.conversations.get(person))
    if draft is None or draft.step is not step:
        await replies.stale(update, context)
        return None
    return draft


@on_button(ComposeSide, Who.PERSON)
async def side_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ComposeSide
) -> None:
    """The forum side (checked: the button may be forged)."""
    draft = await _draft_at(update, context, person, None)
    if draft is None:
        return
    if context.config.forum(pressed.forum_id) is None:
        await replies.stale(update, context)
        return
    if not can(context.grants, draft.action, Scope(pressed.forum_id, pressed.side)):
        await refuse_non_convenor(update, context)
        return
    draft = draft.replace(forum=pressed.forum_id, side=pressed.side)
    await _next(
        update,
        context,
        person,
        draft,
        Step.WEEKDAY if draft.purpose is Purpose.CHECKIN else Step.LANGS,
    )


@on_button(ComposeWeekday, Who.PERSON)
async def weekday_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ComposeWeekday
) -> None:
    """A check-in's weekday."""
    draft = await _draft_at(update, context, person, Step.WEEKDAY)
    if draft is None:
        return
    if not 0 <= pressed.weekday <= 6:
        await replies.stale(update, context)
        return
    await _next(update, context, person, draft.replace(weekday=pressed.weekday), Step.TIME)


@on_button(ComposeEvery, Who.PERSON)
async def every_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ComposeEvery
) -> None:
    """How often."""
    draft = await _draft_at(update, context, person, Step.EVERY)
    if draft is None:
        return
    if pressed.weeks not in EVERY_WEEKS_CHOICES:
        await replies.stale(update, context)
        return
    await _next(update, context, person, draft.replace(every=pressed.weeks), Step.LANGS)


@on_button(ComposeLanguages, Who.PERSON)
async def languages_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ComposeLanguages
) -> None:
    """The language(s): then the words, Welsh first when both."""
    draft = await _draft_at(update, context, person, Step.LANGS)
    if draft is None:
        return
    draft = draft.replace(langs=pressed.languages, cy=None, en=None)
    await _next(
        update, context, person, draft, Step.EN if pressed.languages is Languages.EN else Step.CY
    )


async def _next(
    update: Update, context: CydlaisContext, person: Person, draft: PromptDraft, step: Step
) -> None:
    """Store the draft at ``step`` and ask its question."""
    await replies.notice(update)
    draft = draft.replace(step=step)
    await context.store.conversations.set(person, draft.flow, draft.to_json())
    t = context.t
    questions = {
        Step.WEEKDAY: views.choose_weekday,
        Step.TIME: views.ask_time,
        Step.EVERY: views.choose_every,
        Step.LANGS: views.choose_languages,
    }
    view = questions[step](t) if step in questions else views.ask_words(t, step.value)
    # "How often?" follows the typed time: there is no message of ours to replace.
    await (replies.send if step is Step.EVERY else replies.show)(update, view)


async def on_compose_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """Typed text in the flow: a check-in's time, or the prompt's words."""
    message = update.effective_message
    assert message is not None and message.text is not None
    t, draft = context.t, PromptDraft.from_json(stored)
    if draft is not None and draft.step is Step.TIME:
        local_time = parse_time(message.text)
        if local_time is None:
            await replies.send(update, views.not_a_time(t))
            return
        await _next(
            update, context, person, draft.replace(time=local_time.strftime("%H:%M")), Step.EVERY
        )
        return
    if draft is None or draft.step not in (Step.CY, Step.EN):
        await replies.refuse(update, t._("Please use the buttons above first."))
        return
    text = clean_text(message.text)
    if not text:
        await replies.refuse(update, t._("The prompt is empty. Please write it again."))
        return
    if len(text) > PROMPT_MAX:
        limit = t._("Please keep the prompt under {count} characters.", count=PROMPT_MAX)
        await replies.refuse(update, limit)
        return
    draft = draft.replace(**{draft.step.value: text})
    if draft.step is Step.CY and draft.langs is Languages.BOTH:
        await _next(update, context, person, draft, Step.EN)
        return
    draft = draft.replace(step=Step.PREVIEW)
    await context.store.conversations.set(person, draft.flow, draft.to_json())
    await _preview(update, context, draft)


def describe_checkin(context: CydlaisContext, draft: PromptDraft) -> str:
    """ "Every Monday at 18:00 · first on Monday 30 November 2026" for a check-in being set up."""
    assert draft.time is not None and draft.weekday is not None and draft.every is not None
    local_time = parse_time(draft.time)
    assert local_time is not None
    tz = context.config.council.timezone
    start = first_date(draft.weekday, local_time, context.services.clock.now(), tz)
    return views.checkin_timing(context.t, draft.weekday, draft.time, draft.every, start)


async def _preview(update: Update, context: CydlaisContext, draft: PromptDraft) -> None:
    assert draft.forum is not None and draft.side is not None
    services = context.services
    count = await context.store.prompts.count_recipients(
        draft.forum, draft.side, check_ins.youth_bands(services)
    )
    grouped = check_ins.group_for(services, draft.forum, draft.side) is not None
    forum = render.forum_label(context.t, context.config, draft.forum, draft.side)
    checkin = describe_checkin(context, draft) if draft.purpose is Purpose.CHECKIN else None
    words = [w for w in (draft.cy, draft.en) if w]
    await replies.send(update, views.preview(context.t, words, forum, count, grouped, checkin))


@on_button(ComposeStop, Who.PERSON)
async def stop_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ComposeStop
) -> None:
    """Cancel (at any step of a draft that is still there)."""
    if PromptDraft.of(await context.store.conversations.get(person)) is None:
        await replies.stale(update, context)
        return
    await context.store.conversations.clear(person)
    await replies.notice(update)
    await replies.edit_keyboard(update, None)
    await replies.send(update, views.cancelled(context.t))


@on_button(ComposeSend, Who.PERSON)
async def send_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ComposeSend
) -> None:
    """Send the prompt, or save the check-in (permission checked again)."""
    draft = await _draft_at(update, context, person, Step.PREVIEW)
    if draft is None:
        return
    await context.store.conversations.clear(person)
    await replies.notice(update)
    await replies.edit_keyboard(update, None)  # a preview cannot be sent twice
    assert draft.forum is not None and draft.side is not None
    if not can(context.grants, draft.action, Scope(draft.forum, draft.side)):
        await refuse_non_convenor(update, context)
        return
    text = PromptText(draft.cy, draft.en)
    if draft.purpose is Purpose.CHECKIN:
        await _save_checkin(update, context, person, draft, text)
        return
    _, count = await check_ins.send_prompt(
        context.services, draft.forum, draft.side, text, person.id
    )
    await context.deliver_outbox()
    await replies.send(update, views.sent(context.t, count))


async def _save_checkin(
    update: Update, context: CydlaisContext, person: Person, draft: PromptDraft, text: PromptText
) -> None:
    assert draft.time is not None and draft.weekday is not None and draft.every is not None
    assert draft.forum is not None and draft.side is not None
    when = parse_time(draft.time)
    assert when is not None
    timing = (draft.weekday, when, draft.every)
    schedule = await check_ins.save_checkin(
        context.services, draft.forum, draft.side, text, timing, person.id
    )
    await plan_checkin(context.application, context.services, schedule)
    await replies.send(update, views.checkin_saved(context.t, describe_checkin(context, draft)))
