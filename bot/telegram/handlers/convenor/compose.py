"""Writing a prompt, to send now (/prompt) or as a check-in (/schedule): one flow.

Steps: forum side → (for a check-in: weekday → time → how often) → languages → the text(s) →
preview → send or save. The state is kept in the database like every flow, and the right to
use the chosen forum side is checked again at the end.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, Update

from bot.domain.people import Person, Side
from bot.domain.prompts import EVERY_WEEKS_CHOICES, PROMPT_MAX, PromptText, first_date, parse_time
from bot.domain.proposals import clean_text
from bot.domain.roles import Action, Scope, can, scopes
from bot.i18n import Html, escape
from bot.render import limits
from bot.render import prompts as render
from bot.services import check_ins
from bot.telegram import keyboards
from bot.telegram.context import CydlaisContext
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import answer_button, edit_keyboard, edit_or_reply, reply, stale_button
from bot.telegram.scheduling import plan_checkin
from bot.telegram.sender import require_person

FLOW = "prompt"
NOW, CHECKIN = "now", "schedule"
SIDES = frozenset(s.value for s in Side)
# The step each button belongs to (None: before the forum side is chosen). Steps only move on
# through ``_next``, each once its answer is in the state, so a button pressed at any other
# step (forged, or from an older message) would skip a question: it is a stale button.
BUTTON_STEPS: dict[str, str | None] = {
    "f": None, "d": "weekday", "e": "every", "l": "langs", "send": "preview",
}  # fmt: skip


def action_for(state: dict[str, Any]) -> Action:
    """Scheduling a check-in and prompting now are separate permissions."""
    return Action.SCHEDULE if state.get("purpose") == CHECKIN else Action.PROMPT


async def refuse(update: Update, context: CydlaisContext) -> None:
    """Politely refuse someone who does not convene the forum (side) concerned."""
    text = context.t._("Sorry, only forum convenors can do that.")
    if update.callback_query is not None:
        await answer_button(update, text, alert=True)
    else:
        await reply(update, text)


async def convenor_menu(
    update: Update,
    context: CydlaisContext,
    action: Action,
    question: str,
    choices: list[InlineKeyboardButton],
) -> None:
    """A convenor command's first message: a question and one button per choice."""
    if not scopes(context.grants, context.config, action):
        await refuse(update, context)
        return
    if await require_person(update, context) is None:
        return
    await reply(update, question, Keyboard([[choice] for choice in choices]))


async def convenor_button(
    update: Update, context: CydlaisContext, action: Action
) -> tuple[Person, list[str]] | None:
    """The presser and the button's data parts, if they may take ``action`` at all."""
    person = await require_person(update, context)
    if person is None:
        return None
    if not scopes(context.grants, context.config, action):
        await refuse(update, context)
        return None
    data = update.callback_query.data if update.callback_query else None
    return person, (data or "").split(":")


async def begin(update: Update, context: CydlaisContext, person: Person, purpose: str) -> None:
    """Start the flow: which forum side is it for?"""
    state = {"purpose": purpose}
    await context.store.conversations.set(person, FLOW, state)
    targets = scopes(context.grants, context.config, action_for(state))
    keyboard = keyboards.forum_sides(
        context.t,
        context.config.forums,
        [(c.forum_id, c.side.value) for c in targets],
        lambda forum_id, side: keyboards.data(keyboards.COMPOSE, "f", forum_id, side),
    )
    question = (
        context.t._("Which forum is the check-in for?")
        if purpose == CHECKIN
        else context.t._("Which forum is the prompt for?")
    )
    await edit_or_reply(update, question, keyboard)


async def compose_button(update: Update, context: CydlaisContext) -> None:
    """Every button of the flow."""
    person = await require_person(update, context)
    if person is None:
        return
    current = await context.store.conversations.get(person)
    parts = (update.callback_query.data or "").split(":") if update.callback_query else []
    if current is None or current[0] != FLOW or len(parts) < 2:
        await stale_button(update, context)
        return
    state, action, args = current[1], parts[1], parts[2:]
    if action in BUTTON_STEPS and state.get("step") != BUTTON_STEPS[action]:
        await stale_button(update, context)
    elif action == "f" and len(args) == 2:
        await _choose_side(update, context, person, state, *args)
    elif action == "d" and len(args) == 1 and args[0] in "0123456" and len(args[0]) == 1:
        state["weekday"] = int(args[0])
        await _next(update, context, person, state, "time")
    elif action == "e" and len(args) == 1 and args[0] in {str(n) for n in EVERY_WEEKS_CHOICES}:
        state["every"] = int(args[0])
        await _next(update, context, person, state, "langs")
    elif action == "l" and len(args) == 1 and args[0] in ("cy", "en", "both"):
        state.update(langs=args[0])
        state.pop("cy", None)
        state.pop("en", None)
        await _next(update, context, person, state, "en" if args[0] == "en" else "cy")
    elif action in ("send", "stop") and not args:
        await _finish(update, context, person, state, send=action == "send")
    else:
        await stale_button(update, context)


async def _choose_side(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any],
    forum_id: str, side: str,
) -> None:  # fmt: skip
    if side not in SIDES or context.config.forum(forum_id) is None:
        await stale_button(update, context)
        return
    if not can(context.grants, action_for(state), Scope(forum_id, Side(side))):
        await refuse(update, context)
        return
    state.update(forum=forum_id, side=side)
    await _next(
        update, context, person, state, "weekday" if state["purpose"] == CHECKIN else "langs"
    )


async def _next(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], step: str
) -> None:
    """Store the state at ``step`` and ask its question."""
    await answer_button(update)
    state["step"] = step
    await context.store.conversations.set(person, FLOW, state)
    t = context.t
    if step == "weekday":
        buttons = [
            keyboards.button(t.weekday(day), keyboards.COMPOSE, "d", day) for day in range(7)
        ]
        await edit_or_reply(
            update,
            t._("On which day of the week?"),
            Keyboard(keyboards.rows(buttons, 2)),
        )
    elif step == "time":
        await edit_or_reply(update, t._("At what time? For example 18:00 or 6pm."))
    elif step == "every":
        labels = {1: t._("Every week"), 2: t._("Every 2 weeks"), 4: t._("Every 4 weeks")}
        rows = [
            [keyboards.button(labels[n], keyboards.COMPOSE, "e", n)] for n in EVERY_WEEKS_CHOICES
        ]
        await reply(update, t._("How often?"), Keyboard(rows))
    elif step == "langs":
        rows = [
            [
                keyboards.button("Cymraeg", keyboards.COMPOSE, "l", "cy"),
                keyboards.button("English", keyboards.COMPOSE, "l", "en"),
            ],
            [keyboards.button(t._("Both (Welsh first)"), keyboards.COMPOSE, "l", "both")],
        ]
        await edit_or_reply(update, t._("Which language will you write it in?"), Keyboard(rows))
    elif step == "cy":
        await edit_or_reply(
            update,
            t._("Write the prompt in Welsh, e.g. “Dywedwch wrthym am…”. Send /cancel to stop."),
        )
    elif step == "en":
        await edit_or_reply(
            update,
            t._("Write the prompt in English, e.g. “Tell us about…”. Send /cancel to stop."),
        )


async def on_compose_text(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any]
) -> None:
    """Typed text in the flow: a check-in's time, or the prompt's words."""
    message = update.effective_message
    assert message is not None and message.text is not None
    t = context.t
    step = state.get("step")
    if step == "time":
        if parse_time(message.text) is None:
            await reply(update, t._("Please type a time, for example 18:00, 6pm or 6.30 yh."))
            return
        state["time"] = parse_time(message.text).strftime("%H:%M")  # type: ignore[union-attr]
        await _next(update, context, person, state, "every")
        return
    if step not in ("cy", "en"):
        await reply(update, t._("Please use the buttons above first."))
        return
    text = clean_text(message.text)
    if not text:
        await reply(update, t._("The prompt is empty. Please write it again."))
        return
    if len(text) > PROMPT_MAX:
        await reply(
            update, t._("Please keep the prompt under {count} characters.", count=PROMPT_MAX)
        )
        return
    state[step] = text
    if step == "cy" and state.get("langs") == "both":
        await _next(update, context, person, state, "en")
        return
    state["step"] = "preview"
    await context.store.conversations.set(person, FLOW, state)
    await _preview(update, context, state)


def describe_checkin(context: CydlaisContext, state: dict[str, Any]) -> str:
    """ "Every Monday at 18:00, first on Monday 30 November 2026" for a check-in being set up."""
    t = context.t
    local_time = parse_time(state["time"])
    assert local_time is not None
    weekday = t.weekday(state["weekday"], mid_sentence=True)
    when = (
        t._("Every {weekday} at {time}", weekday=weekday, time=state["time"])
        if state["every"] == 1
        else t.n_(
            "Every {count} week on {weekday} at {time}",
            "Every {count} weeks on {weekday} at {time}",
            state["every"],
            weekday=weekday,
            time=state["time"],
        )
    )
    tz = context.config.council.timezone
    start = first_date(state["weekday"], local_time, context.services.clock.now(), tz)
    return when + " · " + t._("first on {date}", date=t.date(start, "full"))


async def _preview(update: Update, context: CydlaisContext, state: dict[str, Any]) -> None:
    t = context.t
    side = Side(state["side"])
    # Each language gets under half a message, so both always fit (PROMPT_MAX keeps them whole).
    room = limits.MESSAGE_LIMIT // 2 - 200
    words = "\n\n".join(
        escape(limits.trim(w, room)) for w in (state.get("cy"), state.get("en")) if w
    )
    forum = render.forum_label(t, context.config, state["forum"], side)
    services = context.services
    count = await context.store.prompts.count_recipients(
        state["forum"], side, check_ins.youth_bands(services)
    )
    reach = t.n_(
        "It goes to the {count} member of {forum} who takes prompts.",
        "It goes to the {count} members of {forum} who take prompts.",
        count,
        forum=Html(forum),
    )
    if check_ins.group_for(services, state["forum"], side):
        reach += " " + t._("It is also posted in the forum's group.")
    if state.get("purpose") == CHECKIN:
        reach = describe_checkin(context, state) + "\n" + reach
        send_label = t._("Save the check-in")
    else:
        send_label = t._("Send")
    keyboard = Keyboard(
        [
            [keyboards.button("✅ " + send_label, keyboards.COMPOSE, "send")],
            [keyboards.button("✖️ " + t._("Cancel"), keyboards.COMPOSE, "stop")],
        ]
    )
    await reply(update, t._("<b>Preview</b>") + f"\n\n{words}\n\n{reach}", keyboard)


async def _finish(
    update: Update, context: CydlaisContext, person: Person, state: dict[str, Any], send: bool
) -> None:
    await context.store.conversations.clear(person)
    await answer_button(update)
    await edit_keyboard(update, None)  # a preview cannot be sent twice
    t = context.t
    if not send:
        await reply(update, t._("Cancelled. Nothing was sent."))
        return
    side = Side(state["side"])
    if not can(context.grants, action_for(state), Scope(state["forum"], side)):
        await refuse(update, context)
        return
    text = PromptText(state.get("cy"), state.get("en"))
    if state["purpose"] == CHECKIN:
        await _save_checkin(update, context, person, state, text)
        return
    _, count = await check_ins.send_prompt(context.services, state["forum"], side, text, person.id)
    await context.deliver_outbox()
    await reply(update, t.n_("✅ Sent to {count} member.", "✅ Sent to {count} members.", count))


async def _save_checkin(
    update: Update,
    context: CydlaisContext,
    person: Person,
    state: dict[str, Any],
    text: PromptText,
) -> None:
    services = context.services
    local_time = parse_time(state["time"])
    assert local_time is not None
    tz = context.config.council.timezone
    start = first_date(state["weekday"], local_time, services.clock.now(), tz)
    schedule = await context.store.schedules.create(
        state["forum"], Side(state["side"]), text, state["weekday"], local_time,
        state["every"], start, person.id,
    )  # fmt: skip
    await plan_checkin(context.application, services, schedule)
    await reply(
        update, "✅ " + context.t._("Check-in saved.") + " " + describe_checkin(context, state)
    )
