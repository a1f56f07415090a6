"""/invite: single-use, expiring invite codes that grant a role (or let a young person join).

Admins invite convenors (per forum and side) and officers; youth forum convenors invite young
people under the digital age of consent. The code is shown once here and stored only hashed.
"""

from __future__ import annotations

from telegram import Update

from bot.domain.moderation import INVITE_LIFETIME, InviteRole, new_code
from bot.domain.people import Side
from bot.domain.roles import Action, can, may_invite, scopes
from bot.i18n import Html, unescape
from bot.telegram.context import CydlaisContext
from bot.telegram.replies import send_text
from bot.telegram.sender import require_person


def _forum_id(context: CydlaisContext, text: str) -> str | None:
    wanted = text.casefold()
    for forum in context.config.forums:
        if wanted in (forum.id, forum.name_cy.casefold(), forum.name_en.casefold()):
            return forum.id
    return None


def _may_invite_young(context: CydlaisContext) -> bool:
    """A young person's code is for the youth forums as a whole: any youth convenor may make
    one (and admins)."""
    return any(
        scope.side is Side.YOUTH
        for scope in scopes(context.grants, context.config, Action.INVITE_YOUNG_PERSON)
    )


async def invite_command(update: Update, context: CydlaisContext) -> None:
    """/invite convenor <forum> [youth] · /invite officer · /invite young."""
    person = await require_person(update, context)
    if person is None:
        return
    t = context.t
    args = [a.casefold() for a in context.args or []]
    kind = args[0] if args else ""
    side = Side.YOUTH if "youth" in args[2:] or "ieuenctid" in args[2:] else Side.ADULT
    if kind in ("young", "ifanc") and _may_invite_young(context):
        role, forum_id, side_or_none = InviteRole.YOUNG_PERSON, None, None
    elif kind in ("officer", "swyddog") and can(context.grants, Action.INVITE_OFFICER):
        role, forum_id, side_or_none = InviteRole.OFFICER, None, None
    elif kind in ("convenor", "cynullydd") and can(context.grants, Action.INVITE_CONVENOR):
        forum_id = _forum_id(context, args[1]) if len(args) > 1 else None
        if forum_id is None:
            await send_text(update, _usage(context))
            return
        role, side_or_none = InviteRole.CONVENOR, side
    else:
        await send_text(update, _usage(context))
        return
    code = new_code()
    expires = context.services.clock.now() + INVITE_LIFETIME
    await context.store.invites.create(code, role, forum_id, side_or_none, person, expires)
    link = f"https://t.me/{context.bot.username}?start={code}"
    await send_text(
        update,
        t._(
            "Invite code for {what}: <code>{code}</code>\n"
            "It works once, until {date}. Share this link with the person: {link}",
            what=Html(_what(context, role, forum_id, side_or_none)),
            code=code,
            date=t.date(expires, "long"),
            link=link,
        ),
    )


def _what(
    context: CydlaisContext, role: InviteRole, forum_id: str | None, side: Side | None
) -> str:
    t = context.t
    if role is InviteRole.YOUNG_PERSON:
        return t._("a young person joining the youth forums")
    if role is InviteRole.OFFICER:
        return t._("a council officer")
    forum = context.config.forum(forum_id or "")
    name = forum.name(t.language) if forum else forum_id or ""
    if side is Side.YOUTH:
        name = unescape(t._("{forum} (youth forum)", forum=name))
    return t._("a convenor of {forum}", forum=name)


def _usage(context: CydlaisContext) -> str:
    t = context.t
    lines = [t._("Invite codes work once and expire after a week.")]
    if can(context.grants, Action.INVITE_CONVENOR):
        lines.append(
            # TRANSLATORS: the command as your reader types it. The bot
            # also takes "gwahodd" for /invite, "cynullydd" for convenor,
            # "ieuenctid" for youth, and a forum's name in either language.
            t._(
                "<code>/invite convenor environment</code> "
                "(add <code>youth</code> for the youth forum)"
            )
        )
    if can(context.grants, Action.INVITE_OFFICER):
        # TRANSLATORS: the bot also takes "/gwahodd swyddog".
        lines.append(t._("<code>/invite officer</code>"))
    if _may_invite_young(context):
        lines.append(
            # TRANSLATORS: the bot also takes "/gwahodd ifanc".
            t._(
                "<code>/invite young</code>: for a young person under {age}",
                age=context.config.youth.digital_consent_age,
            )
        )
    if not may_invite(context.grants):
        return t._("Sorry, only administrators and youth forum convenors can create invite codes.")
    return "\n".join(lines)
