"""Invite codes and the roles they grant; reports, hidden items, blocks and the moderation log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import aiosqlite

from bot.domain.moderation import Invite, InviteRole, RedeemResult, ReviewItem, hash_code
from bot.domain.notifications import Kind
from bot.domain.people import Person, Side
from bot.domain.proposals import Proposal
from bot.domain.roles import Scope
from bot.domain.visibility import PausedPerson
from bot.store.base import Row, StoreBase, to_db, when
from bot.store.people import person_from, record_consent
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


class ModerationQueries(StoreBase):
    """Roles granted by invitation, and keeping the forums safe."""

    # ---- invites and grants ----------------------------------------------------------------

    async def create_invite(
        self, code: str, role: InviteRole, forum_id: str | None, side: Side | None,
        by: Person, expires_at: datetime,
    ) -> None:  # fmt: skip
        """Store a new invite (only its hash)."""
        async with self._transaction() as db:
            await db.execute(
                """INSERT INTO invites (code_hash, role, forum_id, side, created_by, created_at,
                       expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (
                    hash_code(code), role.value, forum_id or "", side.value if side else "",
                    by.id, self._now(), to_db(expires_at),
                ),
            )  # fmt: skip
            await self._log(
                db, by.id, "invite", f"{role.value}:{forum_id or ''}:{side or ''}", None
            )

    async def check_invite(self, code: str) -> tuple[RedeemResult, Invite | None]:
        """Whether a code could be redeemed now, and what it grants (changes nothing)."""
        row = await self._fetchone("SELECT * FROM invites WHERE code_hash = ?", (hash_code(code),))
        return self._judge(row)

    def _judge(self, row: aiosqlite.Row | None) -> tuple[RedeemResult, Invite | None]:
        if row is None:
            return RedeemResult.UNKNOWN, None
        if row["used_at"] is not None:
            return RedeemResult.USED, None
        if when(row["expires_at"]) <= self._clock.now():
            return RedeemResult.EXPIRED, None
        invite = Invite(
            InviteRole(row["role"]),
            row["forum_id"] or None,
            Side(row["side"]) if row["side"] else None,
        )
        return RedeemResult.GRANTED, invite

    async def redeem_invite(self, code: str, person: Person) -> tuple[RedeemResult, Invite | None]:
        """Use a code once: mark it used and grant its role, in one transaction."""
        async with self._transaction() as db:
            row = await (
                await db.execute("SELECT * FROM invites WHERE code_hash = ?", (hash_code(code),))
            ).fetchone()
            result, invite = self._judge(row)
            if invite is None:
                return result, None
            await db.execute(
                "UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?",
                (self._now(), person.id, hash_code(code)),
            )
            if invite.role is not InviteRole.YOUNG_PERSON:
                await db.execute(
                    """INSERT INTO grants (person_id, role, forum_id, side, granted_at)
                       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    (
                        person.id, invite.role.value, invite.forum_id or "",
                        invite.side.value if invite.side else "", self._now(),
                    ),
                )  # fmt: skip
            await self._log(db, person.id, "redeem_invite", invite.role.value, None)
        self._grants.pop(person.id, None)
        return result, invite

    async def join_with_young_person_code(
        self, telegram_id: int, display_name: str, language: str, age_band: str, code: str
    ) -> tuple[RedeemResult, Person | None]:
        """Consent from someone under the digital age of consent, who may join only by using a
        young person's invite code: the check, the new person and the code marked used are one
        transaction, so two children pressing "I agree" at once with one code cannot both join.
        """
        async with self._transaction() as db:
            row = await (
                await db.execute("SELECT * FROM invites WHERE code_hash = ?", (hash_code(code),))
            ).fetchone()
            result, invite = self._judge(row)
            if invite is None or invite.role is not InviteRole.YOUNG_PERSON:
                return (result if invite is None else RedeemResult.UNKNOWN), None
            person_row = await record_consent(
                db, self._now(), telegram_id, display_name, language, age_band
            )
            await db.execute(
                "UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?",
                (self._now(), person_row["id"], hash_code(code)),
            )
            await self._log(db, person_row["id"], "redeem_invite", invite.role.value, None)
        person = person_from(person_row)
        self._people[telegram_id] = person
        return result, person

    async def stored_grants(self, person: Person) -> frozenset[tuple[str, str | None, str | None]]:
        """Roles granted to a person by invitation: (role, forum_id, side)."""
        if person.id in self._grants:
            return self._grants[person.id]
        rows = await self._fetchall(
            "SELECT role, forum_id, side FROM grants WHERE person_id = ?", (person.id,)
        )
        grants = frozenset((r["role"], r["forum_id"] or None, r["side"] or None) for r in rows)
        self._grants[person.id] = grants
        return grants

    async def granted_officers(self) -> list[int]:
        """Telegram ids of people made officers by invitation."""
        rows = await self._fetchall(
            """SELECT p.telegram_id FROM grants g JOIN people p ON p.id = g.person_id
               WHERE g.role = 'officer' ORDER BY g.id"""
        )
        return [r[0] for r in rows]

    # ---- reports and review ---------------------------------------------------------------

    async def queue_review_notice(self, proposal_id: int, telegram_ids: Sequence[int]) -> int:
        """Tell these people (those who have joined) that a proposal waits for approval."""
        async with self._transaction() as db:
            return await self._tell_reviewers(
                db, proposal_id, telegram_ids, "approval", f"approval:{proposal_id}"
            )

    async def _tell_reviewers(
        self, db: aiosqlite.Connection, proposal_id: int, telegram_ids: Sequence[int],
        why: str, occasion: str,
    ) -> int:  # fmt: skip
        """Queue a review notice, once per occasion, for each of these people who has joined and
        for everyone made a convenor of the proposal's forum side (or an admin) by invitation."""
        marks = ",".join("?" * len(telegram_ids)) or "NULL"
        rows = await db.execute_fetchall(
            f"""SELECT id FROM people WHERE telegram_id IN ({marks})
                UNION SELECT g.person_id FROM grants g JOIN proposals p ON p.id = ?
                WHERE g.role = 'admin'
                   OR (g.role = 'convenor' AND g.forum_id = p.forum_id AND g.side = p.side)
                ORDER BY 1""",
            (*telegram_ids, proposal_id),
        )
        for (person_id,) in rows:
            await self._enqueue(
                db, person_id, Kind.REVIEW_NEEDED, {"proposal_id": proposal_id, "why": why},
                f"review:{occasion}:{person_id}",
            )  # fmt: skip
        return len(list(rows))

    async def report_proposal(
        self, proposal_id: int, reporter: Person, convenors: Sequence[int]
    ) -> bool:
        """Report a proposal and tell its ``convenors`` (Telegram ids), in one transaction;
        False if this person had reported it already.

        Convenors are told once per round of reports: the first report since the last time
        one of them looked (Keep or Hide) starts a round, and further reports join it.
        """
        async with self._transaction() as db:
            cursor = await db.execute(
                """INSERT INTO reports (proposal_id, reporter_id, created_at) VALUES (?, ?, ?)
                   ON CONFLICT (proposal_id, reporter_id) DO NOTHING""",
                (proposal_id, reporter.id, self._now()),
            )
            if cursor.rowcount == 0:
                return False
            first = await (
                await db.execute(
                    """SELECT MIN(id) FROM reports
                       WHERE proposal_id = ? AND resolved_at IS NULL""",
                    (proposal_id,),
                )
            ).fetchone()
            assert first is not None
            await self._tell_reviewers(
                db, proposal_id, convenors, "report", f"report:{proposal_id}:{first[0]}"
            )
            return True

    async def review_items(self, scopes: Sequence[Scope]) -> list[ReviewItem]:
        """Youth proposals awaiting approval and reported proposals in these forum sides,
        oldest first."""
        clause, params = _scopes_clause(scopes)
        rows = await self._fetchall(
            f"""SELECT p.*, (SELECT COUNT(*) FROM reports r WHERE r.proposal_id = p.id
                              AND r.resolved_at IS NULL) AS open_reports
                FROM proposals p
                WHERE {clause} AND p.hidden = 0 AND {SEEN_BY_REVIEWERS}
                  AND (p.status = 'submitted' OR EXISTS (
                    SELECT 1 FROM reports r WHERE r.proposal_id = p.id AND r.resolved_at IS NULL))
                ORDER BY p.id""",
            params,
        )
        return [
            ReviewItem(proposal_from(r), r["open_reports"], r["status"] == "submitted")
            for r in rows
        ]

    async def hidden_proposals(self, scopes: Sequence[Scope]) -> list[Proposal]:
        """Proposals moderators have hidden in these forum sides."""
        clause, params = _scopes_clause(scopes)
        rows = await self._fetchall(
            f"""SELECT * FROM proposals p WHERE {clause} AND p.hidden = 1
                  AND {SEEN_BY_REVIEWERS} ORDER BY p.id""",
            params,
        )
        return [proposal_from(r) for r in rows]

    async def keep_proposal(self, proposal_id: int, actor: Person) -> None:
        """Reports looked at: the proposal stays."""
        async with self._transaction() as db:
            await self._resolve(db, proposal_id)
            await self._log(db, actor.id, "keep", f"proposal:{proposal_id}", None)

    async def set_hidden(self, proposal_id: int, actor: Person, hidden: bool, reason: str) -> bool:
        """Hide (with a reason) or restore a proposal; False if it was already so."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE proposals SET hidden = ?, hidden_reason = ? WHERE id = ? AND hidden = ?",
                (int(hidden), reason if hidden else None, proposal_id, int(not hidden)),
            )
            if cursor.rowcount == 0:
                return False
            if hidden:
                await self._resolve(db, proposal_id)
            action = "hide" if hidden else "restore"
            await self._log(db, actor.id, action, f"proposal:{proposal_id}", reason or None)
            self._visible_counts.clear()
            return True

    async def answer_prompt(self, answer_id: int) -> int | None:
        """The prompt an answer belongs to (None if there is no such answer)."""
        row = await self._fetchone("SELECT prompt_id FROM answers WHERE id = ?", (answer_id,))
        return int(row[0]) if row else None

    async def hide_answer(self, answer_id: int, actor: Person, reason: str) -> bool:
        """Hide an answer from the convenors' lists (it stays counted); False if already so."""
        async with self._transaction() as db:
            cursor = await db.execute(
                "UPDATE answers SET hidden = 1 WHERE id = ? AND hidden = 0", (answer_id,)
            )
            if cursor.rowcount == 0:
                return False
            await self._log(db, actor.id, "hide", f"answer:{answer_id}", reason or None)
            return True

    async def set_blocked(
        self, person_id: int, actor: Person, blocked: bool, reason: str, scope: Scope | None = None
    ) -> bool:
        """Stop someone posting (recording the forum side the pause was made in), or let them
        again; False if nothing changed."""
        forum, side = (scope.forum_id, scope.side.value) if blocked and scope else (None, None)
        async with self._transaction() as db:
            cursor = await db.execute(
                f"""UPDATE people SET blocked_at = ?, blocked_forum = ?, blocked_side = ?
                    WHERE id = ? AND blocked_at IS {"NULL" if blocked else "NOT NULL"}
                    RETURNING telegram_id""",
                (self._now() if blocked else None, forum, side, person_id),
            )
            row = await cursor.fetchone()
            if row is None:
                return False
            await self._log(
                db,
                actor.id,
                "block" if blocked else "unblock",
                f"person:{person_id}",
                reason or None,
            )
        self._people.pop(row[0], None)
        return True

    async def paused_people(
        self, scopes: Sequence[Scope], unscoped: bool = False, limit: int = 20
    ) -> list[PausedPerson]:
        """People paused in these forum sides (and, with ``unscoped``, those whose pause has
        no recorded side), first paused first."""
        clause, params = _scopes_clause(scopes, "blocked_forum", "blocked_side")
        if unscoped:
            clause = f"({clause} OR blocked_forum IS NULL OR blocked_side IS NULL)"
        rows = await self._fetchall(
            f"""SELECT * FROM people WHERE blocked_at IS NOT NULL AND {clause}
                ORDER BY blocked_at, id LIMIT ?""",
            [*params, limit],
        )
        return [_paused_from(r) for r in rows]

    async def paused_person(self, person_id: int) -> PausedPerson | None:
        """The person with this id if they are paused, with the side it was made in."""
        row = await self._fetchone(
            "SELECT * FROM people WHERE id = ? AND blocked_at IS NOT NULL", (person_id,)
        )
        return _paused_from(row) if row else None

    async def moderation_log(self) -> list[tuple[int | None, str, str, str | None]]:
        """(actor, action, target, reason) for every moderation action, oldest first."""
        rows = await self._fetchall(
            "SELECT actor_id, action, target, reason FROM moderation_log ORDER BY id"
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def _resolve(self, db: aiosqlite.Connection, proposal_id: int) -> None:
        await db.execute(
            "UPDATE reports SET resolved_at = ? WHERE proposal_id = ? AND resolved_at IS NULL",
            (self._now(), proposal_id),
        )

    async def _log(
        self,
        db: aiosqlite.Connection,
        actor_id: int | None,
        action: str,
        target: str,
        reason: str | None,
    ) -> None:
        await db.execute(
            """INSERT INTO moderation_log (actor_id, action, target, reason, at)
               VALUES (?, ?, ?, ?, ?)""",
            (actor_id, action, target, reason, self._now()),
        )
