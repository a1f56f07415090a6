"""Moderation and invitations: what convenors review, and single-use invite codes.

Invite codes are random, shown once, stored only as a hash, expire, and grant their role once.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from bot.domain.people import Side
from bot.domain.proposals import Proposal

INVITE_LIFETIME = timedelta(days=7)
# No 0/O, 1/I/L: codes are read out and typed by people.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


class InviteRole(StrEnum):
    """What an invite code grants."""

    CONVENOR = "convenor"
    OFFICER = "officer"
    YOUNG_PERSON = "young_person"  # lets a young person under the consent age join
    ADMIN = "admin"  # only the one-time setup code printed at start makes one (see setup)


def new_code(length: int = CODE_LENGTH) -> str:
    """A fresh invite code, e.g. ``K7Q9-MZP4X2``-style but without the dash."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """What a person typed, as a code (case and spaces and dashes ignored)."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_code(code: str) -> str:
    """How a code is stored: never the code itself."""
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def looks_like_code(text: str) -> bool:
    """Whether ``text`` could be an invite code (before looking it up)."""
    code = normalise_code(text)
    return len(code) == CODE_LENGTH and all(ch in _ALPHABET for ch in code)


def code_in(words: Sequence[str]) -> str | None:
    """The invite code in what followed /start, normalised; None if there is none.

    People type a code the way they read it out ("ABCDE FGHJK", "abcde-fghjk"), and Telegram
    splits the text at spaces, so the words are tried together first, then one by one.
    """
    for candidate in (" ".join(words), *words):
        if looks_like_code(candidate):
            return normalise_code(candidate)
    return None


@dataclass(frozen=True)
class Invite:
    """A valid, unused invite (what redeeming it would grant)."""

    role: InviteRole
    forum_id: str | None
    side: Side | None


class RedeemResult(StrEnum):
    """What happened to an invite code."""

    GRANTED = "granted"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


class ReportReason(StrEnum):
    """Why a member reports a proposal (a button each; convenors see how many gave each)."""

    OFFENSIVE = "o"
    PERSONAL_INFORMATION = "p"
    OFF_TOPIC = "t"
    OTHER = "x"


def report_reason(value: object) -> ReportReason | None:
    """A stored reason read back (None for reports from before reasons, or anything else)."""
    try:
        return ReportReason(str(value)) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class ReviewItem:
    """Something waiting for a convenor: a youth proposal to approve, or a reported one, with
    how many open reports gave each reason (reports from before reasons were asked have none)."""

    proposal: Proposal
    reports: int
    awaiting_approval: bool
    reasons: tuple[tuple[ReportReason, int], ...] = ()


# The first administrator of a new install: a code printed by `cydlais run` while there is none.
SETUP_CODE_LENGTH = 16  # 16 of 31 symbols: about 79 bits, beyond guessing even unthrottled
SETUP_CODE_LIFETIME = timedelta(hours=24)
SETUP_TRIES_PER_HOUR = 5  # wrong codes from anyone; then everyone waits (stored: restarts too)


class SetupResult(StrEnum):
    """What happened to a /setup attempt."""

    ADMIN = "admin"  # the sender is now the first administrator
    ALREADY_SET_UP = "already_set_up"  # there is an administrator: invites from now on
    WRONG = "wrong"  # no such code (counted as a try)
    EXPIRED = "expired"  # the code was right but too old: restart the bot for a new one
    TOO_MANY_TRIES = "too_many_tries"  # wait, then try again


def grouped(code: str, size: int = 4) -> str:
    """A long code in groups people can read out: ``K7Q9 MZP4 X2AB CDEF``."""
    return " ".join(code[i : i + size] for i in range(0, len(code), size))


@dataclass(frozen=True)
class GrantHolder:
    """A role given in the chat (by invitation or the setup code) and who holds it."""

    id: int
    person_id: int
    name: str
    role: str
    forum_id: str | None
    side: str | None
