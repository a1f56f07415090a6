"""What the store keeps in memory, and what makes each piece stale.

Every update needs its sender's profile, memberships and grants, and every text message asks
which flow the person is in: answering those from memory saves a database round trip each.
This is safe because only this process writes (the command-line tools only read). The parts
fill the cache after a read and call the named methods below once a write has committed; all
of it happens on the event loop's thread.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from bot.domain.people import Person
from bot.domain.prompts import Prompt

Grant = tuple[str, str | None, str | None]  # (role, forum_id, side) granted by invitation


class StoredFlow(NamedTuple):
    """A pending conversation as stored: the flow, its data as JSON, when it last changed."""

    flow: str
    data: str
    updated_at: str


class Cache:
    """Read-through memory of the rows every update asks about."""

    def __init__(self) -> None:
        # By Telegram id; None remembers "has not consented" too.
        self.people: dict[int, Person | None] = {}
        # By person id.
        self.memberships: dict[int, frozenset[str]] = {}
        self.grants: dict[int, frozenset[Grant]] = {}
        self.conversations: dict[int, StoredFlow | None] = {}
        # The day each person was last noted as active (retention counts from it).
        self.seen_on: dict[int, date] = {}
        # Prompts never change once sent.
        self.prompts: dict[int, Prompt] = {}
        # How many proposals each forum shows (by forum id).
        self.visible_counts: dict[str, int] = {}
        # The highest update id recorded (None until first asked).
        self.newest_update: int | None = None

    # ---- people ------------------------------------------------------------------------

    def person_saved(self, person: Person) -> None:
        """A person's row was written and read back."""
        self.people[person.telegram_id] = person

    def person_changed(self, telegram_id: int) -> None:
        """A person's row changed in a way the caller did not read back."""
        self.people.pop(telegram_id, None)

    def person_deleted(self, person_id: int, telegram_id: int | None) -> None:
        """A person's rows were deleted: forget everything about them."""
        if telegram_id is not None:
            self.people.pop(telegram_id, None)
        self.memberships.pop(person_id, None)
        self.grants.pop(person_id, None)
        self.conversations.pop(person_id, None)

    def memberships_changed(self, person_id: int) -> None:
        """The person joined or left a forum."""
        self.memberships.pop(person_id, None)

    def forums_changed(self) -> None:
        """Forums appeared or became inactive: every membership list may differ."""
        self.memberships.clear()

    def grants_changed(self, person_id: int) -> None:
        """The person was granted a role."""
        self.grants.pop(person_id, None)

    # ---- conversations -----------------------------------------------------------------

    def conversation_set(self, person_id: int, stored: StoredFlow) -> None:
        """The person's flow was written (written through: no need to read it back)."""
        self.conversations[person_id] = stored

    def conversation_ended(self, person_id: int) -> None:
        """The person's flow was deleted: they are in none."""
        self.conversations[person_id] = None

    # ---- proposals ---------------------------------------------------------------------

    def proposal_added(self, forum_id: str) -> None:
        """A proposal was stored in this forum (it may show there)."""
        self.visible_counts.pop(forum_id, None)

    def visibility_changed(self) -> None:
        """Proposals were hidden, restored, withdrawn or approved: any forum's count may
        differ."""
        self.visible_counts.clear()

    # ---- updates -----------------------------------------------------------------------

    def update_recorded(self, update_id: int) -> None:
        """A transaction recording this update id committed."""
        if self.newest_update is not None:
            self.newest_update = max(self.newest_update, update_id)
