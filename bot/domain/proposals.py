"""Proposals: their text rules, references, status lifecycle and the outcomes of acting on them."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.config import ProposalLimits
from bot.domain.people import Side

TITLE_MAX = 120


class Status(StrEnum):
    """Where a proposal is in its life."""

    SUBMITTED = "submitted"  # waiting for a convenor's approval (youth side, flagged)
    OPEN = "open"  # open for support
    UNDER_CONSIDERATION = "under_consideration"
    ADOPTED = "adopted"  # adopted into the Community Strategy
    NOT_TAKEN_FORWARD = "not_taken_forward"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"  # by its author


# Which status may follow which. Officers move proposals on; authors may withdraw while open.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.SUBMITTED: frozenset({Status.OPEN, Status.WITHDRAWN}),
    Status.OPEN: frozenset(
        {
            Status.UNDER_CONSIDERATION,
            Status.ADOPTED,
            Status.NOT_TAKEN_FORWARD,
            Status.DELIVERED,
            Status.WITHDRAWN,
        }
    ),
    Status.UNDER_CONSIDERATION: frozenset(
        {Status.ADOPTED, Status.NOT_TAKEN_FORWARD, Status.DELIVERED}
    ),
    Status.ADOPTED: frozenset({Status.DELIVERED}),
    Status.NOT_TAKEN_FORWARD: frozenset({Status.UNDER_CONSIDERATION}),
    Status.DELIVERED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
OFFICER_TARGETS = (
    Status.UNDER_CONSIDERATION,
    Status.ADOPTED,
    Status.NOT_TAKEN_FORWARD,
    Status.DELIVERED,
)
SUPPORTABLE = frozenset({Status.OPEN, Status.UNDER_CONSIDERATION})
WITHDRAWABLE = frozenset({Status.SUBMITTED, Status.OPEN})
NOTE_REQUIRED = frozenset({Status.NOT_TAKEN_FORWARD})
NOTE_MAX = 1000


def initial_status(side: Side, meeting_input: bool, youth_need_approval: bool) -> Status:
    """A young person's proposal waits for a convenor's approval (if the council wants that);
    everything else is open for support at once. Meeting input was raised in front of a
    convenor, who is the one approving."""
    if side is Side.YOUTH and youth_need_approval and not meeting_input:
        return Status.SUBMITTED
    return Status.OPEN


def can_move(current: Status, target: Status) -> bool:
    """Whether the lifecycle allows ``current`` → ``target``."""
    return target in TRANSITIONS[current]


def officer_targets(current: Status) -> list[Status]:
    """Statuses an officer may set from ``current``, in lifecycle order."""
    return [s for s in OFFICER_TARGETS if can_move(current, s)]


# Words an officer may type in `/status P-0042 <word> <note>`, in English and Welsh.
STATUS_WORDS: dict[str, Status] = {
    "open": Status.OPEN,
    "agored": Status.OPEN,
    "consideration": Status.UNDER_CONSIDERATION,
    "considering": Status.UNDER_CONSIDERATION,
    "under_consideration": Status.UNDER_CONSIDERATION,
    "ystyried": Status.UNDER_CONSIDERATION,
    "adopted": Status.ADOPTED,
    "adopt": Status.ADOPTED,
    "mabwysiadu": Status.ADOPTED,
    "mabwysiadwyd": Status.ADOPTED,
    "not_taken_forward": Status.NOT_TAKEN_FORWARD,
    "declined": Status.NOT_TAKEN_FORWARD,
    "rejected": Status.NOT_TAKEN_FORWARD,
    "gwrthod": Status.NOT_TAKEN_FORWARD,
    "delivered": Status.DELIVERED,
    "done": Status.DELIVERED,
    "cyflawni": Status.DELIVERED,
    "cyflawnwyd": Status.DELIVERED,
}
_REFERENCE = re.compile(r"^[Pp]-?0*(\d{1,9})$")


def reference(proposal_id: int) -> str:
    """The short human reference people quote, e.g. P-0042."""
    return f"P-{proposal_id:04d}"


def parse_reference(text: str) -> int | None:
    """The proposal id in "P-0042", "p42" or "42"; None if it is not a reference."""
    text = text.strip()
    match = _REFERENCE.match(text) or re.fullmatch(r"0*(\d{1,9})", text)
    if not match:
        return None
    number = int(match[1])
    return number if number > 0 else None


@dataclass(frozen=True)
class StatusCommand:
    """`/status P-0042 adopted Some note` taken apart."""

    proposal_id: int
    status: Status | None
    note: str


def parse_status_command(args: str) -> StatusCommand | None:
    """Parse what follows /status; None when there is no proposal reference first."""
    parts = args.strip().split(maxsplit=2)
    if not parts:
        return None
    proposal_id = parse_reference(parts[0])
    if proposal_id is None:
        return None
    status = STATUS_WORDS.get(parts[1].lower().replace("-", "_")) if len(parts) > 1 else None
    if len(parts) > 1 and status is None:
        # not a status word: treat the rest as unparseable rather than as a note
        return StatusCommand(proposal_id, None, "")
    note = parts[2].strip() if len(parts) > 2 else ""
    return StatusCommand(proposal_id, status, note)


class TextProblem(StrEnum):
    """Why a proposal's text was refused."""

    EMPTY = "empty"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


def clean_text(text: str) -> str:
    """Normalise what a person typed: NFC, no control characters, trimmed lines."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [line.rstrip() for line in text.replace("\t", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def check_text(text: str, limits: ProposalLimits) -> TextProblem | None:
    """None when ``text`` (already cleaned) is an acceptable proposal."""
    if not text:
        return TextProblem.EMPTY
    if len(text) < limits.min_length:
        return TextProblem.TOO_SHORT
    if len(text) > limits.max_length:
        return TextProblem.TOO_LONG
    return None


def split_title(text: str) -> tuple[str, str]:
    """Title (the first line, shortened at a word if very long) and the detail after it."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if len(first) > TITLE_MAX:
        cut = first[: TITLE_MAX - 1].rsplit(" ", 1)[0] or first[: TITLE_MAX - 1]
        return cut + "…", text.strip()
    return first, rest.strip()


def fingerprint(text: str) -> str:
    """Same words, same fingerprint: case, spacing and punctuation at the ends ignored."""
    words = re.sub(r"\s+", " ", text.casefold()).strip(" .!?")
    return hashlib.sha256(words.encode()).hexdigest()


@dataclass(frozen=True)
class ProposalDraft:
    """A proposal about to be stored."""

    forum_id: str
    side: Side
    author_id: int | None
    text: str
    language: str
    community_id: str | None = None
    meeting_input: bool = False
    status: Status = Status.OPEN
    meeting_id: int | None = None  # the forum meeting it was raised at, when recorded from one
    photo_file_id: str | None = None  # a photo sent with it (Telegram's file id)


@dataclass(frozen=True)
class Proposal:
    """A stored proposal."""

    id: int
    forum_id: str
    side: Side
    author_id: int | None
    title: str
    detail: str
    language: str
    community_id: str | None
    status: Status
    meeting_input: bool
    support_count: int
    created_at: datetime
    status_changed_at: datetime
    hidden: bool = False
    # Open to everyone at some point: False while a young person's proposal awaits approval,
    # and for ever if it is withdrawn before it was approved (see domain/visibility.py).
    published: bool = True
    # The council's first answer: a status change past "open", or an officer's reply.
    first_answer_at: datetime | None = None
    # A photo sent with it: shown to its convenors and the council's officers only, never in
    # lists, the digest's report or open data (a picture may show people or their homes).
    photo_file_id: str | None = None

    @property
    def ref(self) -> str:
        """The human reference, e.g. P-0042."""
        return reference(self.id)


class Order(StrEnum):
    """How a list of proposals is sorted."""

    NEWEST = "n"
    MOST_SUPPORTED = "s"


@dataclass(frozen=True)
class Listed:
    """A proposal in a list, with whether the viewer supports it."""

    proposal: Proposal
    supported_by_viewer: bool


@dataclass(frozen=True)
class Page:
    """One page of a list of proposals."""

    items: tuple[Listed, ...]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        """How many pages the whole list has (at least one)."""
        return max(1, -(-self.total // self.size))


@dataclass(frozen=True)
class PageRequest:
    """Which page of a forum's proposals to show, in which order, and how many to a page."""

    forum_id: str
    order: Order
    page: int
    size: int
    open_only: bool = False  # only those still open for support
    community_id: str | None = None  # only those about this community

    @property
    def filtered(self) -> bool:
        """Whether this shows fewer than all the forum's visible proposals."""
        return self.open_only or self.community_id is not None


class CreateResult(StrEnum):
    """What happened to a proposal someone sent."""

    CREATED = "created"
    DUPLICATE = "duplicate"
    DAILY_LIMIT = "daily_limit"


@dataclass(frozen=True)
class Created:
    """The outcome of sending a proposal: the proposal stored, or the one it duplicates."""

    result: CreateResult
    proposal: Proposal | None


class SupportResult(StrEnum):
    """What happened when someone pressed Support or Withdraw support."""

    ADDED = "added"
    REMOVED = "removed"
    ALREADY = "already"
    NOT_SUPPORTING = "not_supporting"
    OWN = "own"
    CLOSED = "closed"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Supported:
    """What a Support tap did, and the page it was on as it is now (when asked for)."""

    result: SupportResult
    proposal: Proposal | None
    page: Page | None = None


class ChangeResult(StrEnum):
    """What happened when someone tried to change a proposal's status."""

    CHANGED = "changed"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"  # the lifecycle forbids it
    STALE = "stale"  # the status changed since the button was drawn
    NOT_AUTHOR = "not_author"
    NOTE_REQUIRED = "note_required"


@dataclass(frozen=True)
class StatusChange:
    """The outcome of a status change, with the proposal as it now stands."""

    result: ChangeResult
    proposal: Proposal | None
    previous: Status | None = None
