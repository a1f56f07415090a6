"""Proposals, supports and status history."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.accountability import ANSWERS, DECISIONS
from bot.domain.notifications import Kind
from bot.domain.people import Person, Side
from bot.domain.proposals import (
    SUPPORTABLE,
    ChangeResult,
    Created,
    CreateResult,
    Listed,
    Order,
    Page,
    PageRequest,
    Proposal,
    ProposalDraft,
    Status,
    StatusChange,
    Supported,
    SupportResult,
    can_move,
    fingerprint,
    split_title,
)
from bot.store.base import Part, to_db, when
from bot.store.conversations import end_conversation
from bot.store.database import Row, Tx
from bot.store.follows import record_first_answer, tell_followers
from bot.store.outbox import enqueue
from bot.store.privacy import telegram_key

DUPLICATE_WINDOW = timedelta(days=1)
# Lists of proposals to browse and support: neither hidden, withdrawn nor waiting for approval
# (so only proposals everyone may see: store/visibility.py).
VISIBLE = "p.hidden = 0 AND p.status NOT IN ('withdrawn', 'submitted')"


def _filters(request: PageRequest) -> tuple[str, tuple[object, ...]]:
    """The extra conditions (and their parameters) of a filtered list."""
    clauses = ""
    params: tuple[object, ...] = ()
    if request.open_only:
        statuses = ", ".join(f"'{s.value}'" for s in sorted(SUPPORTABLE))
        clauses += f" AND p.status IN ({statuses})"
    if request.community_id is not None:
        clauses, params = clauses + " AND p.community_id = ?", (request.community_id,)
    return clauses, params


def page_query(order: Order, filters: str = "") -> str:
    """One page of a forum's visible proposals; parameters: viewer, forum, the ``filters``'
    parameters, limit, offset.

    Both orders are read straight from a partial index (migration 7), so a page costs the
    same in a forum of fifty proposals or fifty thousand (a filter walks the same index).
    """
    sort = (
        "p.support_count DESC, p.created_at DESC, p.id DESC"
        if order is Order.MOST_SUPPORTED
        else "p.created_at DESC, p.id DESC"
    )
    return f"""SELECT p.*, EXISTS (SELECT 1 FROM supports s WHERE s.proposal_id = p.id
                                  AND s.person_id = ?) AS mine
               FROM proposals p WHERE p.forum_id = ? AND {VISIBLE}{filters}
               ORDER BY {sort} LIMIT ? OFFSET ?"""


def _read_page(
    tx: Tx, request: PageRequest, viewer_id: int | None, known_total: int | None
) -> Page:
    """One page (the last one if ``request.page`` is past the end), on the connection's thread."""
    filters, params = _filters(request)
    if known_total is None or request.filtered:
        total = _visible_count(tx, request.forum_id, filters, params)
    else:
        total = known_total
    size = request.size
    shown = min(max(request.page, 0), max(0, (total - 1) // size))
    rows = tx.all(
        page_query(request.order, filters),
        (viewer_id, request.forum_id, *params, size, shown * size),
    )
    items = tuple(Listed(proposal_from(r), bool(r["mine"])) for r in rows)
    return Page(items=items, total=total, page=shown, size=size)


def _change_support(
    tx: Tx, proposal_id: int, person_id: int, side: Side, support: bool, now: str
) -> tuple[SupportResult, Proposal | None]:
    """Add or remove one person's support, keeping the proposal's count in step."""
    row = tx.one("SELECT * FROM proposals WHERE id = ?", (proposal_id,))
    if row is None or row["hidden"] or not row["published"]:
        return SupportResult.NOT_FOUND, None  # as if there were none (domain/visibility.py)
    proposal = proposal_from(row)
    if proposal.author_id == person_id:
        return SupportResult.OWN, proposal
    if support and proposal.status not in SUPPORTABLE:
        return SupportResult.CLOSED, proposal
    if support:
        changed = tx.execute(
            """INSERT INTO supports (proposal_id, person_id, side, created_at)
               VALUES (?, ?, ?, ?) ON CONFLICT (proposal_id, person_id) DO NOTHING""",
            (proposal_id, person_id, side.value, now),
        )
    else:
        changed = tx.execute(
            "DELETE FROM supports WHERE proposal_id = ? AND person_id = ?",
            (proposal_id, person_id),
        )
    if changed == 0:
        return (SupportResult.ALREADY if support else SupportResult.NOT_SUPPORTING), proposal
    updated = tx.one(
        "UPDATE proposals SET support_count = support_count + ? WHERE id = ? RETURNING *",
        (1 if support else -1, proposal_id),
    )
    assert updated is not None
    return (SupportResult.ADDED if support else SupportResult.REMOVED), proposal_from(updated)


def _visible_count(
    tx: Tx, forum_id: str, filters: str = "", params: tuple[object, ...] = ()
) -> int:
    """How many proposals a forum shows (a walk over the forum's index, hence cached when
    the list is not filtered)."""
    query = f"SELECT COUNT(*) FROM proposals p WHERE p.forum_id = ? AND {VISIBLE}{filters}"
    return int(tx.scalar(query, (forum_id, *params)) or 0)


def _duplicate(tx: Tx, author_id: int, text_hash: str, now: datetime) -> Proposal | None:
    """The author's same text from the last day, if they sent it already."""
    row = tx.one(
        """SELECT * FROM proposals WHERE author_id = ? AND text_hash = ?
               AND created_at >= ? AND status != 'withdrawn'
           ORDER BY id LIMIT 1""",
        (author_id, text_hash, to_db(now - DUPLICATE_WINDOW)),
    )
    return proposal_from(row) if row else None


def _count_since(tx: Tx, author_id: int, since: datetime) -> int:
    """How many proposals (not meeting input) the author has sent since ``since``, counting
    those they sent before a /forget (kept for a day under a hash of their Telegram id)."""
    telegram_id = tx.scalar("SELECT telegram_id FROM people WHERE id = ?", (author_id,))
    key = telegram_key(telegram_id) if telegram_id is not None else ""
    count = tx.scalar(
        """SELECT (SELECT COUNT(*) FROM proposals
                   WHERE author_id = ? AND created_at >= ? AND meeting_input = 0)
                + (SELECT COUNT(*) FROM departed_posts
                   WHERE telegram_key = ? AND created_at >= ?)""",
        (author_id, to_db(since), key, to_db(since)),
    )
    return int(count or 0)


def proposal_from(row: Row) -> Proposal:
    """A Proposal from a ``proposals`` row."""
    return Proposal(
        id=row["id"],
        forum_id=row["forum_id"],
        side=Side(row["side"]),
        author_id=row["author_id"],
        title=row["title"],
        detail=row["detail"],
        language=row["language"],
        community_id=row["community_id"],
        status=Status(row["status"]),
        meeting_input=bool(row["meeting_input"]),
        support_count=row["support_count"],
        created_at=when(row["created_at"]),
        status_changed_at=when(row["status_changed_at"]),
        hidden=bool(row["hidden"]),
        published=bool(row["published"]),
        first_answer_at=when(row["first_answer_at"]) if row["first_answer_at"] else None,
        photo_file_id=row["photo_file_id"],
    )


class Proposals(Part):
    """What residents propose and support, and what the council decides."""

    async def create(
        self,
        draft: ProposalDraft,
        day_started: datetime,
        per_day: int,
        ends_conversation: bool = False,
    ) -> Created:
        """Store a proposal unless it repeats one of the author's from the last day, or the
        author has reached today's limit; checked and written in one transaction.

        ``ends_conversation``: the author wrote it in the private flow, which ends in the same
        transaction when the proposal is stored (or found to be a repeat), and stays open when
        the daily limit keeps it for tomorrow.
        """
        now = self._clock.now()
        title, detail = split_title(draft.text)
        text_hash = fingerprint(draft.text)

        ending = draft.author_id if ends_conversation else None

        def store(tx: Tx) -> Created:
            if draft.author_id is not None:
                existing = _duplicate(tx, draft.author_id, text_hash, now)
                if existing is not None:
                    return Created(CreateResult.DUPLICATE, existing)
                if (
                    not draft.meeting_input
                    and _count_since(tx, draft.author_id, day_started) >= per_day
                ):
                    return Created(CreateResult.DAILY_LIMIT, None)
            row = tx.one(
                """INSERT INTO proposals (forum_id, side, author_id, title, detail, language,
                       community_id, status, meeting_input, text_hash, created_at,
                       status_changed_at, published, meeting_id, photo_file_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *""",
                (
                    draft.forum_id, draft.side.value, draft.author_id, title, detail,
                    draft.language, draft.community_id, draft.status.value,
                    int(draft.meeting_input), text_hash, to_db(now), to_db(now),
                    int(draft.status is not Status.SUBMITTED), draft.meeting_id,
                    draft.photo_file_id,
                ),
            )  # fmt: skip
            assert row is not None
            tx.execute(
                """INSERT INTO status_history (proposal_id, from_status, to_status, changed_by,
                       changed_at) VALUES (?, NULL, ?, ?, ?)""",
                (row["id"], draft.status.value, draft.author_id, to_db(now)),
            )
            return Created(CreateResult.CREATED, proposal_from(row))

        def work(tx: Tx) -> Created:
            created = store(tx)
            if ending is not None and created.result is not CreateResult.DAILY_LIMIT:
                end_conversation(tx, ending)
            return created

        created = await self._db.write(work)
        self._cache.proposal_added(draft.forum_id)
        if ending is not None and created.result is not CreateResult.DAILY_LIMIT:
            self._cache.conversation_ended(ending)
        return created

    async def get(self, proposal_id: int) -> Proposal | None:
        """The proposal with this id, whatever its status."""
        row = await self._db.one("SELECT * FROM proposals WHERE id = ?", (proposal_id,))
        return proposal_from(row) if row else None

    async def listed(self, proposal_id: int, viewer_id: int | None) -> Listed | None:
        """One proposal with whether the viewer supports it (for its own view)."""
        row = await self._db.one(
            """SELECT p.*, EXISTS (SELECT 1 FROM supports s WHERE s.proposal_id = p.id
                                   AND s.person_id = ?) AS mine
               FROM proposals p WHERE p.id = ?""",
            (viewer_id, proposal_id),
        )
        return Listed(proposal_from(row), bool(row["mine"])) if row is not None else None

    async def page(self, request: PageRequest, viewer_id: int | None) -> Page:
        """A page of a forum's visible proposals, with whether the viewer supports each."""
        known_total = self._cache.visible_counts.get(request.forum_id)
        listing = await self._db.read(lambda tx: _read_page(tx, request, viewer_id, known_total))
        if not request.filtered:
            self._cache.visible_counts[request.forum_id] = listing.total
        return listing

    async def by_author(self, person: Person, limit: int = 20) -> list[Proposal]:
        """The person's own proposals, newest first."""
        rows = await self._db.all(
            "SELECT * FROM proposals WHERE author_id = ? ORDER BY id DESC LIMIT ?",
            (person.id, limit),
        )
        return [proposal_from(r) for r in rows]

    async def set_support(
        self,
        proposal_id: int,
        person: Person,
        side: Side,
        support: bool,
        then_show: PageRequest | None = None,
    ) -> Supported:
        """Support (or stop supporting) a proposal: once per person, never one's own.

        ``then_show``: the page the button was on, read back in the same trip to the database
        (a tap redraws its page, so this saves a round trip on the busiest button).
        """
        now = self._now()
        known_total = self._cache.visible_counts.get(then_show.forum_id) if then_show else None

        def work(tx: Tx) -> Supported:
            result, proposal = _change_support(tx, proposal_id, person.id, side, support, now)
            if then_show is None or result is SupportResult.NOT_FOUND:
                return Supported(result, proposal)
            return Supported(result, proposal, _read_page(tx, then_show, person.id, known_total))

        outcome = await self._db.write(work)
        if then_show is not None and outcome.page is not None and not then_show.filtered:
            self._cache.visible_counts[then_show.forum_id] = outcome.page.total
        return outcome

    async def change_status(
        self,
        proposal_id: int,
        target: Status,
        by: Person,
        note: str,
        expected: Status | None = None,
        author_only: bool = False,
        follow_up_at: datetime | None = None,
    ) -> StatusChange:
        """Move a proposal on, keep the history, and queue the author's notification, all in
        one transaction; the lifecycle rules come from the domain. With ``follow_up_at``, a
        decision also queues the author's "did it close the loop?" question for then (once
        per proposal: a later decision does not ask again)."""
        now = self._now()

        def work(tx: Tx) -> StatusChange:
            row = tx.one("SELECT * FROM proposals WHERE id = ?", (proposal_id,))
            if row is None:
                return StatusChange(ChangeResult.NOT_FOUND, None)
            proposal = proposal_from(row)
            problem = _change_problem(proposal, target, by, note, expected, author_only)
            if problem is not None:
                return StatusChange(problem, proposal, proposal.status)
            updated = tx.one(
                """UPDATE proposals SET status = ?, status_changed_at = ?,
                       published = MAX(published, ?) WHERE id = ? RETURNING *""",
                (target.value, now, int(target is Status.OPEN), proposal_id),
            )
            history_id = tx.scalar(
                """INSERT INTO status_history (proposal_id, from_status, to_status,
                       changed_by, note, changed_at)
                   VALUES (?, ?, ?, ?, ?, ?) RETURNING id""",
                (proposal_id, proposal.status.value, target.value, by.id, note or None, now),
            )
            assert updated is not None and history_id is not None
            if proposal.status is Status.OPEN and target in ANSWERS:
                record_first_answer(tx, proposal_id, now)
                updated = tx.one("SELECT * FROM proposals WHERE id = ?", (proposal_id,))
                assert updated is not None
            payload = {
                "proposal_id": proposal_id,
                "title": proposal.title,
                "from": proposal.status.value,
                "to": target.value,
                "note": note,
            }
            key = f"status:{history_id}"
            if proposal.author_id is not None and proposal.author_id != by.id:
                enqueue(tx, now, proposal.author_id, Kind.STATUS_CHANGE, payload, key)
                if follow_up_at is not None and target in DECISIONS:
                    ask = {"proposal_id": proposal_id, "title": proposal.title}
                    enqueue(
                        tx, now, proposal.author_id, Kind.FOLLOW_UP, ask,
                        f"followup:{proposal_id}", not_before=follow_up_at,
                    )  # fmt: skip
            if target is not Status.OPEN:  # an approval is no news to supporters (there are none)
                skip = (proposal.author_id, by.id)
                tell_followers(tx, proposal_id, skip, Kind.STATUS_CHANGE, payload, key, now)
            return StatusChange(ChangeResult.CHANGED, proposal_from(updated), proposal.status)

        change = await self._db.write(work)
        if change.result is ChangeResult.CHANGED:
            self._cache.visibility_changed()  # withdrawn and approved proposals change what shows
        return change

    async def history(self, proposal_id: int) -> list[tuple[str | None, str, str | None]]:
        """(from, to, note) for every change of a proposal, oldest first."""
        rows = await self._db.all(
            "SELECT from_status, to_status, note FROM status_history WHERE proposal_id = ? "
            "ORDER BY id",
            (proposal_id,),
        )
        return [(r["from_status"], r["to_status"], r["note"]) for r in rows]


def _change_problem(
    proposal: Proposal,
    target: Status,
    by: Person,
    note: str,
    expected: Status | None,
    author_only: bool,
) -> ChangeResult | None:
    if author_only and proposal.author_id != by.id:
        return ChangeResult.NOT_AUTHOR
    if expected is not None and proposal.status != expected:
        return ChangeResult.STALE
    if not can_move(proposal.status, target):
        return ChangeResult.NOT_ALLOWED
    if target is Status.NOT_TAKEN_FORWARD and not note.strip():
        return ChangeResult.NOTE_REQUIRED
    return None
