"""A quick sense check (Loomio's idea): a convenor puts one proposal or statement to a forum side
(or both) as "looks good / not sure / concerned"; "concerned" asks for a reason. Results by side,
each side's numbers shown only from ``MIN_SIDE_VOICES`` answers (small numbers stay private)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.common_ground import RoundSide
from bot.domain.people import Side

SUBJECT_MOST = 500
REASON_MOST = 500
MIN_SIDE_VOICES = 5


class Feeling(StrEnum):
    """One tap."""

    GOOD = "good"
    UNSURE = "unsure"
    CONCERNED = "concerned"


@dataclass(frozen=True)
class SenseCheck:
    """What was put to the forum, and to whom. ``proposal_id`` when it is a proposal."""

    id: int
    forum_id: str
    side: RoundSide
    subject: str
    proposal_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class SenseResults:
    """The taps per side, and the reasons given for concern (no names)."""

    taps: Mapping[Side, Mapping[Feeling, int]]
    reasons: Sequence[tuple[Side, str]]

    def answered(self, side: Side) -> int:
        """How many on ``side`` tapped."""
        return sum(self.taps.get(side, {}).values())

    def shown(self, side: Side) -> bool:
        """Whether the side's numbers may be shown (enough voices)."""
        return self.answered(side) >= MIN_SIDE_VOICES
