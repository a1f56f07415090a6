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


def new_code() -> str:
    """A fresh invite code, e.g. ``K7Q9-MZP4X2``-style but without the dash."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(CODE_LENGTH))


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


@dataclass(frozen=True)
class ReviewItem:
    """Something waiting for a convenor: a youth proposal to approve, or a reported one."""

    proposal: Proposal
    reports: int
    awaiting_approval: bool
