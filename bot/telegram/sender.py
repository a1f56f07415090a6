"""Who is asking: the sender looked up once per update, and the checks handlers open with
(have they joined, have they finished joining, may they post)."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import Person, Side, is_minor, normalise_language, side_for_band
from bot.domain.roles import Action, can, grants_from_config, scopes
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import refuse, send
from bot.telegram.views import View


async def resolve_sender(update: Update, context: CydlaisContext) -> None:
    """Look up the sender once per update: their person record, roles and language."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    person = await context.store.people.get(user.id)
    if person is not None:
        today = context.services.clock.now().astimezone(context.config.council.timezone).date()
        await context.store.people.touch(person, today)
        if not person.active:  # they had blocked the bot and are back
            person = await context.store.people.get(user.id)
    context.person = person
    stored = await context.store.invites.grants(person) if person else frozenset()
    blocked = person.blocked if person else False
    context.grants = grants_from_config(user.id, context.config, stored, blocked)
    language = (
        person.language
        if person is not None
        else normalise_language(user.language_code, context.config.council.default_language)
    )
    context.t = context.services.i18n(language)


async def require_person(update: Update, context: CydlaisContext) -> Person | None:
    """The sender if they have joined; otherwise ask them to /start and return None."""
    if context.person is not None:
        return context.person
    await refuse(update, context.t._("Please send /start first to choose your language and join."))
    return None


async def require_member(update: Update, context: CydlaisContext) -> Person | None:
    """The sender if they have finished joining; otherwise tell them how and return None."""
    person = await require_person(update, context)
    if person is not None and not person.onboarded:
        await send(update, View(context.t._("Please finish joining first: send /start.")))
        return None
    return person


async def require_may_post(update: Update, context: CydlaisContext) -> bool:
    """False (after saying why, politely) when a moderator has stopped this person posting."""
    if can(context.grants, Action.PROPOSE):
        return True
    await refuse(update, paused_text(context))
    return False


async def require_convenor(
    update: Update, context: CydlaisContext, action: Action
) -> Person | None:
    """The person, if they may take ``action`` in some forum side (else refused politely)."""
    if not scopes(context.grants, context.config, action):
        await refuse_non_convenor(update, context)
        return None
    return await require_person(update, context)


async def refuse_non_convenor(update: Update, context: CydlaisContext) -> None:
    """Someone who does not convene the forum (side) concerned."""
    await refuse(update, context.t._("Sorry, only forum convenors can do that."))


def paused_text(context: CydlaisContext) -> str:
    """What a paused person is told when they try to post."""
    return context.t._(
        "Sorry, you can't post at the moment: a forum convenor has paused your account. "
        "If you think this is a mistake, contact {contact}.",
        contact=context.config.council.contact or context.config.council.name(context.t.language),
    )


def side_of(person: Person, context: CydlaisContext) -> Side:
    """The side (adult or youth forum) a person's contributions count on."""
    return side_for_band(person.age_band, context.config.youth, person.side_choice)


def posts_wait_for_approval(person: Person, context: CydlaisContext) -> bool:
    """Whether what this person posts waits for a youth convenor: someone under 18 on the
    youth side, where the council asks for that (18–25s on the youth side post at once)."""
    return (
        context.config.safety.youth_posts_need_approval
        and side_of(person, context) is Side.YOUTH
        and is_minor(person.age_band)
    )
