"""Forums and language after joining: the forum picker (join or leave, the prompts switch,
Done), /forums, /language, and the personal command menu that follows a change."""

from __future__ import annotations

from telegram import Update

from bot.domain.people import LANGUAGES, Person, Side, may_choose_side
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.commands import publish_personal_menu
from bot.telegram.context import CydlaisContext
from bot.telegram.sender import require_person, side_of
from bot.telegram.views import View, home
from bot.telegram.views import forums as views
from bot.telegram.views.forums import (
    ChangeSide,
    ForumsDone,
    Membership,
    SetLanguage,
    Switch,
    SwitchPrompts,
    ToggleForum,
)


async def show_forum_picker(
    update: Update, context: CydlaisContext, person: Person, first_time: bool
) -> None:
    """Which forums? (in place of the message a button is on, else a new message)."""
    joined = await context.store.forums.memberships(person)
    youth = side_of(person, context) is Side.YOUTH
    name = person.display_name if first_time else None
    view = views.picker(
        context.t, context.config, name, youth, joined, person.receive_prompts,
        _switch_to(context, person),
    )  # fmt: skip
    if context.grants.admin and not first_time:
        extra = views.groups_for_admins(context.t, context.config)
        view = View(view.text + "\n\n" + extra, view.keyboard)
    await replies.show(update, view)


async def publish_menu(update: Update, context: CydlaisContext) -> None:
    """The commands menu for this person's roles and language."""
    chat = update.effective_chat
    if chat is not None:
        await publish_personal_menu(context.bot, chat.id, context.t, context.grants)


async def forums_command(update: Update, context: CydlaisContext) -> None:
    """/forums: join or leave forums."""
    person = await require_person(update, context)
    if person is not None:
        await show_forum_picker(update, context, person, first_time=False)


async def language_command(update: Update, context: CydlaisContext) -> None:
    """/language: switch between Welsh and English."""
    person = await require_person(update, context)
    if person is not None:
        await replies.send(update, views.choose_language(context.t, person.language))


@on_button(SetLanguage, Who.PERSON)
async def language_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SetLanguage
) -> None:
    """Store the chosen language and answer in it."""
    if pressed.language not in LANGUAGES:
        await replies.stale(update, context)
        return
    person = await context.store.people.set_language(person, pressed.language)
    context.person = person
    context.t = context.services.i18n(person.language)
    await replies.notice(update)
    await replies.show(update, views.language_set(context.t))
    await publish_menu(update, context)


def _switch_to(context: CydlaisContext, person: Person) -> Side | None:
    """The side an 18–25 could move to; None for everyone else."""
    if not may_choose_side(person.age_band, context.config.youth):
        return None
    return Side.ADULT if side_of(person, context) is Side.YOUTH else Side.YOUTH


async def _redraw(update: Update, context: CydlaisContext, person: Person) -> None:
    joined = await context.store.forums.memberships(person)
    keyboard = views.toggles(
        context.t, context.config, joined, person.receive_prompts, _switch_to(context, person)
    )
    await replies.edit_keyboard(update, keyboard)


@on_button(ChangeSide, Who.PERSON)
async def side_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ChangeSide
) -> None:
    """An 18–25 moves between the youth and adult forums (anyone else: a stale button)."""
    if not may_choose_side(person.age_band, context.config.youth):
        await replies.stale(update, context)
        return
    person = await context.store.people.set_side(person, pressed.side)
    context.person = person
    await replies.notice(update, views.side_changed(context.t, pressed.side), alert=True)
    await show_forum_picker(update, context, person, first_time=not person.onboarded)


@on_button(ToggleForum, Who.PERSON)
async def forum_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ToggleForum
) -> None:
    """Join or leave one forum."""
    forum = context.config.forum(pressed.forum_id)
    if forum is None:
        await replies.stale(update, context)
        return
    joining = pressed.action is Membership.JOIN
    changed = await context.store.forums.set_membership(person, forum.id, joining)
    name = forum.name(context.t.language)
    await replies.notice(update, views.membership_note(context.t, name, joining, changed))
    await _redraw(update, context, person)


@on_button(SwitchPrompts, Who.PERSON)
async def prompts_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: SwitchPrompts
) -> None:
    """Prompts privately, on or off."""
    on = pressed.switch is Switch.ON
    person = await context.store.people.set_receive_prompts(person, on)
    context.person = person
    await replies.notice(update, views.prompts_note(context.t, on))
    await _redraw(update, context, person)


@on_button(ForumsDone, Who.PERSON)
async def done_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ForumsDone
) -> None:
    """Finished: the first time, the person has joined (and sees what they can do)."""
    t = context.t
    first_time = not person.onboarded
    if first_time:
        person = await context.store.people.mark_onboarded(person)
        context.person = person
    joined = await context.store.forums.memberships(person)
    names = [f.name(t.language) for f in context.config.forums if f.id in joined]
    await replies.notice(update)
    if first_time:
        text = views.summary(t, names) + "\n\n" + views.all_set(t)
        await replies.show(update, home.with_main_actions(t, text))
    else:
        await replies.show(update, views.saved(t, names))
    await publish_menu(update, context)
