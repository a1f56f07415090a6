"""Roles and the one permission check every handler uses.

Roles come from the config (admins, officers, convenors per forum and side) and from invite
codes (stored grants). ``can`` is the single place that decides who may do what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.config import Config
from bot.domain.people import Side


class Role(StrEnum):
    """What someone is to the council."""

    RESIDENT = "resident"
    CONVENOR = "convenor"
    OFFICER = "officer"
    ADMIN = "admin"


class Action(StrEnum):
    """Everything that needs a permission check."""

    PROPOSE = "propose"
    SUPPORT = "support"
    ANSWER = "answer"
    REPORT = "report"
    PROMPT = "prompt"
    SCHEDULE = "schedule"
    REVIEW = "review"
    MEETING_INPUT = "meeting_input"
    BLOCK_USER = "block_user"
    SET_STATUS = "set_status"
    DIGEST = "digest"
    EXPORT = "export"
    INVITE_CONVENOR = "invite_convenor"
    INVITE_OFFICER = "invite_officer"
    INVITE_YOUNG_PERSON = "invite_young_person"
    SEE_YOUTH_IDENTITIES = "see_youth_identities"


RESIDENT_ACTIONS = frozenset({Action.PROPOSE, Action.SUPPORT, Action.ANSWER, Action.REPORT})
# Actions a convenor may take for the forum (and side) they convene.
CONVENOR_ACTIONS = frozenset(
    {
        Action.PROMPT,
        Action.SCHEDULE,
        Action.REVIEW,
        Action.MEETING_INPUT,
        Action.BLOCK_USER,
        Action.INVITE_YOUNG_PERSON,
    }
)
OFFICER_ACTIONS = frozenset({Action.SET_STATUS, Action.DIGEST, Action.EXPORT})


@dataclass(frozen=True)
class Convenorship:
    """Convening one side of one forum."""

    forum_id: str
    side: Side


@dataclass(frozen=True)
class Grants:
    """The roles one Telegram user holds."""

    admin: bool = False
    officer: bool = False
    convenes: frozenset[Convenorship] = field(default_factory=frozenset)
    blocked: bool = False

    @property
    def roles(self) -> tuple[Role, ...]:
        """The person's roles, most powerful last (resident is always included; admins may do
        anything, so they hold every role)."""
        roles = [Role.RESIDENT]
        if self.convenes or self.admin:
            roles.append(Role.CONVENOR)
        if self.officer or self.admin:
            roles.append(Role.OFFICER)
        if self.admin:
            roles.append(Role.ADMIN)
        return tuple(roles)

    def convened_forums(self) -> tuple[str, ...]:
        """Ids of the forums this person convenes on either side, in no particular order."""
        return tuple(sorted({c.forum_id for c in self.convenes}))


def grants_from_config(
    telegram_id: int,
    config: Config,
    stored: frozenset[tuple[str, str | None, str | None]] = frozenset(),
    blocked: bool = False,
) -> Grants:
    """Combine config roles with stored grants (role, forum_id, side) from invite codes."""
    convenes = {
        Convenorship(forum.id, side)
        for forum in config.forums
        for side, ids in ((Side.ADULT, forum.convenors), (Side.YOUTH, forum.youth_convenors))
        if telegram_id in ids
    }
    admin = telegram_id in config.roles.admins
    officer = telegram_id in config.roles.officers
    for role, forum_id, side in stored:
        if role == Role.ADMIN:
            admin = True
        elif role == Role.OFFICER:
            officer = True
        elif role == Role.CONVENOR and forum_id and side:
            convenes.add(Convenorship(forum_id, Side(side)))
    return Grants(admin=admin, officer=officer, convenes=frozenset(convenes), blocked=blocked)


def can(
    grants: Grants, action: Action, forum_id: str | None = None, side: Side | None = None
) -> bool:
    """Whether someone with ``grants`` may take ``action`` (on ``forum_id``/``side`` if given).

    Admins may do anything. Blocked people may not post, support, answer or report.
    Convenor actions need a convenorship of that forum (and side, when one is given).
    """
    if grants.admin:
        return True
    if action in RESIDENT_ACTIONS:
        return not grants.blocked
    if action in OFFICER_ACTIONS:
        return grants.officer
    if action in CONVENOR_ACTIONS or action == Action.SEE_YOUTH_IDENTITIES:
        return _convenes(
            grants, forum_id, Side.YOUTH if action == Action.SEE_YOUTH_IDENTITIES else side
        )
    return False  # INVITE_CONVENOR / INVITE_OFFICER: admins only


def may_invite(grants: Grants) -> bool:
    """Whether someone can make any invite code: admins, and youth forum convenors (for young
    people joining)."""
    return can(grants, Action.INVITE_OFFICER) or can(
        grants, Action.INVITE_YOUNG_PERSON, side=Side.YOUTH
    )


def _convenes(grants: Grants, forum_id: str | None, side: Side | None) -> bool:
    return any(
        (forum_id is None or c.forum_id == forum_id) and (side is None or c.side == side)
        for c in grants.convenes
    )


def convened_targets(grants: Grants, config: Config, action: Action) -> list[Convenorship]:
    """The forum sides where this person may take a convenor ``action``, in config order.

    Admins may act on every forum, on both sides.
    """
    return [
        Convenorship(forum.id, side)
        for forum in config.forums
        for side in (Side.ADULT, Side.YOUTH)
        if can(grants, action, forum.id, side)
    ]
