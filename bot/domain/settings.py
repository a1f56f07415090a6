"""The rules for what admins set in the chat (/settings): names of forums and communities, the
id a new one gets, the answer promise's bounds, and quiet hours as people type them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from datetime import time

from bot.domain.prompts import parse_time

NAME_MAX = 60
PROMISE_DAYS = (7, 90)  # a first answer within a week at the soonest, three months at most
ID_MAX = 24  # as the config file's ids (a-z, 0-9 and _)


def clean_name(text: str) -> str | None:
    """A forum's or community's name as typed, tidied; None if empty or too long."""
    name = " ".join(text.split())
    return name if 0 < len(name) <= NAME_MAX else None


def place_id_for(name_en: str, taken: Collection[str]) -> str:
    """A short id for a forum or community added in the chat, from its English name
    ("Arts & Culture" → "arts_culture"), unique among ``taken`` ("…_2" when needed)."""
    ascii_name = unicodedata.normalize("NFKD", name_en).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[: ID_MAX - 3] or "place"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def parse_promise(text: str) -> int | None:
    """Days for the answer promise ("28", "28 days", "28 diwrnod"); None outside the bounds."""
    match = re.fullmatch(r"\s*(\d{1,3})\s*[^\d]*", text)
    if match is None:
        return None
    days = int(match[1])
    return days if PROMISE_DAYS[0] <= days <= PROMISE_DAYS[1] else None


def parse_hours(text: str) -> tuple[time, time] | None:
    """Quiet hours as people type them: "21:00-08:00", "9pm to 8am", "21.00 – 8.00",
    "9 yh i 8 yb"; None if it is not two times, or both are the same."""
    parts = re.split(r"\s*(?:-|–|—|\bto\b|\btan\b|\bi\b)\s*", text.strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    start, end = parse_time(parts[0]), parse_time(parts[1])
    if start is None or end is None or start == end:
        return None
    return start, end
