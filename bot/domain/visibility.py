"""Who may see what: one rule for proposals, and one for paused people.

A proposal's audience:

- everyone, once it has been published (opened for support) and while it is not hidden;
  that includes one its author withdrew after publication: it stays in the public record
  (open data, the digest), though lists of proposals to support leave it out;
- the convenors of its forum side (and admins), while it is hidden by moderation, and while
  a young person's proposal waits for a youth convenor's approval;
- nobody but its author, ever, once a young person withdrew it before it was approved.

Its author always sees their own. Anyone else must get exactly what a proposal that does not
exist would give them (a stale button, "there is no proposal P-0042"), so that asking about
one cannot confirm it is there. Lists, cards, reports, support, /status, exports and digests
all go through this rule; its SQL twin for queries over many rows is ``store/visibility.py``.

A paused person is seen (and their pause lifted) only by those who may pause people in the
forum side the pause was made in: a young person is named only to youth convenors of their
forum.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.people import Person
from bot.domain.proposals import Proposal, Status
from bot.domain.roles import Action, Grants, Scope, can, scope_of


class Audience(StrEnum):
    """Who, besides its author, may see a proposal."""

    EVERYONE = "everyone"
    REVIEWERS = "reviewers"  # those who review its forum side
    AUTHOR_ONLY = "author_only"


def audience(proposal: Proposal) -> Audience:
    """Who may see ``proposal`` now (besides its author)."""
    if not proposal.published:
        return Audience.REVIEWERS if proposal.status is Status.SUBMITTED else Audience.AUTHOR_ONLY
    if proposal.hidden:
        return Audience.REVIEWERS
    return Audience.EVERYONE


@dataclass(frozen=True)
class Viewer:
    """Someone looking: who they are (None before they joined) and what they may do."""

    person_id: int | None
    grants: Grants


def may_see(viewer: Viewer, proposal: Proposal) -> bool:
    """Whether ``viewer`` may know that ``proposal`` exists and read it."""
    if viewer.person_id is not None and proposal.author_id == viewer.person_id:
        return True
    match audience(proposal):
        case Audience.EVERYONE:
            return True
        case Audience.REVIEWERS:
            return can(viewer.grants, Action.REVIEW, scope_of(proposal))
        case _:
            return False


@dataclass(frozen=True)
class PausedPerson:
    """Someone stopped from posting, and the forum side the pause was made in (None for a
    pause older than the record of its side: only admins see those)."""

    person: Person
    scope: Scope | None


def may_see_pause(grants: Grants, paused: PausedPerson) -> bool:
    """Whether someone may see (and lift) this pause: it names the person."""
    if paused.scope is None:
        return grants.admin
    return can(grants, Action.BLOCK_USER, paused.scope)
