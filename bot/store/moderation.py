"""Keeping the forums safe (``store.moderation``): reports, review, hidden items, pauses, and
the moderation log."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.moderation import ReportReason, ReviewItem
from bot.domain.notifications import Kind
from bot.domain.people import Person, Side
from bot.domain.proposals import Proposal
from bot.domain.roles import Scope
from bot.domain.visibility import PausedPerson
from bot.store.base import Part
from bot.store.database import Row, Tx
from bot.store.outbox import enqueue
from bot.store.people import person_from
from bot.store.proposals import proposal_from
from bot.store.visibility import SEEN_BY_REVIEWERS


def _scopes_clause(
    scopes: Sequence[Scope], forum: str = "p.forum_id", side: str = "p.side"
) -> tuple[str, list[str]]:
    """SQL matching rows in any of ``scopes`` (none: no rows at all)."""
    if not scopes:
        return "0 = 1", []
    clause = " OR ".join(f"({forum} = ? AND {side} = ?)" for _ in scopes)
    return f"({clause})", [v for scope in scopes for v in (scope.forum_id, scope.side.value)]


def _paused_from(row: Row) -> PausedPerson:
    forum, side = row["blocked_forum"], row["blocked_side"]
    scope = Scope(forum, Side(side)) if forum and side in {s.value for s in Side} else None
    return PausedPerson(person_from(row), scope)


def log_action(
    tx: Tx, now: str, actor_id: int | None, action: str, target: str, reason: str | None = None
) -> None:
    """Within a write: note a moderation action (or an invite made or used) in the log."""
    tx.execute(
        """INSERT INTO moderation_log (actor_id, action, target, reason, at)
           VALUES (?, ?, ?, ?, ?)""",
        (actor_id, action, target, reason, now),
    )


def _resolve(tx: Tx, now: str, proposal_id: int) -> None:
    """Within a write: the proposal's open reports have been looked at."""
    tx.execute(
        "UPDATE reports SET resolved_at = ? WHERE proposal_id = ? AND resolved_at IS NULL",
        (now, proposal_id),
    )


def _tell_reviewers(
    tx: Tx,
    now: str,
    proposal_id: int,
    telegram_ids: Sequence[int],
    why: str,
    occasion: str,
    reason: ReportReason | None = None,
) -> int:
    """Queue a review notice, once per occasion, for each of these people who has joined and
    for everyone made a convenor of the proposal's forum side (or an admin) by invitation."""
    marks = ",".join("?" * len(telegram_ids)) or "NULL"
    rows = tx.all(
        f"""SELECT id FROM people WHERE telegram_id IN ({marks})
            UNION SELECT g.person_id FROM grants g JOIN proposals p ON p.id = ?
            WHERE g.role = 'admin'
               OR (g.role = 'convenor' AND g.forum_id = p.forum_id AND g.side = p.side)
            ORDER BY 1""",
        (*telegram_ids, proposal_id),
    )
    for row in rows:
        person_id = row[0]
        payload: dict[str, object] = {"proposal_id": proposal_id, "why": why}
        if reason is not None:
            payload["reason"] = reason.value
        enqueue(tx, now, person_id, Kind.REVIEW_NEEDED, payload, f"review:{occasion}:{person_id}")
    return len(rows)


class Moderation(Part):
    """Reports and review, hiding and restoring, pausing people, and the log of it all."""

    async def queue_review_notice(self, proposal_id: int, telegram_ids: Sequence[int]) -> int:
        """Tell these people (those who have joined) that a proposal waits for approval."""
        now = self._now()
        return await self._db.write(
            lambda tx: _tell_reviewers(
                tx, now, proposal_id, telegram_ids, "approval", f"approval:{proposal_id}"
            )
        )

    async def report(
        self,
        proposal_id: int,
        reporter: Person,
        convenors: Sequence[int],
        reason: ReportReason = ReportReason.OTHER,
    ) -> bool:
        """Report a proposal, for a ``reason``, and tell its ``convenors`` (Telegram ids), in
        one transaction; False if this person had reported it already.

        Convenors are told once per round of reports: the first report since the last time
        one of them looked (Keep or Hide) starts a round, and further reports join it.
        """
        now = self._now()

        def work(tx: Tx) -> bool:
            if not tx.execute(
                """INSERT INTO reports (proposal_id, reporter_id, created_at, reason)
                   VALUES (?, ?, ?, ?) ON CONFLICT (proposal_id, reporter_id) DO NOTHING""",
                (proposal_id, reporter.id, now, reason.value),
            ):
                return False
            first = tx.scalar(
                "SELECT MIN(id) FROM reports WHERE proposal_id = ? AND resolved_at IS NULL",
                (proposal_id,),
            )
            _tell_reviewers(
                tx, now, proposal_id, convenors, "report", f"report:{proposal_id}:{first}", reason
            )
            return True

        return await self._db.write(work)

    async def review_items(self, scopes: Sequence[Scope]) -> list[ReviewItem]:
        """Youth proposals awaiting approval and reported proposals in these forum sides,
        oldest first."""
        clause, params = _scopes_clause(scopes)
        rows = await self._db.all(
            f"""SELECT p.*, (SELECT COUNT(*) FROM reports r WHERE r.proposal_id = p.id
                              AND r.resolved_at IS NULL) AS open_reports
                FROM proposals p
                WHERE {clause} AND p.hidden = 0 AND {SEEN_BY_REVIEWERS}
                  AND (p.status = 'submitted' OR EXISTS (
                    SELECT 1 FROM reports r WHERE r.proposal_id = p.id AND r.resolved_at IS NULL))
                ORDER BY p.id""",
            params,
        )
        reasons = await self._open_report_reasons([r["id"] for r in rows])
        return [
            ReviewItem(
                proposal_from(r), r["open_reports"], r["status"] == "submitted",
                reasons.get(r["id"], ()),
            )
            for r in rows
        ]  # fmt: skip

    async def _open_report_reasons(
        self, proposal_ids: Sequence[int]
    ) -> dict[int, tuple[tuple[ReportReason, int], ...]]:
        """How many open reports of each proposal gave each reason, in the reasons' order."""
        if not proposal_ids:
            return {}
        marks = ",".join("?" * len(proposal_ids))
        rows = await self._db.all(
            f"""SELECT proposal_id, reason, COUNT(*) AS n FROM reports
                WHERE proposal_id IN ({marks}) AND resolved_at IS NULL AND reason IS NOT NULL
                GROUP BY proposal_id, reason""",
            tuple(proposal_ids),
        )
        counts: dict[int, dict[str, int]] = {}
        for row in rows:
            counts.setdefault(row["proposal_id"], {})[row["reason"]] = row["n"]
        return {
            pid: tuple((r, found[r.value]) for r in ReportReason if r.value in found)
            for pid, found in counts.items()
        }

    async def hidden(self, scopes: Sequence[Scope]) -> list[Proposal]:
        """Proposals moderators have hidden in these forum sides."""
        clause, params = _scopes_clause(scopes)
        rows = await self._db.all(
            f"""SELECT * FROM proposals p WHERE {clause} AND p.hidden = 1
                  AND {SEEN_BY_REVIEWERS} ORDER BY p.id""",
            params,
        )
        return [proposal_from(r) for r in rows]

    async def keep(self, proposal_id: int, actor: Person) -> None:
        """Reports looked at: the proposal stays."""
        now = self._now()

        def work(tx: Tx) -> None:
            _resolve(tx, now, proposal_id)
            log_action(tx, now, actor.id, "keep", f"proposal:{proposal_id}")

        await self._db.write(work)

    async def set_hidden(self, proposal_id: int, actor: Person, hidden: bool, reason: str) -> bool:
        """Hide (with a reason) or restore a proposal; False if it was already so."""
        now = self._now()

        def work(tx: Tx) -> bool:
            if not tx.execute(
                "UPDATE proposals SET hidden = ?, hidden_reason = ? WHERE id = ? AND hidden = ?",
                (int(hidden), reason if hidden else None, proposal_id, int(not hidden)),
            ):
                return False
            if hidden:
                _resolve(tx, now, proposal_id)
            action = "hide" if hidden else "restore"
            log_action(tx, now, actor.id, action, f"proposal:{proposal_id}", reason or None)
            return True

        changed = await self._db.write(work)
        if changed:
            self._cache.visibility_changed()
        return changed

    async def hide_answer(self, answer_id: int, actor: Person, reason: str) -> bool:
        """Hide an answer from the convenors' lists (it stays counted); False if already so."""
        now = self._now()

        def work(tx: Tx) -> bool:
            if not tx.execute(
                "UPDATE answers SET hidden = 1 WHERE id = ? AND hidden = 0", (answer_id,)
            ):
                return False
            log_action(tx, now, actor.id, "hide", f"answer:{answer_id}", reason or None)
            return True

        return await self._db.write(work)

    async def set_blocked(
        self, person_id: int, actor: Person, blocked: bool, reason: str, scope: Scope | None = None
    ) -> bool:
        """Stop someone posting (recording the forum side the pause was made in), or let them
        again; False if nothing changed."""
        forum, side = (scope.forum_id, scope.side.value) if blocked and scope else (None, None)
        now = self._now()

        def work(tx: Tx) -> int | None:
            telegram_id = tx.scalar(
                f"""UPDATE people SET blocked_at = ?, blocked_forum = ?, blocked_side = ?
                    WHERE id = ? AND blocked_at IS {"NULL" if blocked else "NOT NULL"}
                    RETURNING telegram_id""",
                (now if blocked else None, forum, side, person_id),
            )
            if telegram_id is None:
                return None
            action = "block" if blocked else "unblock"
            log_action(tx, now, actor.id, action, f"person:{person_id}", reason or None)
            return int(telegram_id)

        telegram_id = await self._db.write(work)
        if telegram_id is None:
            return False
        self._cache.person_changed(telegram_id)
        return True

    async def paused_people(
        self, scopes: Sequence[Scope], unscoped: bool = False, limit: int = 20
    ) -> list[PausedPerson]:
        """People paused in these forum sides (and, with ``unscoped``, those whose pause has
        no recorded side), first paused first."""
        clause, params = _scopes_clause(scopes, "blocked_forum", "blocked_side")
        if unscoped:
            clause = f"({clause} OR blocked_forum IS NULL OR blocked_side IS NULL)"
        rows = await self._db.all(
            f"""SELECT * FROM people WHERE blocked_at IS NOT NULL AND {clause}
                ORDER BY blocked_at, id LIMIT ?""",
            [*params, limit],
        )
        return [_paused_from(r) for r in rows]

    async def paused_person(self, person_id: int) -> PausedPerson | None:
        """The person with this id if they are paused, with the side it was made in."""
        row = await self._db.one(
            "SELECT * FROM people WHERE id = ? AND blocked_at IS NOT NULL", (person_id,)
        )
        return _paused_from(row) if row else None

    async def log(self) -> list[tuple[int | None, str, str, str | None]]:
        """(actor, action, target, reason) for every moderation action, oldest first."""
        rows = await self._db.all(
            "SELECT actor_id, action, target, reason FROM moderation_log ORDER BY id"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]
