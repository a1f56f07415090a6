"""/prompt: convenors ask their forum "tell me about…", and read the answers."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Side
from bot.domain.prompts import Answer, Prompt
from bot.domain.roles import Action, Scope, can, scope_of, scopes
from bot.i18n import unescape
from bot.render import prompts as render
from bot.telegram import keyboards
from bot.telegram.callbacks import parse_id
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.convenor import compose, review
from bot.telegram.keyboards import Keyboard
from bot.telegram.replies import answer_button, edit_or_reply, reply, stale_button

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
    elif len(parts) == 3 and parts[1] == "h" and (answer := parse_id(parts[2])) is not None:
        await _ask_hide_answer(update, context, answer)
    elif (
        len(parts) == 4
        and parts[1] == "a"
        and (prompt := parse_id(parts[2])) is not None
        and (offset := parse_id(parts[3])) is not None
    ):
        await _show_answers(update, context, prompt, offset)
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
    update: Update, context: CydlaisContext, prompt_id: int, offset: int
) -> None:
    """A page of answers starting after the first ``offset``: as many whole answers as fit in
    one message (up to ANSWERS_PAGE), so pages are cut by size and buttons carry offsets."""
    prompt = await context.store.prompts.get(prompt_id)
    if prompt is None or not can(context.grants, Action.PROMPT, scope_of(prompt)):
        await stale_button(update, context)
        return
    await answer_button(update)
    answers, total = await context.store.prompts.answers_from(prompt_id, offset, ANSWERS_PAGE)
    see_youth = can(
        context.grants, Action.SEE_YOUTH_IDENTITIES, Scope(prompt.forum_id, Side.YOUTH)
    )
    page = _AnswersPage(context, prompt, total, see_youth)
    text, shown = page.render(answers, offset)
    hide = [
        keyboards.button("🙈 " + str(number), keyboards.PROMPT, "h", answer.id)
        for number, answer in enumerate(answers[:shown], start=offset + 1)
    ]
    navigation = []
    if offset > 0:
        previous = await page.previous_start(offset)
        navigation.append(keyboards.button("◀️", keyboards.PROMPT, "a", prompt_id, previous))
    if offset + shown < total:
        navigation.append(keyboards.button("▶️", keyboards.PROMPT, "a", prompt_id, offset + shown))
    rows = [row for row in (hide, navigation) if row]
    await edit_or_reply(update, text, Keyboard(rows) if rows else None)


class _AnswersPage:
    """Pages of one prompt's answers as one convenor sees them."""

    def __init__(
        self, context: CydlaisContext, prompt: Prompt, total: int, see_youth: bool
    ) -> None:
        self.context = context
        self.prompt = prompt
        self.total = total
        self.see_youth = see_youth

    def render(self, answers: list[Answer], offset: int) -> tuple[str, int]:
        """The page showing ``answers`` (the first is number ``offset + 1``), and how many
        of them fit on it."""
        context = self.context
        return render.answers(
            context.t, context.config, self.prompt, answers, self.total, offset + 1,
            self.see_youth,
        )  # fmt: skip

    async def previous_start(self, offset: int) -> int:
        """Where the page before the one starting at ``offset`` starts: as many answers
        before it as fit on one page."""
        start = max(0, offset - ANSWERS_PAGE)
        before, _ = await self.context.store.prompts.answers_from(
            self.prompt.id, start, offset - start
        )
        for count in range(len(before), 1, -1):
            if self.render(before[-count:], offset - count)[1] == count:
                return offset - count
        return max(0, offset - 1)


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
    await context.store.conversations.set(person, review.FLOW, {"answer": answer_id})
    await reply(update, context.t._("Why are you hiding this answer? Write a short reason."))
