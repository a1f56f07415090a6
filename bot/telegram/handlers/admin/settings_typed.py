"""What admins type in /settings: a forum's or community's names (Welsh, then English), the
digest's time, the answer promise, the quiet hours. Anything that cannot be used is asked for
again, and nothing is half-changed: a place is saved once both its names are in."""

from __future__ import annotations

from typing import Any

from telegram import Update

from bot.config import Config, PlaceSetting
from bot.domain.people import Person
from bot.domain.prompts import parse_time
from bot.domain.settings import clean_name, parse_hours, parse_promise, place_id_for
from bot.telegram import replies
from bot.telegram.context import CydlaisContext
from bot.telegram.handlers import fallbacks
from bot.telegram.handlers.admin.settings import (
    SettingsInput,
    apply,
    place_kind,
    setting_of,
)
from bot.telegram.views import View
from bot.telegram.views import settings as views
from bot.telegram.views.settings import PlaceKind, Section


async def on_settings_text(
    update: Update, context: CydlaisContext, person: Person, stored: dict[str, Any]
) -> None:
    """A value typed for /settings."""
    message = update.effective_message
    assert message is not None and message.text is not None
    state = SettingsInput.from_json(stored)
    if state is None or not context.grants.admin:
        await context.store.conversations.clear(person)
        await fallbacks.unreadable_flow(update, context, person)
        return
    if state.kind is not None:
        await _name(update, context, person, state, message.text)
    elif state.section is Section.DIGEST:
        await _digest_time(update, context, person, state, message.text)
    elif state.section is Section.PROMISE:
        await _promise(update, context, person, message.text)
    else:
        await _quiet_hours(update, context, person, message.text)


def _names_in_use(config: Config, kind: PlaceKind, except_id: str | None) -> set[str]:
    places = config.forums if kind is PlaceKind.FORUM else config.communities
    return {
        name.casefold() for p in places if p.id != except_id for name in (p.name_cy, p.name_en)
    }


async def _name(
    update: Update, context: CydlaisContext, person: Person, state: SettingsInput, typed: str
) -> None:
    """The Welsh name (kept in the flow), then the English one: then saved, in force."""
    which = state.kind
    assert which is not None
    t, config = context.t, context.config
    name = clean_name(typed)
    in_use = _names_in_use(config, which, state.place_id)
    taken = name is not None and name.casefold() in in_use
    if name is None or taken:
        await replies.send(update, views.bad_name(t, taken))
        return
    if state.name_cy is None:
        state = state.replace(name_cy=name)
        await context.store.conversations.set(person, state.flow, state.to_json())
        await replies.send(update, views.ask_name(t, "en", state.place_id is None))
        return
    kind = place_kind(which)
    current = setting_of(config, which, state.place_id) if state.place_id else None
    if current is None:
        ids = {f.id for f in config.forums} | {c.id for c in config.communities}
        current = PlaceSetting(place_id_for(name, ids), state.name_cy, name)
        action = f"add_{kind}"
    else:
        action = f"rename_{kind}"
    changed = PlaceSetting(current.id, state.name_cy, name, current.archived, current.goals)
    await context.store.conversations.clear(person)
    await context.store.settings.save_place(
        kind, changed, person, action, f"{state.name_cy} / {name}"
    )
    await apply(context)
    view = views.place(t, context.config, which, changed.id)
    await replies.send(update, View(views.saved(t)))
    if view is not None:
        await replies.send(update, view)


async def _digest_time(
    update: Update, context: CydlaisContext, person: Person, state: SettingsInput, typed: str
) -> None:
    at = parse_time(typed)
    if at is None or state.weekday is None:
        await replies.send(update, views.not_understood(context.t, Section.DIGEST))
        return
    values = {"digest_weekday": str(state.weekday), "digest_time": at.strftime("%H:%M")}
    await _save(update, context, person, values, "digest_day")


async def _promise(update: Update, context: CydlaisContext, person: Person, typed: str) -> None:
    days = parse_promise(typed)
    if days is None:
        await replies.send(update, views.not_understood(context.t, Section.PROMISE))
        return
    await _save(update, context, person, {"answer_within_days": str(days)}, "answer_promise")


async def _quiet_hours(
    update: Update, context: CydlaisContext, person: Person, typed: str
) -> None:
    hours = parse_hours(typed)
    if hours is None:
        await replies.send(update, views.not_understood(context.t, Section.QUIET))
        return
    values = {"quiet_start": hours[0].strftime("%H:%M"), "quiet_end": hours[1].strftime("%H:%M")}
    await _save(update, context, person, values, "quiet_hours")


async def _save(
    update: Update, context: CydlaisContext, person: Person, values: dict[str, str], action: str
) -> None:
    """Keep the council's settings, put them in force, show what is set now."""
    await context.store.conversations.clear(person)
    await context.store.settings.save_values(values, person, action)
    await apply(context)
    await replies.send(update, View(views.saved(context.t)))
    await replies.send(update, views.home(context.t, context.config))
