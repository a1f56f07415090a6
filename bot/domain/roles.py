"""Roles and the one permission check every handler uses.

Roles come from the config (admins, officers, convenors per forum and side) and from invite
codes (stored grants). ``can`` is the single place that decides who may do what.

A convenor's work is *scoped*: it concerns one forum side (a ``Scope``), and convening the
adult side of Environment gives no say over Health, nor over Environment's youth shadow forum.
``can`` therefore insists on the scope for every scoped action: there is no "any forum" form
(a missing scope once meant "any", and a convenor of one forum could lift a pause made in
another). A screen that lists several forum sides asks ``scopes`` which ones the person may
act on, and the store filters by exactly those.

Officers act council-wide (statuses, the digest, exports): their actions take no scope. What
anyone may *see* of a proposal is a separate rule, in ``bot.domain.visibility``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

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
# Actions a convenor may take only for the forum side they convene: each needs a Scope.
SCOPED_ACTIONS = frozenset(
    {
        Action.PROMPT,
        Action.SCHEDULE,
        Action.REVIEW,
        Action.MEETING_INPUT,
        Action.BLOCK_USER,
        Action.INVITE_YOUNG_PERSON,  # scoped to a youth side: youth convenors invite
        Action.SEE_YOUTH_IDENTITIES,  # scoped to a youth side: its convenors may know who
    }
)
OFFICER_ACTIONS = frozenset({Action.SET_STATUS, Action.DIGEST, Action.EXPORT})
# What a pause stops, whatever else the person is: everything that puts words or weight into
# a forum under their name. Meeting input is recorded with the convenor as its author, so a
# paused convenor may not record it either; a pause takes no role away (remove the role from
# the config or the grant for that).
POSTING_ACTIONS = RESIDENT_ACTIONS | {Action.MEETING_INPUT}


@dataclass(frozen=True)
class Scope:
    """One side of one forum: what a convenor convenes, and what a scoped action concerns."""

    forum_id: str
    side: Side


class ScopeRequiredError(ValueError):
    """A scoped action was checked without saying which forum side it concerns (a bug)."""


class InScope(Protocol):
    """Anything that belongs to one forum side: a proposal, a prompt, a schedule."""

    @property
    def forum_id(self) -> str:
        """The forum it belongs to."""
        ...

    @property
    def side(self) -> Side:
        """Adult forum or youth shadow forum."""
        ...


def scope_of(item: InScope) -> Scope:
    """The forum side ``item`` belongs to."""
    return Scope(item.forum_id, item.side)


@dataclass(frozen=True)
class Grants:
    """The roles one Telegram user holds."""

    admin: bool = False
    officer: bool = False
    convenes: frozenset[Scope] = field(default_factory=frozenset)
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
        Scope(forum.id, side)
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
            convenes.add(Scope(forum_id, Side(side)))
    return Grants(admin=admin, officer=officer, convenes=frozenset(convenes), blocked=blocked)


def can(grants: Grants, action: Action, scope: Scope | None = None) -> bool:
    """Whether someone with ``grants`` may take ``action`` (on ``scope``, for a scoped action).

    A pause stops posting, for everyone. Admins may do anything else. Scoped actions need a
    convenorship of exactly that forum side; asking without a scope raises
    ``ScopeRequiredError`` rather than answering for "any" forum side.
    """
    if action in SCOPED_ACTIONS and scope is None:
        raise ScopeRequiredError(f"{action.value} needs the forum side it concerns")
    if action in POSTING_ACTIONS and grants.blocked:
        return False
    if grants.admin:
        return True
    if action in RESIDENT_ACTIONS:
        return True
    if action in OFFICER_ACTIONS:
        return grants.officer
    if action in SCOPED_ACTIONS:
        return scope in grants.convenes
    return False  # INVITE_CONVENOR / INVITE_OFFICER: admins only


def scopes(grants: Grants, config: Config, action: Action) -> list[Scope]:
    """The forum sides where this person may take the scoped ``action``, in config order.

    Admins may act on every forum, on both sides. A list screen shows only these, and an
    empty list means the person may not take the action anywhere. Archived forums are left
    out, but for moderation: what was posted there can still be reported and looked at.
    """
    keeps_archived = action in (Action.REVIEW, Action.BLOCK_USER)
    return [
        Scope(forum.id, side)
        for forum in config.forums
        if keeps_archived or not forum.archived
        for side in (Side.ADULT, Side.YOUTH)
        if can(grants, action, Scope(forum.id, side))
    ]


def may_invite(grants: Grants) -> bool:
    """Whether someone can make any invite code: admins, and youth forum convenors (for young
    people joining)."""
    return can(grants, Action.INVITE_OFFICER) or any(
        can(grants, Action.INVITE_YOUNG_PERSON, scope)
        for scope in grants.convenes
        if scope.side is Side.YOUTH
    )


def configured_convenors(config: Config, scope: Scope) -> tuple[int, ...]:
    """Telegram ids the config names as convenors of that forum side. (People given the role
    by invitation are added by the store.)"""
    forum = config.forum(scope.forum_id)
    if forum is None:
        return ()
    return tuple(forum.youth_convenors if scope.side is Side.YOUTH else forum.convenors)


def configured_reviewers(config: Config, scope: Scope) -> tuple[int, ...]:
    """Telegram ids the config names to look at items in ``scope``: the convenors of that forum
    side, and the admins. (People given the role by invitation are added by the store.)"""
    return (*configured_convenors(config, scope), *config.roles.admins)
