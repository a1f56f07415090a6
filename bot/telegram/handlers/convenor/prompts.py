"""/prompt: convenors ask their forum "tell me about…", and read the answers (a page at a
time, as many whole answers as fit), hiding one with a reason."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person, Side
from bot.domain.prompts import Answer, Prompt
from bot.domain.roles import Action, Scope, can, scope_of, scopes
from bot.render import prompts as render
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.convenor import compose, review
from bot.telegram.sender import refuse_non_convenor, require_convenor
from bot.telegram.views import prompting as views
from bot.telegram.views.prompting import AnswersPage, HideAnswer, NewPrompt, PromptList

ANSWERS_PAGE = 5


async def prompt_command(update: Update, context: CydlaisContext) -> None:
    """/prompt: write a new prompt, or read the answers to earlier ones."""
    if await require_convenor(update, context, Action.PROMPT) is not None:
        await replies.send(update, views.prompt_menu(context.t))


@on_button(NewPrompt, Who.PERSON)
async def new_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: NewPrompt
) -> None:
    """Write a prompt (the compose flow)."""
    await compose.begin(update, context, person, compose.Purpose.NOW)


@on_button(PromptList, Who.PERSON)
async def list_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: PromptList
) -> None:
    """The prompts in the convenor's forum sides."""
    targets = scopes(context.grants, context.config, Action.PROMPT)
    if not targets:
        await refuse_non_convenor(update, context)
        return
    await replies.notice(update)
    summaries = await context.store.prompts.summaries([(c.forum_id, c.side) for c in targets])
    await replies.show(update, views.prompt_list(context.t, summaries))


@on_button(AnswersPage, Who.PERSON)
async def answers_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: AnswersPage
) -> None:
    """A page of answers starting after the first ``offset``: as many whole answers as fit in
    one message (up to ANSWERS_PAGE), so pages are cut by size and buttons carry offsets."""
    prompt = await context.store.prompts.get(pressed.prompt_id)
    if prompt is None or not can(context.grants, Action.PROMPT, scope_of(prompt)):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    offset = pressed.offset
    answers, total = await context.store.prompts.answers_from(prompt.id, offset, ANSWERS_PAGE)
    see_youth = can(
        context.grants, Action.SEE_YOUTH_IDENTITIES, Scope(prompt.forum_id, Side.YOUTH)
    )
    page = _AnswersPage(context, prompt, total, see_youth)
    text, shown = page.render(answers, offset)
    previous = await page.previous_start(offset) if offset > 0 else None
    following = offset + shown if offset + shown < total else None
    authors = [(a.id, render.author_label(context.t, a, see_youth)) for a in answers[:shown]]
    view = views.answers_page(context.t, text, prompt.id, authors, offset + 1, previous, following)
    await replies.show(update, view)


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


@on_button(HideAnswer, Who.PERSON)
async def hide_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: HideAnswer
) -> None:
    """🙈 under an answer: ask the convenor why (the answer stays counted, as hidden)."""
    prompt_id = await context.store.prompts.of_answer(pressed.answer_id)
    prompt = await context.store.prompts.get(prompt_id) if prompt_id else None
    if prompt is None or not can(context.grants, Action.REVIEW, scope_of(prompt)):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    state = review.HideReason(answer=pressed.answer_id)
    await context.store.conversations.set(person, state.flow, state.to_json())
    await replies.send(update, views.ask_hide_reason(context.t))
