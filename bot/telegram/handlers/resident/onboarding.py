"""Joining: /start, language, age band, privacy consent; invite codes (``/start CODE``).

Nothing is stored about a person until they press "I agree": the language and age band they
chose before that travel in the buttons (views/onboarding.py). Every step is a button, so a
restart in the middle loses nothing: the next press carries all it needs, and /start picks up
where the person left off. Choosing forums, after consent, is in ``forums.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Update, User

from bot.domain.moderation import InviteRole, RedeemResult, code_in, looks_like_code
from bot.domain.people import (
    AGE_BAND_CODES,
    LANGUAGES,
    PREFER_NOT_TO_SAY,
    Person,
    Side,
    may_choose_side,
    needs_consent_route,
    normalise_language,
    side_for_band,
)
from bot.domain.proposals import parse_reference
from bot.domain.roles import grants_from_config
from bot.i18n import unescape
from bot.telegram import replies
from bot.telegram.buttons import on_any_button
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers.resident.forums import publish_menu, show_forum_picker
from bot.telegram.handlers.resident.proposals import show_proposal
from bot.telegram.views import View, home
from bot.telegram.views import onboarding as views
from bot.telegram.views.onboarding import Agree, Decline, PickAgeBand, PickLanguage, PickSide


def _suggested_language(user: User | None, context: CydlaisContext) -> str:
    default = context.config.council.default_language
    return normalise_language(user.language_code if user else None, default)


async def start(update: Update, context: CydlaisContext) -> None:
    """Welcome someone new, or pick up where a returning person left off.

    ``/start CODE`` (what an invite link sends) redeems an invite code; ``/start P-0042``
    (a proposal's shared link) shows that proposal first.
    """
    person = context.person
    code = code_in(context.args or [])
    linked = linked_proposal(context.args or []) if code is None else None
    shown = linked is not None and await show_proposal(update, context, person, linked)
    if shown and person is not None and person.onboarded:
        return  # a member: the proposal's view has its own buttons
    if code is not None:
        if person is not None:
            await _redeem(update, context, person, code)
            return
        result, _ = await context.store.invites.check(code)
        if result is not RedeemResult.GRANTED:
            await replies.send(update, View(views.invite_problem(context.t, result)))
            code = None
    if person is None:
        suggested = _suggested_language(update.effective_user, context)
        view = views.welcome(context.services.i18n, context.config, suggested, code)
        await replies.send(update, view)
    elif not person.onboarded:
        await show_forum_picker(update, context, person, first_time=True)
    else:
        welcome = context.t._(
            "Welcome back, {name}! What would you like to do?", name=person.display_name
        )
        await replies.send(update, home.with_main_actions(context.t, welcome))


def linked_proposal(words: Sequence[str]) -> int | None:
    """The proposal a shared link names (``?start=P-0042``), if that is what followed /start."""
    if len(words) == 1 and words[0].upper().startswith("P-"):
        return parse_reference(words[0])
    return None


async def _redeem(update: Update, context: CydlaisContext, person: Person, code: str) -> None:
    """An invite code from someone who has joined already: grant its role."""
    t = context.t
    result, invite = await context.store.invites.check(code)
    if invite is not None and invite.role is InviteRole.YOUNG_PERSON:
        await replies.send(update, View(views.joined_already(t)))
        return
    result, invite = await context.store.invites.redeem(code, person)
    if invite is None:
        await replies.send(update, View(views.invite_problem(t, result)))
        return
    forum = context.config.forum(invite.forum_id or "")
    name = forum.name(t.language) if forum else invite.forum_id or ""
    if invite.side is Side.YOUTH:
        name = unescape(t._("{forum} (youth forum)", forum=name))
    stored = await context.store.invites.grants(person)
    context.grants = grants_from_config(person.telegram_id, context.config, stored, person.blocked)
    await replies.send(update, views.role_granted(t, invite.role is InviteRole.OFFICER, name))
    await publish_menu(update, context)


async def _still_joining(update: Update, context: CydlaisContext, language: str) -> bool:
    """Speak the language the button carries; True while the presser has not consented.

    A button from someone who has consented (a double tap on "I agree", an old message, or
    forged data) changes nothing: before they chose forums it picks up where they left off, as
    /start does; after that it is out of date. The age band never changes afterwards (/forget
    and joining again is the only way: it decides the side and what is shown).
    """
    person = context.person
    if person is None:
        if language not in LANGUAGES:
            await replies.stale(update, context)
            return False
        context.t = context.services.i18n(language)
        return True
    if person.onboarded:
        await replies.stale(update, context)
    else:
        await replies.notice(update)
        await show_forum_picker(update, context, person, first_time=True)
    return False


def _invite(code: str | None) -> str | None:
    return code if code is not None and looks_like_code(code) else None


@on_any_button(PickLanguage)
async def language_pressed(update: Update, context: CydlaisContext, pressed: PickLanguage) -> None:
    """The language chosen: then the age question."""
    if await _still_joining(update, context, pressed.language):
        await replies.notice(update)
        await replies.show(update, views.age_question(context.t, _invite(pressed.invite)))


@on_any_button(PickAgeBand)
async def age_pressed(update: Update, context: CydlaisContext, pressed: PickAgeBand) -> None:
    """The age band: the privacy notice for their side, or the invite code they will need."""
    if not await _still_joining(update, context, pressed.language):
        return
    band, invite, youth = pressed.band, _invite(pressed.invite), context.config.youth
    if band not in AGE_BAND_CODES:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    if needs_consent_route(band, youth) and not await _young_person_invite(context, invite):
        await replies.show(update, views.needs_invite(context.t, youth.digital_consent_age))
        return
    if may_choose_side(band, youth):
        await replies.show(update, views.side_question(context.t, context.config, band, invite))
        return
    young = side_for_band(band, youth) is Side.YOUTH
    notice = views.privacy_notice(context.t, context.config, young=young)
    await replies.show(update, views.consent(context.t, notice, band, invite))


@on_any_button(PickSide)
async def side_pressed(update: Update, context: CydlaisContext, pressed: PickSide) -> None:
    """An 18–25 chose the youth or adult forums: the privacy notice for that side."""
    if not await _still_joining(update, context, pressed.language):
        return
    if not may_choose_side(pressed.band, context.config.youth):
        await replies.stale(update, context)
        return
    await replies.notice(update)
    young = pressed.side is Side.YOUTH
    notice = views.privacy_notice(context.t, context.config, young=young)
    view = views.consent(context.t, notice, pressed.band, _invite(pressed.invite), pressed.side)
    await replies.show(update, view)


async def _young_person_invite(context: CydlaisContext, invite: str | None) -> bool:
    """Whether ``invite`` is a valid code that lets a young person under the consent age join."""
    if invite is None:
        return False
    result, found = await context.store.invites.check(invite)
    return (
        result is RedeemResult.GRANTED
        and found is not None
        and found.role is InviteRole.YOUNG_PERSON
    )


@on_any_button(Agree)
async def agree_pressed(update: Update, context: CydlaisContext, pressed: Agree) -> None:
    """Consent: the person is stored now (with a young person's invite, if they needed one)."""
    if not await _still_joining(update, context, pressed.language):
        return
    user, band, invite = update.effective_user, pressed.band, _invite(pressed.invite)
    assert user is not None
    if band not in AGE_BAND_CODES:
        await replies.stale(update, context)
        return
    if needs_consent_route(band, context.config.youth):
        if invite is None:  # forged: the question offered no "I agree" without a code
            await replies.stale(update, context)
            return
        result, person = await context.store.invites.join_as_young_person(
            user.id, user.full_name, context.t.language, band, invite
        )
        if person is None:  # used meanwhile (perhaps by someone pressing at the same moment)
            await replies.notice(update)
            await replies.show(update, View(views.invite_problem(context.t, result)))
            return
    else:
        stored_band = None if band == PREFER_NOT_TO_SAY else band
        chosen = pressed.side if may_choose_side(band, context.config.youth) else None
        person = await context.store.people.create(
            user.id, user.full_name, context.t.language, stored_band, chosen
        )
        if invite is not None:
            await context.store.invites.redeem(invite, person)
    context.person = person
    await replies.notice(update, views.thanks(context.t))
    await show_forum_picker(update, context, person, first_time=True)


@on_any_button(Decline)
async def decline_pressed(update: Update, context: CydlaisContext, pressed: Decline) -> None:
    """No thanks: only that someone declined is noted (no name), for the figures."""
    if not await _still_joining(update, context, pressed.language):
        return
    user = update.effective_user
    assert user is not None
    await context.store.people.record_decline(user.id)
    await replies.notice(update)
    await replies.show(update, views.declined(context.t))
