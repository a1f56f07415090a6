"""Onboarding and profile: /start, language, privacy consent, age band, forums.

Nothing is stored about a person until they press "I agree": the language and age band they
chose before that travel in the buttons' callback data. Every step is a button, so a restart in
the middle loses nothing: the next press carries all it needs, and /start picks up where the
person left off.
"""

from __future__ import annotations

from telegram import Update, User

from bot.config import Config
from bot.domain.moderation import InviteRole, RedeemResult, code_in, looks_like_code
from bot.domain.people import (
    AGE_BAND_CODES,
    LANGUAGES,
    PREFER_NOT_TO_SAY,
    Person,
    Side,
    needs_consent_route,
    normalise_language,
    side_for_band,
)
from bot.domain.roles import grants_from_config
from bot.i18n import Html, Translator, unescape
from bot.telegram import keyboards
from bot.telegram.commands import publish_personal_menu
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import (
    answer_button,
    edit_keyboard,
    edit_or_reply,
    reply,
    send,
    show,
    stale_button,
)
from bot.telegram.sender import require_person
from bot.telegram.views import home
from bot.telegram.views.writing import forum_descriptions


def _suggested_language(user: User | None, context: CydlaisContext) -> str:
    default = context.config.council.default_language
    return normalise_language(user.language_code if user else None, default)


async def start(update: Update, context: CydlaisContext) -> None:
    """Welcome someone new, or pick up where a returning person left off.

    ``/start CODE`` (what an invite link sends) redeems an invite code.
    """
    person = context.person
    code = code_in(context.args or [])
    if code is not None:
        if person is not None:
            await _redeem(update, context, person, code)
            return
        result, _ = await context.store.invites.check(code)
        if result is not RedeemResult.GRANTED:
            await reply(update, _invite_problem(context.t, result))
            code = None
    if person is None:
        await _ask_language(update, context, code)
    elif not person.onboarded:
        await _show_forum_picker(update, context, person, first_time=True)
    else:
        welcome = context.t._(
            "Welcome back, {name}! What would you like to do?", name=person.display_name
        )
        await send(update, home.with_main_actions(context.t, welcome))


def _invite_problem(t: Translator, result: RedeemResult) -> str:
    if result is RedeemResult.USED:
        return t._("That invite code has been used already. Please ask for a new one.")
    if result is RedeemResult.EXPIRED:
        return t._("That invite code has expired. Please ask for a new one.")
    return t._("I don't recognise that invite code. Please check it, or ask for a new one.")


async def _redeem(update: Update, context: CydlaisContext, person: Person, code: str) -> None:
    """An invite code from someone who has joined already: grant its role."""
    t = context.t
    result, invite = await context.store.invites.check(code)
    if invite is not None and invite.role is InviteRole.YOUNG_PERSON:
        await reply(update, t._("You have joined already, so you don't need that code."))
        return
    result, invite = await context.store.invites.redeem(code, person)
    if invite is None:
        await reply(update, _invite_problem(t, result))
        return
    if invite.role is InviteRole.OFFICER:
        text = t._("You are now a council officer in Cydlais.")
    else:
        forum = context.config.forum(invite.forum_id or "")
        name = forum.name(t.language) if forum else invite.forum_id or ""
        if invite.side is Side.YOUTH:
            name = unescape(t._("{forum} (youth forum)", forum=name))
        text = t._("You are now a convenor of {forum}.", forum=name)
    stored = await context.store.invites.grants(person)
    context.grants = grants_from_config(person.telegram_id, context.config, stored, person.blocked)
    await reply(update, text + "\n" + t._("Send /help to see what you can do."))
    await _publish_menu(update, context)


async def _ask_language(
    update: Update, context: CydlaisContext, invite: str | None = None
) -> None:
    """The first message anyone sees: in Welsh then English, since we do not know them yet."""
    suggested = _suggested_language(update.effective_user, context)
    council = context.config.council
    parts = [
        context.services.i18n(language)._(
            "👋 <b>Welcome to Cydlais</b>. {council} invites residents to shape local services "
            "together.\nWhich language would you like to use?",
            council=council.name(language),
        )
        for language in LANGUAGES  # Welsh first, as the Welsh Language Standards ask
    ]
    keyboard = keyboards.languages(keyboards.ONBOARDING, "lang", suggested, invite)
    await reply(update, "\n\n".join(parts), keyboard)


async def onboarding_button(update: Update, context: CydlaisContext) -> None:
    """Language, age band, consent: each press moves one step on."""
    query = update.callback_query
    assert query is not None
    if context.person is not None:
        await _consented_already(update, context, context.person)
        return
    parts = (query.data or "").split(":")
    invite = parts.pop() if len(parts) > 3 and looks_like_code(parts[-1]) else None
    if len(parts) < 3 or parts[2] not in LANGUAGES:
        await stale_button(update, context)
        return
    action, language = parts[1], parts[2]
    context.t = context.services.i18n(language)
    if action == "lang" and len(parts) == 3:
        await answer_button(update)
        keyboard = keyboards.age_bands(context.t, invite)
        await edit_or_reply(update, _age_question(context.t), keyboard)
    elif action == "age" and len(parts) == 4 and parts[3] in AGE_BAND_CODES:
        await answer_button(update)
        await _after_age_band(update, context, parts[3], invite)
    elif action == "yes" and len(parts) == 4 and parts[3] in AGE_BAND_CODES:
        await _consent_given(update, context, parts[3], invite)
    elif action == "no" and len(parts) == 3:
        await _consent_declined(update, context)
    else:
        await stale_button(update, context)


async def _consented_already(update: Update, context: CydlaisContext, person: Person) -> None:
    """An onboarding button from someone who has consented (a double tap on "I agree", an old
    message, or forged data) changes nothing: their language and age band were set then.

    Before they have chosen their forums it picks up where they left off, as /start does;
    after that the button is stale. The age band is never changed afterwards: /forget and
    joining again is the only way (it decides the youth or adult side and what is shown).
    """
    if person.onboarded:
        await stale_button(update, context)
        return
    await answer_button(update)
    await _show_forum_picker(update, context, person, first_time=True)


def _age_question(t: Translator) -> str:
    return t._(
        "How old are you? We ask so that young people can take part in the youth forums. "
        "Other residents never see your age."
    )


async def _after_age_band(
    update: Update, context: CydlaisContext, band: str, invite: str | None
) -> None:
    youth = context.config.youth
    t = context.t
    if needs_consent_route(band, youth) and not await _young_person_invite(context, invite):
        await edit_or_reply(
            update,
            t._(
                "Thank you! Because you are under {age}, you can join with an invite code from "
                "a youth forum convenor: ask at your school or youth club. When you have one, "
                "send /start followed by the code. We have not stored anything about you.",
                age=youth.digital_consent_age,
            ),
        )
        return
    young = side_for_band(band, youth) is Side.YOUTH
    notice = privacy_notice(context, young=young)
    await edit_or_reply(update, notice, keyboards.consent(t, band, invite))


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


def privacy_notice(context: CydlaisContext, asking: bool = True, young: bool = False) -> str:
    """What is stored, why, for how long, who sees it, and how to get it or have it removed —
    in plain words, and for young people in words a 13-year-old understands, with who to talk
    to about a worry."""
    t = context.t
    council = context.config.council
    retention = context.config.retention
    if young:
        text = youth_privacy_notice(t, context.config)
    else:
        text = t._(
            "<b>Privacy notice</b>\n"
            "{council} uses Cydlais to hear from residents and to shape its Community Strategy."
            "\n\nIf you agree, we keep your name as Telegram shows it and your Telegram account "
            "number (not your phone number: we never see that), your language, your age band, "
            "the forums you join and what you send us (proposals, support and answers).\n"
            "Forum convenors and council officers see your contributions. Young people's names "
            "are never shown to other residents. Proposals may be published as open data, "
            "without names.\n"
            "How long we keep things: answers, {answers_kept}; your account, until you have not "
            "used Cydlais for {inactive_kept}.\n"
            "Any time, /mydata sends you everything we hold about you and /forget deletes it. "
            "Questions: {contact}",
            council=council.name(t.language),
            contact=council.contact or council.name(t.language),
            answers_kept=t.duration(retention.answers_days),
            inactive_kept=t.duration(retention.inactive_account_days),
        )
    text += "\n\n" + kept_after_forget(t)
    return text + ("\n\n" + t._("Do you agree?") if asking else "")


def youth_privacy_notice(t: Translator, config: Config) -> str:
    """The privacy notice for the youth forums, with who to talk to (the council's
    safeguarding contact if configured, and Meic, Wales's helpline for young people)."""
    contact = config.youth.safeguarding_contact
    talk = (
        t._("Talk to {contact}.", contact=contact)
        if contact
        else t._("Talk to a youth worker or a teacher you trust.")
    )
    return t._(
        "<b>Your privacy</b>\n"
        "{council} wants to hear young people's ideas for the area. Here is what happens to what "
        "you tell us:\n\n"
        "• We keep your Telegram name, your age group, your language, the forums you join and "
        "the ideas and answers you send.\n"
        "• A youth worker (the youth forum's convenor) looks at your ideas before they go up. "
        "Other people using Cydlais never see your name, and nor does the public.\n"
        "• Council staff read your ideas so that they can act on them.\n"
        "• Any time, /mydata shows you everything we keep and /forget deletes it.\n\n"
        "Worried about something, or want to talk to someone? {talk} You can also talk to Meic, "
        "the free and confidential helpline for young people in Wales: call 080880 23456, text "
        "84001, or go to meic.cymru.",
        council=config.council.name(t.language),
        talk=Html(talk),
    )


def kept_after_forget(t: Translator) -> str:
    """What /forget does not delete at once, and why (store/privacy.py): said in the privacy
    notice and again before anyone forgets."""
    return t._(
        "If you use /forget, two things stay for a while, under a scrambled form of your "
        "Telegram number (never the number itself): a pause on posting, if a convenor made one, "
        "so that it applies again if you come back; and for two days, when you sent your latest "
        "proposals (for the daily limit)."
    )


async def _consent_given(
    update: Update, context: CydlaisContext, band: str, invite: str | None
) -> None:
    user = update.effective_user
    assert user is not None
    if needs_consent_route(band, context.config.youth):
        if invite is None:  # forged: the question offered no "I agree" without a code
            await stale_button(update, context)
            return
        result, person = await context.store.invites.join_as_young_person(
            user.id, user.full_name, context.t.language, band, invite
        )
        if person is None:  # used meanwhile (perhaps by someone pressing at the same moment)
            await answer_button(update)
            await edit_or_reply(update, _invite_problem(context.t, result))
            return
    else:
        person = await context.store.people.create(
            user.id,
            user.full_name,
            context.t.language,
            None if band == PREFER_NOT_TO_SAY else band,
        )
        if invite is not None:
            await context.store.invites.redeem(invite, person)
    context.person = person
    await answer_button(update, context.t._("Thank you!"))
    await _show_forum_picker(update, context, person, first_time=True)


async def _consent_declined(update: Update, context: CydlaisContext) -> None:
    user = update.effective_user
    assert user is not None
    await context.store.people.record_decline(user.id)
    await answer_button(update)
    await edit_or_reply(
        update,
        context.t._(
            "That's fine. We have not stored anything about you. If you change your mind, "
            "send /start."
        ),
    )


async def _show_forum_picker(
    update: Update, context: CydlaisContext, person: Person, first_time: bool
) -> None:
    t = context.t
    lines = [
        t._("Thank you, {name}!", name=person.display_name) if first_time else "",
        t._(
            "Which forums would you like to join? Tap a forum to join or leave it, then tap Done."
        ),
    ]
    if side_for_band(person.age_band, context.config.youth) is Side.YOUTH:
        lines.append(
            t._(
                "You will take part in the youth forums: young people's ideas are counted "
                "alongside the adult forums and reach the council in the same way."
            )
        )
    joined = await context.store.forums.memberships(person)
    text = "\n\n".join(line for line in lines if line) + forum_descriptions(t, context.config)
    await edit_or_reply(
        update,
        text,
        keyboards.forum_toggles(t, context.config.forums, joined, person.receive_prompts),
    )


async def language_command(update: Update, context: CydlaisContext) -> None:
    """/language: switch between Welsh and English."""
    person = await require_person(update, context)
    if person is None:
        return
    await reply(
        update,
        context.t._("Which language would you like to use?"),
        keyboards.languages(keyboards.LANGUAGE, "set", person.language),
    )


async def language_button(update: Update, context: CydlaisContext) -> None:
    """Store the chosen language and answer in it."""
    parts = keyboards.parse(
        update.callback_query.data if update.callback_query else None, keyboards.LANGUAGE, 3
    )
    if parts is None or parts[1] != "set" or parts[2] not in LANGUAGES:
        await stale_button(update, context)
        return
    person = await require_person(update, context)
    if person is None:
        return
    person = await context.store.people.set_language(person, parts[2])
    context.person = person
    context.t = context.services.i18n(person.language)
    await answer_button(update)
    # TRANSLATORS: shown in the language just chosen: name your own
    # language here ("byddaf yn siarad Cymraeg â chi"), not English.
    await edit_or_reply(update, context.t._("Done: I will use English with you from now on."))
    await _publish_menu(update, context)


async def forums_command(update: Update, context: CydlaisContext) -> None:
    """/forums: join or leave forums."""
    person = await require_person(update, context)
    if person is not None:
        await _show_forum_picker(update, context, person, first_time=False)


async def forum_button(update: Update, context: CydlaisContext) -> None:
    """Join, leave, or finish choosing forums."""
    data = update.callback_query.data if update.callback_query else None
    person = await require_person(update, context)
    if person is None:
        return
    if data == keyboards.data(keyboards.FORUMS, "done"):
        await _forums_done(update, context, person)
        return
    if data in (keyboards.data(keyboards.FORUMS, "prompts", "on"), "fm:prompts:off"):
        await _switch_prompts(update, context, person, data == "fm:prompts:on")
        return
    parts = keyboards.parse(data, keyboards.FORUMS, 3)
    forum = context.config.forum(parts[2]) if parts else None
    if parts is None or forum is None or parts[1] not in ("join", "leave"):
        await stale_button(update, context)
        return
    joining = parts[1] == "join"
    changed = await context.store.forums.set_membership(person, forum.id, joining)
    name = forum.name(context.t.language)
    if not changed:
        note = (
            context.t._("You are already in {forum}.", forum=name)
            if joining
            else context.t._("You are not in {forum}.", forum=name)
        )
    else:
        note = (
            context.t._("Joined {forum}.", forum=name)
            if joining
            else context.t._("Left {forum}.", forum=name)
        )
    await answer_button(update, note)
    joined = await context.store.forums.memberships(person)
    await edit_keyboard(
        update,
        keyboards.forum_toggles(context.t, context.config.forums, joined, person.receive_prompts),
    )


async def _switch_prompts(
    update: Update, context: CydlaisContext, person: Person, on: bool
) -> None:
    person = await context.store.people.set_receive_prompts(person, on)
    context.person = person
    t = context.t
    await answer_button(
        update,
        t._("Prompts from your forums will come to you here.")
        if on
        else t._("Prompts will no longer come to you here. You can still answer in the groups."),
    )
    joined = await context.store.forums.memberships(person)
    await edit_keyboard(
        update, keyboards.forum_toggles(t, context.config.forums, joined, person.receive_prompts)
    )


async def _forums_done(update: Update, context: CydlaisContext, person: Person) -> None:
    t = context.t
    first_time = not person.onboarded
    if first_time:
        person = await context.store.people.mark_onboarded(person)
        context.person = person
    joined = await context.store.forums.memberships(person)
    names = [f.name(t.language) for f in context.config.forums if f.id in joined]
    if names:
        summary = t.n_(
            "You are in this forum: {forums}.",
            "You are in these {count} forums: {forums}.",
            len(names),
            forums=", ".join(names),
        )
    else:
        summary = t._("You have not joined any forums yet. You can join any time with /forums.")
    await answer_button(update)
    if first_time:
        closing = t._("You're all set! Here is what you can do next (or send /help):")
        await show(update, home.with_main_actions(t, f"{summary}\n\n{closing}"))
    else:
        saved = t._("Saved.")
        await edit_or_reply(update, f"{summary}\n\n{saved}")
    await _publish_menu(update, context)


async def _publish_menu(update: Update, context: CydlaisContext) -> None:
    chat = update.effective_chat
    if chat is not None:
        await publish_personal_menu(context.bot, chat.id, context.t, context.grants)
