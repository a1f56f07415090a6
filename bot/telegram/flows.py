"""Multi-step flows: where free text in a private chat goes when someone is mid-conversation.

A flow's state lives in the database (``conversations``), so a restart in the middle of writing
a proposal loses nothing. Text goes to the flow the person is in; otherwise, if prompts wait for
the person's answer, it is kept and they are asked whether it is one; otherwise to the
catch-all. A swipe-reply to a prompt answers that prompt whatever the flow.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, Mapping
from datetime import timedelta
from typing import Any

from telegram import Update

from bot.domain.people import Person
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers import fallbacks
from bot.telegram.handlers.resident import answers, typed_answers

FlowHandler = Callable[[Update, CydlaisContext, Person, dict[str, Any]], Awaitable[None]]
# A half-written proposal from last week should not swallow today's message.
FLOW_EXPIRY = timedelta(days=1)


def text_router(
    flows: Mapping[str, FlowHandler],
) -> Callable[[Update, CydlaisContext], Coroutine[Any, Any, None]]:
    """A handler for private text that hands it to the person's current flow."""

    async def route_text(update: Update, context: CydlaisContext) -> None:
        """Give text to what it answers: a prompt it is a swipe-reply to, the flow waiting for
        it, or a prompt still waiting for this person's answer (asked, not assumed); anything
        else is answered as stray text."""
        person = context.person
        if person is None:
            await fallbacks.free_text(update, context)
            return
        state = await context.store.conversations.get(person, FLOW_EXPIRY)
        if person.onboarded and await answers.take_reply_to_prompt(update, context, person, state):
            return
        if state is not None and state[0] in flows:
            await flows[state[0]](update, context, person, state[1])
            return
        if person.onboarded and await typed_answers.offer_typed_answer(update, context, person):
            return
        await fallbacks.free_text(update, context)

    return route_text
