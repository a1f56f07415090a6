"""Conversations for finding common ground: rounds, statements and votes (``store.rounds``).

A round is stored with its statements; members vote through a per-round voter number
(``round_voters``), so the votes stay counted and unlinked after /forget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.common_ground import (
    Cast,
    Round,
    RoundSide,
    Statement,
    StatementProblem,
    StatementState,
    Vote,
    VoteOutcome,
    Voter,
    next_statement,
    statement_problem,
)
from bot.domain.notifications import Kind
from bot.domain.people import Person, Side
from bot.domain.prompts import PromptText
from bot.domain.roles import Scope
from bot.store.base import Part, placeholders, to_db, when
from bot.store.database import Row, Tx
from bot.store.moderation import log_action
from bot.store.outbox import enqueue, queue_to_members, side_members


def _round_from(row: Row) -> Round:
    return Round(
        id=row["id"],
        forum_id=row["forum_id"],
        side=RoundSide(row["side"]),
        question=PromptText(row["question_cy"], row["question_en"]),
        created_by=row["created_by"],
        opened_at=when(row["opened_at"]),
        closes_at=when(row["closes_at"]),
    )


def _statement_from(row: Row) -> Statement:
    return Statement(
        id=row["id"],
        round_id=row["round_id"],
        text=row["text"],
        language=row["language"],
        side=Side(row["side"]) if row["side"] else None,
        state=StatementState(row["state"]),
        created_at=when(row["created_at"]),
    )


@dataclass(frozen=True)
class Dealt:
    """The next statement for a member to vote on (None when none is left) and how many remain
    after it."""

    statement: Statement | None
    remaining: int


@dataclass(frozen=True)
class RoundVotes:
    """What the analysis needs: shown statements, voters (no ids) and their votes."""

    statements: list[int]
    voters: list[Voter]
    votes: list[Cast]


def _voter(tx: Tx, round_id: int, person: Person, side: Side) -> int:
    """Within a write: this person's voter number in the round (made on their first vote).

    Their community is where their own proposals are tagged most often, if anywhere.
    """
    found = tx.scalar(
        "SELECT id FROM round_voters WHERE round_id = ? AND person_id = ?", (round_id, person.id)
    )
    if found is not None:
        return int(found)
    community = tx.scalar(
        """SELECT community_id FROM proposals WHERE author_id = ? AND community_id IS NOT NULL
           GROUP BY community_id ORDER BY COUNT(*) DESC, MAX(created_at) DESC LIMIT 1""",
        (person.id,),
    )
    row = tx.one(
        """INSERT INTO round_voters (round_id, person_id, side, community_id)
           VALUES (?, ?, ?, ?) RETURNING id""",
        (round_id, person.id, side.value, community),
    )
    assert row is not None
    return int(row["id"])


def _tell_reviewers(
    tx: Tx, now: str, statement_id: int, telegram_ids: Sequence[int], why: str
) -> None:
    """Within a write: tell the statement's reviewers (the configured ones who have joined,
    convenors of its forum side by invitation, admins) once per statement and reason."""
    row = tx.one(
        """SELECT r.forum_id, COALESCE(s.side, 'adult') AS side FROM statements s
           JOIN rounds r ON r.id = s.round_id WHERE s.id = ?""",
        (statement_id,),
    )
    assert row is not None
    rows = tx.all(
        f"""SELECT id FROM people WHERE telegram_id IN ({placeholders(telegram_ids)})
            UNION SELECT person_id FROM grants WHERE role = 'admin'
               OR (role = 'convenor' AND forum_id = ? AND side = ?)""",
        (*telegram_ids, row["forum_id"], row["side"]),
    )
    for found in rows:
        person_id = int(found[0])
        enqueue(
            tx, now, person_id, Kind.STATEMENT_REVIEW,
            {"statement_id": statement_id, "why": why},
            f"statement_review:{why}:{statement_id}:{person_id}",
        )  # fmt: skip


class Rounds(Part):
    """Conversations: what convenors ask, the statements members add and their votes."""

    async def open(
        self,
        forum_id: str,
        side: RoundSide,
        question: PromptText,
        by: int | None,
        closes_at: datetime,
        seeds: Sequence[tuple[str, str]],
        youth_bands: Sequence[str],
        not_before: datetime,
    ) -> tuple[Round, int]:
        """Open a conversation with the convenor's starting statements (text, language) and
        queue the invitation for every member on its side(s) who takes prompts: one
        transaction. Returns the round and how many it went to."""
        now = self._now()

        def work(tx: Tx) -> tuple[Round, int]:
            row = tx.one(
                """INSERT INTO rounds (forum_id, side, question_cy, question_en, created_by,
                       opened_at, closes_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *""",
                (forum_id, side.value, question.cy, question.en, by, now, to_db(closes_at)),
            )
            assert row is not None
            found = _round_from(row)
            tx.executemany(
                """INSERT INTO statements (round_id, author_id, side, language, text, state,
                       created_at) VALUES (?, ?, NULL, ?, ?, 'shown', ?)""",
                [(found.id, by, language, text, now) for text, language in seeds],
            )
            members = side_members(forum_id, side.value, youth_bands, prompts_only=True)
            sent = queue_to_members(
                tx, Kind.ROUND, {"round_id": found.id}, f"round:{found.id}", now, not_before,
                members,
            )  # fmt: skip
            return found, sent

        return await self._db.write(work)

    async def get(self, round_id: int) -> Round | None:
        """One conversation."""
        row = await self._db.one("SELECT * FROM rounds WHERE id = ?", (round_id,))
        return _round_from(row) if row else None

    async def of(self, scopes: Sequence[Scope], limit: int = 8) -> list[Round]:
        """The newest conversations a convenor may see (any of their forum sides)."""
        forums = sorted({scope.forum_id for scope in scopes})
        rows = await self._db.all(
            f"""SELECT * FROM rounds WHERE forum_id IN ({placeholders(forums)})
                ORDER BY id DESC LIMIT ?""",
            (*forums, limit * 4),
        )
        sides = {(scope.forum_id, scope.side) for scope in scopes}
        found = [_round_from(row) for row in rows]
        return [r for r in found if any(r.side.includes(s) for f, s in sides if f == r.forum_id)][
            :limit
        ]

    async def statements(
        self, round_id: int, states: Sequence[StatementState] = (StatementState.SHOWN,)
    ) -> list[Statement]:
        """A conversation's statements in these states, oldest first."""
        rows = await self._db.all(
            f"""SELECT * FROM statements WHERE round_id = ? AND state IN ({placeholders(states)})
                ORDER BY id""",
            (round_id, *states),
        )
        return [_statement_from(row) for row in rows]

    async def statement(self, statement_id: int) -> Statement | None:
        """One statement."""
        row = await self._db.one("SELECT * FROM statements WHERE id = ?", (statement_id,))
        return _statement_from(row) if row else None

    async def add_statement(
        self,
        round_id: int,
        person: Person,
        side: Side,
        text: str,
        language: str,
        reviewers: Sequence[int] | None = None,
    ) -> Statement | StatementProblem:
        """A member's statement, checked against their earlier ones in the same conversation
        (near-duplicates refused) and stored in one transaction. With ``reviewers`` (Telegram
        ids) it waits for approval, and they are told in the same transaction."""
        waiting = reviewers is not None
        now = self._now()

        def work(tx: Tx) -> Statement | StatementProblem:
            earlier = [
                row[0]
                for row in tx.all(
                    "SELECT text FROM statements WHERE round_id = ? AND author_id = ?",
                    (round_id, person.id),
                )
            ]
            problem = statement_problem(text, earlier)
            if problem is not None:
                return problem
            row = tx.one(
                """INSERT INTO statements (round_id, author_id, side, language, text, state,
                       created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *""",
                (round_id, person.id, side.value, language, text.strip(),
                 (StatementState.WAITING if waiting else StatementState.SHOWN).value, now),
            )  # fmt: skip
            assert row is not None
            if reviewers is not None:
                _tell_reviewers(tx, now, row["id"], reviewers, "approval")
            return _statement_from(row)

        return await self._db.write(work)

    async def deal(self, found: Round, person: Person) -> Dealt:
        """The next statement for this member: one they have not voted on, reported or written,
        among those with the fewest votes, chosen with a reproducible seed."""

        def work(tx: Tx) -> Dealt:
            voter = tx.scalar(
                "SELECT id FROM round_voters WHERE round_id = ? AND person_id = ?",
                (found.id, person.id),
            )
            rows = tx.all(
                """SELECT s.id, (SELECT COUNT(*) FROM votes v WHERE v.statement_id = s.id)
                   FROM statements s
                   WHERE s.round_id = ? AND s.state = 'shown'
                     AND COALESCE(s.author_id, 0) != ?
                     AND NOT EXISTS (SELECT 1 FROM votes v
                                     WHERE v.statement_id = s.id AND v.voter_id = ?)
                     AND NOT EXISTS (SELECT 1 FROM statement_reports r
                                     WHERE r.statement_id = s.id AND r.voter_id = ?)""",
                (found.id, person.id, voter or 0, voter or 0),
            )
            counts = {int(row[0]): int(row[1]) for row in rows}
            chosen = next_statement(list(counts), counts, seed=found.id * 7919 + person.id)
            if chosen is None:
                return Dealt(None, 0)
            row = tx.one("SELECT * FROM statements WHERE id = ?", (chosen,))
            assert row is not None
            return Dealt(_statement_from(row), len(counts) - 1)

        return await self._db.read(work)

    async def vote(
        self,
        statement_id: int,
        person: Person,
        side: Side,
        vote: Vote | None,
        reviewers: Sequence[int] = (),
    ) -> tuple[VoteOutcome, Round | None]:
        """Record (or change) a vote; ``None`` reports the statement instead (its
        ``reviewers`` are told, once). One transaction; a vote counts once per person and
        statement, however often the button is pressed."""
        now = self._now()
        instant = self._clock.now()

        def work(tx: Tx) -> tuple[VoteOutcome, Round | None]:
            row = tx.one(
                """SELECT s.state, s.author_id, r.*, EXISTS (
                       SELECT 1 FROM memberships m
                       WHERE m.person_id = ? AND m.forum_id = r.forum_id) AS member
                   FROM statements s JOIN rounds r ON r.id = s.round_id WHERE s.id = ?""",
                (person.id, statement_id),
            )
            if row is None:
                return VoteOutcome.GONE, None
            found = _round_from(row)
            shown = row["state"] == StatementState.SHOWN
            if not (shown and row["member"] and found.side.includes(side)):
                return VoteOutcome.GONE, found
            if row["author_id"] == person.id:
                return VoteOutcome.OWN, found
            if not found.is_open(instant):
                return VoteOutcome.CLOSED, found
            voter = _voter(tx, found.id, person, side)
            if vote is None:
                tx.execute(
                    """INSERT INTO statement_reports (statement_id, voter_id, reported_at)
                       VALUES (?, ?, ?) ON CONFLICT DO NOTHING""",
                    (statement_id, voter, now),
                )
                _tell_reviewers(tx, now, statement_id, reviewers, "report")
                return VoteOutcome.RECORDED, found
            before = tx.scalar(
                "SELECT vote FROM votes WHERE statement_id = ? AND voter_id = ?",
                (statement_id, voter),
            )
            tx.execute(
                """INSERT INTO votes (statement_id, voter_id, vote, voted_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT (statement_id, voter_id)
                   DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at""",
                (statement_id, voter, int(vote), now),
            )
            return (VoteOutcome.RECORDED if before is None else VoteOutcome.CHANGED), found

        return await self._db.write(work)

    async def set_state(
        self, statement_id: int, state: StatementState, actor: Person, reason: str | None = None
    ) -> bool:
        """Approve (shown) or hide a statement, logged as a moderation action."""
        now = self._now()

        def work(tx: Tx) -> bool:
            changed = tx.execute(
                "UPDATE statements SET state = ? WHERE id = ? AND state != ?",
                (state.value, statement_id, state.value),
            )
            if changed:
                action = (
                    "hide_statement" if state is StatementState.HIDDEN else "approve_statement"
                )
                log_action(tx, now, actor.id, action, f"statement:{statement_id}", reason)
            return bool(changed)

        return await self._db.write(work)

    async def reports(self, round_id: int) -> dict[int, int]:
        """How often each statement in the conversation was reported."""
        rows = await self._db.all(
            """SELECT r.statement_id, COUNT(*) FROM statement_reports r
               JOIN statements s ON s.id = r.statement_id
               WHERE s.round_id = ? GROUP BY r.statement_id""",
            (round_id,),
        )
        return {int(row[0]): int(row[1]) for row in rows}

    async def votes(self, round_id: int) -> RoundVotes:
        """Everything the analysis needs, read in one go."""

        def work(tx: Tx) -> RoundVotes:
            statements = [
                int(row[0])
                for row in tx.all(
                    "SELECT id FROM statements WHERE round_id = ? AND state = 'shown' ORDER BY id",
                    (round_id,),
                )
            ]
            voters = [
                Voter(int(row[0]), row[1], row[2])
                for row in tx.all(
                    "SELECT id, side, community_id FROM round_voters WHERE round_id = ?",
                    (round_id,),
                )
            ]
            votes = [
                Cast(int(row[0]), int(row[1]), Vote(int(row[2])))
                for row in tx.all(
                    """SELECT v.voter_id, v.statement_id, v.vote FROM votes v
                       JOIN round_voters rv ON rv.id = v.voter_id WHERE rv.round_id = ?""",
                    (round_id,),
                )
            ]
            return RoundVotes(statements, voters, votes)

        return await self._db.read(work)

    async def open_for(self, person: Person, side: Side, now: datetime) -> list[Round]:
        """Conversations open now in the member's forums, on their side."""
        rows = await self._db.all(
            """SELECT r.* FROM rounds r JOIN memberships m ON m.forum_id = r.forum_id
               WHERE m.person_id = ? AND r.closes_at > ? AND r.side IN ('both', ?)
               ORDER BY r.id DESC""",
            (person.id, to_db(now), side.value),
        )
        return [_round_from(row) for row in rows]

    async def open_between(self, start: datetime, end: datetime) -> list[Round]:
        """Conversations open at some time in [start, end), oldest first."""
        rows = await self._db.all(
            "SELECT * FROM rounds WHERE opened_at < ? AND closes_at > ? ORDER BY id",
            (to_db(end), to_db(start)),
        )
        return [_round_from(row) for row in rows]
