"""What admins set in the chat with /settings (``store.settings``): forums and communities
changed or added, and the council's settings (the digest's day and time, the answer promise,
the quiet hours). The config file is the starting point; a row here wins over it
(``Config.with_settings``). Every change is logged in the moderation log (who, what, when).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time

from bot.config import ChatSettings, PlaceSetting
from bot.domain.people import Person
from bot.store.base import Part, when
from bot.store.database import Row, Tx
from bot.store.moderation import log_action

FORUM, COMMUNITY = "forum", "community"
# The council's settings, as stored: key → what the value is.
KEYS = ("digest_weekday", "digest_time", "answer_within_days", "quiet_start", "quiet_end")
SETTING_ACTIONS = (
    "add_forum", "rename_forum", "forum_goals", "archive_forum", "restore_forum",
    "add_community", "rename_community", "archive_community", "restore_community",
    "digest_day", "answer_promise", "quiet_hours",
)  # fmt: skip


@dataclass(frozen=True)
class SettingChange:
    """One line of the settings log, for admins: who (by name), what, when."""

    who: str | None
    action: str
    target: str
    detail: str | None
    at: datetime


def _place(row: Row) -> PlaceSetting:
    goals = tuple(json.loads(row["goals"])) if row["goals"] is not None else None
    return PlaceSetting(row["id"], row["name_cy"], row["name_en"], bool(row["archived"]), goals)


def _clock(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


class Settings(Part):
    """Forums, communities and council settings as admins set them in the chat."""

    async def load(self) -> ChatSettings:
        """Everything changed in the chat, places in the order they were first set."""

        def work(tx: Tx) -> ChatSettings:
            places = tx.all("SELECT * FROM place_settings ORDER BY position, id")
            values = {r["key"]: r["value"] for r in tx.all("SELECT * FROM council_settings")}
            weekday, days = values.get("digest_weekday"), values.get("answer_within_days")
            return ChatSettings(
                forums=tuple(_place(r) for r in places if r["kind"] == FORUM),
                communities=tuple(_place(r) for r in places if r["kind"] == COMMUNITY),
                digest_weekday=int(weekday) if weekday is not None else None,
                digest_time=_clock(values.get("digest_time")),
                answer_within_days=int(days) if days is not None else None,
                quiet_start=_clock(values.get("quiet_start")),
                quiet_end=_clock(values.get("quiet_end")),
            )

        return await self._db.read(work)

    async def save_place(
        self, kind: str, place: PlaceSetting, by: Person, action: str, detail: str
    ) -> None:
        """Keep a forum's or community's names, goals and whether it is archived; logged."""
        now = self._now()
        goals = json.dumps(list(place.goals)) if place.goals is not None else None

        def work(tx: Tx) -> None:
            position = tx.scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM place_settings")
            tx.execute(
                """INSERT INTO place_settings (kind, id, name_cy, name_en, goals, archived,
                       position) VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (kind, id) DO UPDATE SET name_cy = excluded.name_cy,
                       name_en = excluded.name_en, goals = excluded.goals,
                       archived = excluded.archived""",
                (kind, place.id, place.name_cy, place.name_en, goals, int(place.archived),
                 position),
            )  # fmt: skip
            log_action(tx, now, by.id, action, f"{kind}:{place.id}", detail)

        await self._db.write(work)

    async def save_values(self, values: dict[str, str], by: Person, action: str) -> None:
        """Keep some of the council's settings (``KEYS``); logged as one change."""
        assert set(values) <= set(KEYS), values
        now = self._now()

        def work(tx: Tx) -> None:
            tx.executemany(
                """INSERT INTO council_settings (key, value) VALUES (?, ?)
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value""",
                list(values.items()),
            )
            detail = ", ".join(f"{k}={v}" for k, v in sorted(values.items()))
            log_action(tx, now, by.id, action, "council", detail)

        await self._db.write(work)

    async def changes(self, limit: int = 10) -> list[SettingChange]:
        """The latest changes made with /settings, newest first, with who made them."""
        marks = ",".join("?" * len(SETTING_ACTIONS))
        rows = await self._db.all(
            f"""SELECT p.display_name, l.action, l.target, l.reason, l.at FROM moderation_log l
                LEFT JOIN people p ON p.id = l.actor_id
                WHERE l.action IN ({marks}) ORDER BY l.id DESC LIMIT ?""",
            (*SETTING_ACTIONS, limit),
        )
        return [
            SettingChange(r["display_name"], r["action"], r["target"], r["reason"], when(r["at"]))
            for r in rows
        ]
