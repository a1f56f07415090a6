"""The council's answers (``store.accountability``): officers' replies, proposals awaiting a
first answer past the promise, the once-only overdue notice, and supporters who follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.domain.accountability import DECISIONS, Answer, Decision, Question
from bot.domain.notifications import Kind
from bot.domain.people import Person
from bot.domain.proposals import Proposal, Status
from bot.store.base import Part, to_db, when
from bot.store.database import Row, Tx
from bot.store.follows import record_first_answer, tell_followers
from bot.store.outbox import enqueue
from bot.store.proposals import proposal_from
from bot.store.visibility import SEEN_BY_EVERYONE

AWAITING = "p.status = 'open' AND p.first_answer_at IS NULL AND p.hidden = 0"


@dataclass(frozen=True)
class Reply:
    """An officer's reply kept in a proposal's history."""

    text: str
    created_at: datetime


@dataclass(frozen=True)
class Replied:
    """What /respond did: the proposal (None if there is none), and how many followers will
    hear besides its author."""

    proposal: Proposal | None
    author_told: bool = False
    followers_told: int = 0


def _answerable(tx: Tx, proposal: Proposal, telegram_ids: tuple[int, ...]) -> list[int]:
    """People ids of those who answer for ``proposal``: the configured ones who have joined,
    and the admins, officers and that forum side's convenors by invitation."""
    marks = ",".join("?" * len(telegram_ids)) or "NULL"
    rows = tx.all(
        f"""SELECT id FROM people WHERE telegram_id IN ({marks})
            UNION SELECT person_id FROM grants
            WHERE role IN ('admin', 'officer')
               OR (role = 'convenor' AND forum_id = ? AND side = ?)
            ORDER BY 1""",
        (*telegram_ids, proposal.forum_id, proposal.side.value),
    )
    return [row[0] for row in rows]


class Accountability(Part):
    """Whether the council answers, and in time."""

    async def respond(self, proposal_id: int, by: Person, text: str) -> Replied:
        """Keep an officer's reply, count it as the first answer if it is one, and queue it
        for the author and the supporters following, all in one transaction."""
        now = self._now()

        def work(tx: Tx) -> Replied:
            row = tx.one("SELECT * FROM proposals WHERE id = ?", (proposal_id,))
            if row is None:
                return Replied(None)
            proposal = proposal_from(row)
            reply_id = tx.scalar(
                """INSERT INTO responses (proposal_id, officer_id, text, created_at)
                   VALUES (?, ?, ?, ?) RETURNING id""",
                (proposal_id, by.id, text, now),
            )
            if proposal.status is not Status.WITHDRAWN:
                record_first_answer(tx, proposal_id, now)
            payload = {"proposal_id": proposal_id, "title": proposal.title, "text": text}
            key = f"reply:{reply_id}"
            author_told = proposal.author_id not in (None, by.id)
            if author_told:
                enqueue(tx, now, proposal.author_id, Kind.REPLY, payload, key)
            skip = (proposal.author_id, by.id)
            told = tell_followers(tx, proposal_id, skip, Kind.REPLY, payload, key, now)
            return Replied(proposal, author_told, told)

        return await self._db.write(work)

    async def replies(self, proposal_id: int) -> list[Reply]:
        """Officers' replies to a proposal, oldest first."""
        rows = await self._db.all(
            "SELECT text, created_at FROM responses WHERE proposal_id = ? ORDER BY id",
            (proposal_id,),
        )
        return [Reply(r["text"], when(r["created_at"])) for r in rows]

    async def overdue(self, sent_before: datetime, limit: int = 200) -> list[Proposal]:
        """Proposals still awaiting a first answer that were sent before ``sent_before``
        (see ``domain.accountability.sent_before_for_overdue``), oldest first."""
        rows = await self._db.all(
            f"SELECT * FROM proposals p WHERE {AWAITING} AND p.created_at < ? "
            "ORDER BY p.created_at, p.id LIMIT ?",
            (to_db(sent_before), limit),
        )
        return [proposal_from(r) for r in rows]

    async def flag_overdue(
        self, sent_before: datetime, configured: dict[tuple[str, str], tuple[int, ...]]
    ) -> list[Proposal]:
        """Mark proposals that have just become overdue and queue one notice for each of the
        people who answer for them — the Telegram ids ``configured[(forum_id, side)]`` (that
        side's convenors, officers and admins from the config) and everyone given one of those
        roles by invitation — once per proposal, never again, in one transaction."""
        now = self._now()

        def work(tx: Tx) -> list[Proposal]:
            rows = tx.all(
                f"""UPDATE proposals AS p SET overdue_notified_at = ?
                    WHERE {AWAITING} AND p.created_at < ? AND p.overdue_notified_at IS NULL
                    RETURNING *""",
                (now, to_db(sent_before)),
            )
            flagged = sorted((proposal_from(r) for r in rows), key=lambda p: p.id)
            for proposal in flagged:
                telegram_ids = configured.get((proposal.forum_id, proposal.side.value), ())
                payload = {
                    "proposal_id": proposal.id,
                    "title": proposal.title,
                    "forum_id": proposal.forum_id,
                }
                for person_id in _answerable(tx, proposal, telegram_ids):
                    key = f"overdue:{proposal.id}:{person_id}"
                    enqueue(tx, now, person_id, Kind.OVERDUE, payload, key)
            return flagged

        return await self._db.write(work, record_update=False)

    async def newly_overdue(self, sent_before: datetime) -> bool:
        """Whether any proposal has become overdue and not been flagged yet (cheap: asked every
        minute by the tick)."""
        found = await self._db.scalar(
            f"""SELECT 1 FROM proposals p WHERE {AWAITING} AND p.created_at < ?
                AND p.overdue_notified_at IS NULL LIMIT 1""",
            (to_db(sent_before),),
        )
        return bool(found)

    async def set_following(self, proposal_id: int, person: Person, following: bool) -> bool:
        """Follow (or stop following) a proposal one supports; False if they do not support
        it (there is nothing to follow)."""
        changed = await self._db.write(
            lambda tx: tx.execute(
                "UPDATE supports SET following = ? WHERE proposal_id = ? AND person_id = ?",
                (int(following), proposal_id, person.id),
            )
        )
        return bool(changed)


@dataclass(frozen=True)
class FollowUp:
    """An author's answers to "did it close the loop?" so far."""

    clear: Answer | None = None
    happened: Answer | None = None
    comment: str | None = None


def _decided_for(tx: Tx, proposal_id: int, person: Person) -> Row | None:
    """The proposal, if ``person`` is its author and it still stands decided and visible."""
    row = tx.one("SELECT * FROM proposals WHERE id = ?", (proposal_id,))
    if row is None or row["author_id"] != person.id or row["hidden"]:
        return None
    return row if Status(row["status"]) in DECISIONS else None


class FollowUps(Part):
    """``store.follow_ups``: the authors' answers four weeks after a decision."""

    async def still_asked(self, proposal_id: int, person_id: int | None) -> bool:
        """Whether the question may still go: decided, visible, and the author unchanged."""
        row = await self._db.one("SELECT * FROM proposals WHERE id = ?", (proposal_id,))
        return (
            row is not None
            and not row["hidden"]
            and row["author_id"] == person_id
            and Status(row["status"]) in DECISIONS
        )

    async def answer(
        self, proposal_id: int, person: Person, question: Question, answer: Answer
    ) -> FollowUp | None:
        """Keep one tap (a second tap changes the answer, never adds one); None if the
        question no longer stands (not theirs, hidden, the decision reversed, forgotten)."""
        now = self._now()
        column = "clear" if question is Question.CLEAR else "happened"

        def work(tx: Tx) -> FollowUp | None:
            row = _decided_for(tx, proposal_id, person)
            if row is None:
                return None
            tx.execute(
                f"""INSERT INTO follow_ups (proposal_id, author_id, side, {column}, answered_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (proposal_id) DO UPDATE SET {column} = excluded.{column},
                        answered_at = excluded.answered_at""",
                (proposal_id, person.id, row["side"], answer.value, now),
            )
            return _follow_up(tx, proposal_id)

        return await self._db.write(work)

    async def comment(self, proposal_id: int, person: Person, text: str) -> bool:
        """Keep the author's optional comment; False if the question no longer stands."""
        now = self._now()

        def work(tx: Tx) -> bool:
            row = _decided_for(tx, proposal_id, person)
            if row is None:
                return False
            tx.execute(
                """INSERT INTO follow_ups (proposal_id, author_id, side, comment, answered_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (proposal_id) DO UPDATE SET comment = excluded.comment,
                       answered_at = excluded.answered_at""",
                (proposal_id, person.id, row["side"], text, now),
            )
            return True

        return await self._db.write(work)


def _follow_up(tx: Tx, proposal_id: int) -> FollowUp:
    row = tx.one(
        "SELECT clear, happened, comment FROM follow_ups WHERE proposal_id = ?", (proposal_id,)
    )
    if row is None:
        return FollowUp()
    return FollowUp(
        Answer(row["clear"]) if row["clear"] else None,
        Answer(row["happened"]) if row["happened"] else None,
        row["comment"],
    )


_DECISIONS = f"""
    SELECT * FROM (
        SELECT p.id AS proposal_id, p.forum_id, p.side, p.title, h.to_status AS status,
               h.note AS words, h.changed_at AS at
        FROM status_history h JOIN proposals p ON p.id = h.proposal_id
        WHERE h.to_status IN ('under_consideration', 'adopted', 'not_taken_forward', 'delivered')
          AND {SEEN_BY_EVERYONE}
        UNION ALL
        SELECT p.id, p.forum_id, p.side, p.title, NULL, r.text, r.created_at
        FROM responses r JOIN proposals p ON p.id = r.proposal_id
        WHERE {SEEN_BY_EVERYONE})
    WHERE forum_id IN ({{forums}}) AND side IN ({{sides}}) AND at >= ? AND at < ?
    ORDER BY at DESC, proposal_id DESC"""


class Decisions(Part):
    """``store.decisions``: the council's decisions and replies, newest first."""

    async def page(
        self,
        scopes: list[tuple[str, str]],
        offset: int,
        limit: int,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[list[Decision], int]:
        """Decisions and replies in these forum sides between ``since`` and ``until``, and how
        many there are in all (for paging)."""
        if not scopes:
            return [], 0
        forums = sorted({forum for forum, _ in scopes})
        sides = sorted({side for _, side in scopes})
        sql = _DECISIONS.format(
            forums=",".join("?" * len(forums)), sides=",".join("?" * len(sides))
        )
        span = (to_db(since or datetime(2000, 1, 1, tzinfo=UTC)), to_db(until or _FAR))
        params = (*forums, *sides, *span)

        def work(tx: Tx) -> tuple[list[Decision], int]:
            rows = [r for r in tx.all(sql, params) if (r["forum_id"], r["side"]) in scopes]
            shown = rows[offset : offset + limit]
            return [_decision(r) for r in shown], len(rows)

        return await self._db.read(work)


_FAR = datetime(9999, 1, 1, tzinfo=UTC)


def _decision(row: Row) -> Decision:
    return Decision(
        row["proposal_id"], row["forum_id"], row["side"], row["title"],
        Status(row["status"]) if row["status"] else None, row["words"], when(row["at"]),
    )  # fmt: skip
