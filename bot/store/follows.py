"""Within a write: what an answer to a proposal sets off (used by store.proposals and
store.accountability, so both record an answer the same way)."""

from __future__ import annotations

from typing import Any

from bot.domain.notifications import Kind
from bot.store.database import Tx
from bot.store.outbox import enqueue


def record_first_answer(tx: Tx, proposal_id: int, now: str) -> None:
    """The council's first answer to a proposal, kept once (later answers leave it)."""
    tx.execute(
        "UPDATE proposals SET first_answer_at = COALESCE(first_answer_at, ?) WHERE id = ?",
        (now, proposal_id),
    )


def tell_followers(
    tx: Tx, proposal_id: int, skip: tuple[int | None, ...], kind: Kind, payload: dict[str, Any],
    key: str, now: str,
) -> int:  # fmt: skip
    """Queue ``kind`` for every supporter still following the proposal (not the people in
    ``skip``: its author, who is told as the author, and whoever made the change), once each.
    Returns how many were queued."""
    followers = tx.all(
        "SELECT person_id FROM supports WHERE proposal_id = ? AND following = 1 "
        "ORDER BY person_id",
        (proposal_id,),
    )
    told = 0
    for row in followers:
        if row["person_id"] in skip:
            continue
        enqueue(
            tx,
            now,
            row["person_id"],
            kind,
            {**payload, "follower": True},
            f"{key}:{row['person_id']}",
        )
        told += 1
    return told
