"""Invite codes and the roles they grant (``store.invites``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.moderation import (
    SETUP_CODE_LIFETIME,
    SETUP_TRIES_PER_HOUR,
    GrantHolder,
    Invite,
    InviteRole,
    RedeemResult,
    SetupResult,
    hash_code,
)
from bot.domain.people import Person, Side
from bot.store.base import Part, to_db, when
from bot.store.cache import Grant
from bot.store.database import Row, Tx
from bot.store.moderation import log_action
from bot.store.people import person_from, record_consent

Judged = tuple[RedeemResult, Invite | None]
_MINUTE = timedelta(minutes=1)


def _judge(row: Row | None, now: datetime) -> Judged:
    """Whether the invite in ``row`` may be redeemed now, and what it grants."""
    if row is None:
        return RedeemResult.UNKNOWN, None
    if row["used_at"] is not None:
        return RedeemResult.USED, None
    if when(row["expires_at"]) <= now:
        return RedeemResult.EXPIRED, None
    invite = Invite(
        InviteRole(row["role"]),
        row["forum_id"] or None,
        Side(row["side"]) if row["side"] else None,
    )
    return RedeemResult.GRANTED, invite


def _find(tx: Tx, code: str) -> Row | None:
    # The setup code (role admin) is redeemed only through /setup, which counts wrong tries.
    return tx.one(
        "SELECT * FROM invites WHERE code_hash = ? AND role != 'admin'", (hash_code(code),)
    )


class Invites(Part):
    """Roles granted by invitation: codes made, checked, redeemed; the grants they left."""

    async def create(
        self, code: str, role: InviteRole, forum_id: str | None, side: Side | None,
        by: Person, expires_at: datetime,
    ) -> None:  # fmt: skip
        """Store a new invite (only its hash)."""
        now = self._now()

        def work(tx: Tx) -> None:
            tx.execute(
                """INSERT INTO invites (code_hash, role, forum_id, side, created_by, created_at,
                       expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (
                    hash_code(code), role.value, forum_id or "", side.value if side else "",
                    by.id, now, to_db(expires_at),
                ),
            )  # fmt: skip
            log_action(tx, now, by.id, "invite", f"{role.value}:{forum_id or ''}:{side or ''}")

        await self._db.write(work)

    async def check(self, code: str) -> Judged:
        """Whether a code could be redeemed now, and what it grants (changes nothing)."""
        return _judge(await self._db.read(lambda tx: _find(tx, code)), self._clock.now())

    async def redeem(self, code: str, person: Person) -> Judged:
        """Use a code once: mark it used and grant its role, in one transaction."""
        instant = self._clock.now()
        now = to_db(instant)

        def work(tx: Tx) -> Judged:
            result, invite = _judge(_find(tx, code), instant)
            if invite is None:
                return result, None
            tx.execute(
                "UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?",
                (now, person.id, hash_code(code)),
            )
            if invite.role is not InviteRole.YOUNG_PERSON:
                tx.execute(
                    """INSERT INTO grants (person_id, role, forum_id, side, granted_at)
                       VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    (
                        person.id, invite.role.value, invite.forum_id or "",
                        invite.side.value if invite.side else "", now,
                    ),
                )  # fmt: skip
            log_action(tx, now, person.id, "redeem_invite", invite.role.value)
            return result, invite

        judged = await self._db.write(work)
        if judged[1] is not None:
            self._cache.grants_changed(person.id)
        return judged

    async def join_as_young_person(
        self, telegram_id: int, display_name: str, language: str, age_band: str, code: str
    ) -> tuple[RedeemResult, Person | None]:
        """Consent from someone under the digital age of consent, who may join only by using a
        young person's invite code: the check, the new person and the code marked used are one
        transaction, so two children pressing "I agree" at once with one code cannot both join.
        """
        instant = self._clock.now()
        now = to_db(instant)

        def work(tx: Tx) -> tuple[RedeemResult, Row | None]:
            result, invite = _judge(_find(tx, code), instant)
            if invite is None or invite.role is not InviteRole.YOUNG_PERSON:
                return (result if invite is None else RedeemResult.UNKNOWN), None
            person_row = record_consent(tx, now, telegram_id, display_name, language, age_band)
            tx.execute(
                "UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?",
                (now, person_row["id"], hash_code(code)),
            )
            log_action(tx, now, person_row["id"], "redeem_invite", invite.role.value)
            return result, person_row

        result, row = await self._db.write(work)
        if row is None:
            return result, None
        person = person_from(row)
        self._cache.person_saved(person)
        return result, person

    async def admin_exists(self) -> bool:
        """Whether anyone holds the admin role by grant (config admins are the caller's)."""
        return bool(await self._db.scalar("SELECT 1 FROM grants WHERE role = 'admin' LIMIT 1"))

    async def new_setup_code(self, code: str) -> None:
        """Store the one setup code (hashed), replacing any earlier unused one."""
        now = self._clock.now()

        def work(tx: Tx) -> None:
            tx.execute("DELETE FROM invites WHERE role = 'admin' AND used_at IS NULL")
            tx.execute(
                """INSERT INTO invites (code_hash, role, created_at, expires_at)
                   VALUES (?, 'admin', ?, ?)""",
                (hash_code(code), to_db(now), to_db(now + SETUP_CODE_LIFETIME)),
            )

        await self._db.write(work, record_update=False)

    async def redeem_setup_code(self, code: str, person: Person) -> tuple[SetupResult, int]:
        """Make ``person`` the first admin if ``code`` is the setup code, in one transaction.

        Wrong codes are counted (with no one's id); after SETUP_TRIES_PER_HOUR of them in an
        hour everyone waits. Returns the result and, when waiting, the minutes to wait.
        """
        instant = self._clock.now()
        now, hour_ago = to_db(instant), to_db(instant - timedelta(hours=1))

        def work(tx: Tx) -> tuple[SetupResult, int]:
            if tx.scalar("SELECT 1 FROM grants WHERE role = 'admin' LIMIT 1"):
                return SetupResult.ALREADY_SET_UP, 0
            tries = tx.all(
                "SELECT attempted_at FROM setup_attempts WHERE attempted_at > ? "
                "ORDER BY attempted_at",
                (hour_ago,),
            )
            if len(tries) >= SETUP_TRIES_PER_HOUR:
                free_at = when(tries[-SETUP_TRIES_PER_HOUR]["attempted_at"]) + timedelta(hours=1)
                return SetupResult.TOO_MANY_TRIES, max(1, -(-(free_at - instant) // _MINUTE))
            row = tx.one(
                "SELECT * FROM invites WHERE code_hash = ? AND role = 'admin'", (hash_code(code),)
            )
            if row is None or row["used_at"] is not None:
                tx.execute("INSERT INTO setup_attempts (attempted_at) VALUES (?)", (now,))
                return SetupResult.WRONG, 0
            if when(row["expires_at"]) <= instant:
                return SetupResult.EXPIRED, 0
            tx.execute(
                "UPDATE invites SET used_at = ?, used_by = ? WHERE code_hash = ?",
                (now, person.id, row["code_hash"]),
            )
            tx.execute(
                """INSERT INTO grants (person_id, role, granted_at) VALUES (?, 'admin', ?)
                   ON CONFLICT DO NOTHING""",
                (person.id, now),
            )
            log_action(tx, now, person.id, "first_admin", "setup code")
            return SetupResult.ADMIN, 0

        result = await self._db.write(work)
        if result[0] is SetupResult.ADMIN:
            self._cache.grants_changed(person.id)
        return result

    async def grants(self, person: Person) -> frozenset[Grant]:
        """Roles granted to a person by invitation: (role, forum_id, side)."""
        if person.id in self._cache.grants:
            return self._cache.grants[person.id]
        rows = await self._db.all(
            "SELECT role, forum_id, side FROM grants WHERE person_id = ?", (person.id,)
        )
        grants = frozenset((r["role"], r["forum_id"] or None, r["side"] or None) for r in rows)
        self._cache.grants[person.id] = grants
        return grants

    async def granted_officers(self) -> list[int]:
        """Telegram ids of people made officers by invitation."""
        rows = await self._db.all(
            """SELECT p.telegram_id FROM grants g JOIN people p ON p.id = g.person_id
               WHERE g.role = 'officer' ORDER BY g.id"""
        )
        return [r[0] for r in rows]

    async def holders(self) -> list[GrantHolder]:
        """Every role given by invitation (or the setup code), with who holds it."""
        rows = await self._db.all(
            """SELECT g.id, g.role, g.forum_id, g.side, p.id AS person_id, p.display_name
               FROM grants g JOIN people p ON p.id = g.person_id
               ORDER BY g.role, g.forum_id, g.side, p.display_name"""
        )
        return [
            GrantHolder(
                row["id"], row["person_id"], row["display_name"], row["role"],
                row["forum_id"] or None, row["side"] or None,
            )
            for row in rows
        ]  # fmt: skip

    async def revoke(self, grant_id: int, actor: Person) -> GrantHolder | None:
        """Take a role given by invitation away, logged; None if it is not there (any more)."""
        now = self._now()

        def work(tx: Tx) -> GrantHolder | None:
            row = tx.one(
                """SELECT g.id, g.role, g.forum_id, g.side, p.id AS person_id, p.display_name
                   FROM grants g JOIN people p ON p.id = g.person_id WHERE g.id = ?""",
                (grant_id,),
            )
            if row is None:
                return None
            tx.execute("DELETE FROM grants WHERE id = ?", (grant_id,))
            what = ":".join(filter(None, (row["role"], row["forum_id"], row["side"])))
            log_action(tx, now, actor.id, "revoke_role", f"person:{row['person_id']}", what)
            return GrantHolder(
                row["id"], row["person_id"], row["display_name"], row["role"],
                row["forum_id"] or None, row["side"] or None,
            )  # fmt: skip

        revoked = await self._db.write(work)
        if revoked is not None:
            self._cache.grants_changed(revoked.person_id)
        return revoked
