"""/settings: admins change in the chat what a council decides, rather than the config file:
forums and communities (rename, well-being goals, archive, add), the digest's day and time, the
answer promise and the quiet hours. A change is kept (store/settings.py), logged, and in force
at once (``services.setup.reload_config``); the digest's job is planned again. What is typed
(names, a time, days, hours) is in ``settings_typed``."""

from __future__ import annotations

import dataclasses

from telegram import Update

from bot.config import WELLBEING_GOALS, Config, PlaceSetting
from bot.domain.people import Person
from bot.services.setup import reload_config
from bot.store import COMMUNITY, FORUM
from bot.telegram import replies
from bot.telegram.buttons import Who, on_button
from bot.telegram.context import CydlaisContext
from bot.telegram.flow_state import FlowState
from bot.telegram.scheduling import plan_digest
from bot.telegram.sender import require_person
from bot.telegram.views import View
from bot.telegram.views import settings as views
from bot.telegram.views.settings import (
    AddPlace,
    DigestDay,
    OnPlace,
    OpenPlace,
    OpenSettings,
    PlaceAction,
    PlaceKind,
    Section,
    ToggleGoal,
)


@dataclasses.dataclass(frozen=True)
class SettingsInput(FlowState, flow="settings"):
    """A value being typed: a place's names (Welsh, then English; ``place_id`` None when
    adding one), the digest's time (its ``weekday`` chosen), the promise, the quiet hours."""

    section: Section
    kind: PlaceKind | None = None
    place_id: str | None = None
    name_cy: str | None = None
    weekday: int | None = None


async def _admin(update: Update, context: CydlaisContext) -> bool:
    """True for an admin; anyone else is told politely (a forged button is stale)."""
    if context.grants.admin:
        return True
    if update.callback_query is not None:
        await replies.stale(update, context)
    else:
        await replies.refuse(update, views.only_admins(context.t))
    return False


async def settings_command(update: Update, context: CydlaisContext) -> None:
    """/settings: what is set now, and a button for each part."""
    if await require_person(update, context) is not None and await _admin(update, context):
        await replies.send(update, views.home(context.t, context.config))


async def apply(context: CydlaisContext) -> None:
    """Put a change in force now, and plan the digest again (its day or time may be new)."""
    await reload_config(context.services)
    plan_digest(context.application, context.services)


def place_kind(kind: PlaceKind) -> str:
    """How the store names forums and communities."""
    return FORUM if kind is PlaceKind.FORUM else COMMUNITY


def setting_of(config: Config, kind: PlaceKind, place_id: str) -> PlaceSetting | None:
    """A forum's or community's current names, goals and state, as a setting to change."""
    if kind is PlaceKind.FORUM:
        forum = config.forum(place_id)
        if forum is None:
            return None
        return PlaceSetting(
            forum.id, forum.name_cy, forum.name_en, forum.archived, forum.wellbeing_goals
        )
    found = next((c for c in config.communities if c.id == place_id), None)
    return PlaceSetting(found.id, found.name_cy, found.name_en, found.archived) if found else None


@on_button(OpenSettings, Who.MEMBER)
async def section_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: OpenSettings
) -> None:
    """A screen of /settings (a typed value's question starts its flow)."""
    if not await _admin(update, context):
        return
    await replies.notice(update)
    t, config, section = context.t, context.config, pressed.section
    if SettingsInput.of(await context.store.conversations.get(person)) is not None:
        await context.store.conversations.clear(person)  # a value half-typed: dropped
    if section is Section.HOME:
        await replies.show(update, views.home(t, config))
    elif section in (Section.FORUMS, Section.COMMUNITIES):
        kind = PlaceKind.FORUM if section is Section.FORUMS else PlaceKind.COMMUNITY
        await replies.show(update, views.places(t, config, kind))
    elif section is Section.DIGEST:
        await replies.show(update, views.digest_days(t, config))
    elif section is Section.LOG:
        await replies.show(update, views.log(t, await context.store.settings.changes()))
    else:
        await _ask(update, context, person, SettingsInput(section))


async def _ask(
    update: Update, context: CydlaisContext, person: Person, state: SettingsInput
) -> None:
    await context.store.conversations.set(person, state.flow, state.to_json())
    if state.section is Section.FORUMS or state.section is Section.COMMUNITIES:
        await replies.send(update, views.ask_name(context.t, "cy", state.place_id is None))
    else:
        await replies.send(update, views.ask_value(context.t, state.section))


@on_button(OpenPlace, Who.MEMBER)
async def place_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: OpenPlace
) -> None:
    """One forum or community."""
    if not await _admin(update, context):
        return
    view = views.place(context.t, context.config, pressed.kind, pressed.place_id)
    if view is None:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await replies.show(update, view)


@on_button(AddPlace, Who.MEMBER)
async def add_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: AddPlace
) -> None:
    """➕ Add: the Welsh name, then the English one."""
    if await _admin(update, context):
        await replies.notice(update)
        await _ask(update, context, person, SettingsInput(_section(pressed.kind), pressed.kind))


def _section(kind: PlaceKind) -> Section:
    return Section.FORUMS if kind is PlaceKind.FORUM else Section.COMMUNITIES


@on_button(OnPlace, Who.MEMBER)
async def place_action_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: OnPlace
) -> None:
    """Rename (typed next), goals (a screen), archive or restore (at once, logged)."""
    if not await _admin(update, context):
        return
    current = setting_of(context.config, pressed.kind, pressed.place_id)
    if current is None or (
        pressed.kind is PlaceKind.COMMUNITY and pressed.action is PlaceAction.GOALS
    ):
        await replies.stale(update, context)
        return
    t = context.t
    if pressed.action is PlaceAction.RENAME:
        await replies.notice(update)
        state = SettingsInput(_section(pressed.kind), pressed.kind, current.id)
        await _ask(update, context, person, state)
        return
    if pressed.action is PlaceAction.GOALS:
        forum = context.config.forum(current.id)
        assert forum is not None
        await replies.notice(update)
        await replies.show(update, views.goals(t, forum))
        return
    archiving = pressed.action is PlaceAction.ARCHIVE
    kind = place_kind(pressed.kind)
    action = f"{'archive' if archiving else 'restore'}_{kind}"
    await context.store.settings.save_place(
        kind, dataclasses.replace(current, archived=archiving), person, action, current.name_en
    )
    await apply(context)
    name = current.name_cy if t.language == "cy" else current.name_en
    if archiving:
        checkins = sum(
            1 for s in await context.store.schedules.active() if s.forum_id == current.id
        )
        note = views.archived_note(t, pressed.kind, name, checkins)
    else:
        note = views.saved(t)
    await replies.notice(update, note, alert=archiving)
    view = views.place(t, context.config, pressed.kind, current.id)
    await replies.show(update, view or View(views.saved(t)))


@on_button(ToggleGoal, Who.MEMBER)
async def goal_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: ToggleGoal
) -> None:
    """A well-being goal on or off for a forum (logged), then the goals again."""
    if not await _admin(update, context):
        return
    current = setting_of(context.config, PlaceKind.FORUM, pressed.forum_id)
    if current is None or not 0 <= pressed.goal < len(WELLBEING_GOALS):
        await replies.stale(update, context)
        return
    goal, goals = WELLBEING_GOALS[pressed.goal], set(current.goals or ())
    goals ^= {goal}
    ordered = tuple(g for g in WELLBEING_GOALS if g in goals)
    changed = dataclasses.replace(current, goals=ordered)
    await context.store.settings.save_place(
        FORUM, changed, person, "forum_goals", ",".join(ordered)
    )
    await apply(context)
    forum = context.config.forum(pressed.forum_id)
    assert forum is not None
    await replies.notice(update, views.saved(context.t))
    await replies.show(update, views.goals(context.t, forum))


@on_button(DigestDay, Who.MEMBER)
async def digest_day_pressed(
    update: Update, context: CydlaisContext, person: Person, pressed: DigestDay
) -> None:
    """The digest's day chosen: its time is asked next."""
    if not await _admin(update, context):
        return
    if not 0 <= pressed.weekday <= 6:
        await replies.stale(update, context)
        return
    await replies.notice(update)
    await _ask(update, context, person, SettingsInput(Section.DIGEST, weekday=pressed.weekday))
