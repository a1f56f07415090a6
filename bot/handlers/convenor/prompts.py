"""/prompt: convenors ask their forum "tell me about…", and read the answers."""

from __future__ import annotations

from telegram import Update

from bot import keyboards
from bot.context import CydlaisContext
from bot.domain.people import Side
from bot.domain.roles import Action, Scope, can, scope_of, scopes
from bot.handlers.convenor import compose, moderation
from bot.handlers.guards import answer_button, edit_or_reply, reply, stale_button
from bot.i18n import unescape
from bot.keyboards import Keyboard
from bot.render import prompts as render

ANSWERS_PAGE = 5


async def prompt_command(update: Update, context: CydlaisContext) -> None:
    """/prompt: write a new prompt, or read the answers to earlier ones."""
    t = context.t
    choices = [
        keyboards.button("✍️ " + t._("New prompt"), keyboards.PROMPT, "new"),
        keyboards.button("📥 " + t._("Answers"), keyboards.PROMPT, "ans"),
    ]
    await compose.convenor_menu(
        update, context, Action.PROMPT, t._("What would you like to do?"), choices
    )


async def prompt_button(update: Update, context: CydlaisContext) -> None:
    """New prompt, the list of prompts, or a page of a prompt's answers."""
    pressed = await compose.convenor_button(update, context, Action.PROMPT)
    if pressed is None:
        return
    person, parts = pressed
    if parts[1:] == ["new"]:
        await answer_button(update)
        await compose.begin(update, context, person, compose.NOW)
    elif parts[1:] == ["ans"]:
        await answer_button(update)
        await _list_prompts(update, context)
    elif (
        len(parts) == 3
        and parts[1] == "h"
        and (answer := keyboards.parse_id(parts[2])) is not None
    ):
        await _ask_hide_answer(update, context, answer)
    elif (
        len(parts) == 4
        and parts[1] == "a"
        and (prompt := keyboards.parse_id(parts[2])) is not None
        and (page := keyboards.parse_id(parts[3])) is not None
    ):
        await _show_answers(update, context, prompt, page)
    else:
        await stale_button(update, context)


async def _list_prompts(update: Update, context: CydlaisContext) -> None:
    t = context.t
    targets = scopes(context.grants, context.config, Action.PROMPT)
    summaries = await context.store.prompts.summaries([(c.forum_id, c.side) for c in targets])
    if not summaries:
        await edit_or_reply(update, t._("There are no prompts yet. Start one with /prompt."))
        return
    rows = [
        [
            keyboards.button(
                unescape(render.summary_button(t, s)), keyboards.PROMPT, "a", s.prompt.id, 0
            )
        ]
        for s in summaries
    ]
    await edit_or_reply(
        update, t._("Which prompt's answers would you like to read?"), Keyboard(rows)
    )


async def _show_answers(
    update: Update, context: CydlaisContext, prompt_id: int, page: int
) -> None:
    prompt = await context.store.prompts.get(prompt_id)
    if prompt is None or not can(context.grants, Action.PROMPT, scope_of(prompt)):
        await stale_button(update, context)
        return
    await answer_button(update)
    answers, total = await context.store.prompts.answers_page(prompt_id, page, ANSWERS_PAGE)
    see_youth = can(
        context.grants, Action.SEE_YOUTH_IDENTITIES, Scope(prompt.forum_id, Side.YOUTH)
    )
    text = render.answers(
        context.t, context.config, prompt, answers, total, page * ANSWERS_PAGE + 1, see_youth
    )
    first = page * ANSWERS_PAGE + 1
    hide = [
        keyboards.button("🙈 " + str(number), keyboards.PROMPT, "h", answer.id)
        for number, answer in enumerate(answers, start=first)
    ]
    navigation = []
    if page > 0:
        navigation.append(keyboards.button("◀️", keyboards.PROMPT, "a", prompt_id, page - 1))
    if (page + 1) * ANSWERS_PAGE < total:
        navigation.append(keyboards.button("▶️", keyboards.PROMPT, "a", prompt_id, page + 1))
    rows = [row for row in (hide, navigation) if row]
    await edit_or_reply(update, text, Keyboard(rows) if rows else None)


async def _ask_hide_answer(update: Update, context: CydlaisContext, answer_id: int) -> None:
    """🙈 under an answer: ask the convenor why (the answer stays counted, as hidden)."""
    prompt_id = await context.store.prompts.of_answer(answer_id)
    prompt = await context.store.prompts.get(prompt_id) if prompt_id else None
    person = context.person
    if (
        prompt is None
        or person is None
        or not can(context.grants, Action.REVIEW, scope_of(prompt))
    ):
        await stale_button(update, context)
        return
    await answer_button(update)
    await context.store.conversations.set(person, moderation.FLOW, {"answer": answer_id})
    await reply(update, context.t._("Why are you hiding this answer? Write a short reason."))
