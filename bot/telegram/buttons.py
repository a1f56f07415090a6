"""The opening every button handler shares: who pressed it, and what the button says.

    @on_button(Support)
    async def support_pressed(
        update: Update, context: CydlaisContext, person: Person, pressed: Support
    ) -> None: ...

``on_button`` looks up the presser (asking them to /start or to finish joining when they
must), parses the callback data into its typed form, and answers a button it cannot parse as
out of date — so the handler itself starts from checked values. ``register`` reads the
pattern to match from the wrapped handler.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Generic, TypeVar

from telegram import Update

from bot.domain.people import Person
from bot.telegram.callbacks import CallbackData
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import stale
from bot.telegram.sender import require_person

D = TypeVar("D", bound=CallbackData)


class Who(Enum):
    """Who may press a kind of button."""

    PERSON = "person"  # anyone who has consented (mid-onboarding included)
    MEMBER = "member"  # someone who has finished joining


class ButtonHandler(Generic[D]):
    """A PTB callback for one kind of button (see ``on_button``)."""

    def __init__(
        self,
        kind: type[D],
        who: Who,
        callback: Callable[[Update, CydlaisContext, Person, D], Awaitable[None]],
    ) -> None:
        self.kind = kind
        self.who = who
        self.callback = callback
        functools.update_wrapper(self, callback)

    async def __call__(self, update: Update, context: CydlaisContext) -> None:
        person = await require_person(update, context)
        if person is None:
            return
        if self.who is Who.MEMBER and not person.onboarded:
            await stale(update, context)
            return
        query = update.callback_query
        pressed = self.kind.unpack(query.data if query else None)
        if pressed is None:
            await stale(update, context)
            return
        await self.callback(update, context, person, pressed)


def on_button(
    kind: type[D], who: Who = Who.MEMBER
) -> Callable[[Callable[[Update, CydlaisContext, Person, D], Awaitable[None]]], ButtonHandler[D]]:
    """Make a handler for buttons carrying ``kind`` data (see the module docstring)."""

    def wrap(
        callback: Callable[[Update, CydlaisContext, Person, D], Awaitable[None]],
    ) -> ButtonHandler[D]:
        return ButtonHandler(kind, who, callback)

    return wrap


def on_any_button(
    kind: type[D],
) -> Callable[[Callable[[Update, CydlaisContext, D], Awaitable[None]]], AnyoneButton[D]]:
    """Like ``on_button`` for the buttons pressed before someone has joined (the language, age
    band and consent questions): no person is required; ``context.person`` says if there is
    one. Data that does not parse is answered as out of date."""

    def wrap(callback: Callable[[Update, CydlaisContext, D], Awaitable[None]]) -> AnyoneButton[D]:
        return AnyoneButton(kind, callback)

    return wrap


class AnyoneButton(Generic[D]):
    """A PTB callback for one kind of button anyone may press (see ``on_any_button``)."""

    def __init__(
        self, kind: type[D], callback: Callable[[Update, CydlaisContext, D], Awaitable[None]]
    ) -> None:
        self.kind = kind
        self.callback = callback
        functools.update_wrapper(self, callback)

    async def __call__(self, update: Update, context: CydlaisContext) -> None:
        query = update.callback_query
        pressed = self.kind.unpack(query.data if query else None)
        if pressed is None:
            await stale(update, context)
            return
        await self.callback(update, context, pressed)
