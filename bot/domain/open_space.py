"""Open Space agendas: participants offer the sessions they will host, others sign up (and move
freely: the law of two feet), and the convenor sets the time slots and the spaces. The agenda
puts the most-wanted sessions in the largest spaces and never gives a host two sessions at once.

Greedy, most-wanted first: each session takes the largest free space, earliest slot first, in a
slot where its host is free. A session that fits nowhere is left unplaced (said so, never
dropped silently). Ties are broken by the order sessions were offered, so the same sign-ups give
the same agenda.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from bot.domain.prompts import parse_time

TOPIC_MOST = 100
SLOTS_MOST = 8
SPACES_MOST = 10
_SPACE = re.compile(r"^\s*(.+?)\s+(\d{1,4})\s*$")


@dataclass(frozen=True)
class Offered:
    """A session as stored: its topic, host (a person's number) and sign-ups."""

    id: int
    topic: str
    host: int | None
    signed_up: int


def parse_slots(text: str) -> list[time] | None:
    """ "19:15 19:45 20:15" (or "7.15pm, 7.45pm"): the slots' start times, in order; None if any
    part is not a time or there are none or too many."""
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    times = [parse_time(p) for p in parts]
    if not times or len(times) > SLOTS_MOST or any(t is None for t in times):
        return None
    return sorted(t for t in times if t is not None)


def parse_spaces(text: str) -> list[Space] | None:
    """ "Main hall 40; Room 2 12": each space and how many it holds; None if any part is not
    a name and a number, or names repeat."""
    found = []
    for part in filter(None, (p.strip() for p in re.split(r"[;\n]+", text))):
        match = _SPACE.match(part)
        if not match or int(match[2]) < 1:
            return None
        found.append(Space(match[1][:40], int(match[2])))
    names = [s.name.casefold() for s in found]
    if not found or len(found) > SPACES_MOST or len(set(names)) != len(names):
        return None
    return found


@dataclass(frozen=True)
class Session:
    """A session offered: its number, who hosts it (a person's number) and how many signed up."""

    id: int
    host: int
    wanted: int


@dataclass(frozen=True)
class Space:
    """A room or corner, and how many it holds."""

    name: str
    capacity: int


@dataclass(frozen=True)
class Placed:
    """A session in a slot (by index) and a space."""

    session: Session
    slot: int
    space: Space


@dataclass(frozen=True)
class Agenda:
    """Where each session goes, and those that could not be placed."""

    placed: tuple[Placed, ...]
    unplaced: tuple[Session, ...]

    def at(self, slot: int) -> list[Placed]:
        """The sessions in one slot, largest space first."""
        return sorted((p for p in self.placed if p.slot == slot), key=lambda p: -p.space.capacity)


def build_agenda(sessions: Sequence[Session], slots: int, spaces: Sequence[Space]) -> Agenda:
    """The agenda for ``slots`` time slots and these ``spaces`` (see the module docstring)."""
    cells = sorted(
        ((slot, space) for slot in range(slots) for space in spaces),
        key=lambda cell: (-cell[1].capacity, cell[0]),
    )
    board: dict[tuple[int, str], Placed] = {}
    unplaced = []
    for session in sorted(sessions, key=lambda s: (-s.wanted, s.id)):
        cell = _free_cell(board, cells, session)
        if cell is not None:
            board[(cell[0], cell[1].name)] = Placed(session, cell[0], cell[1])
        elif not _make_room(board, cells, session):
            unplaced.append(session)
    placed = sorted(board.values(), key=lambda p: (p.slot, -p.space.capacity, p.space.name))
    return Agenda(tuple(placed), tuple(unplaced))


def _host_free(board: dict[tuple[int, str], Placed], slot: int, host: int) -> bool:
    return all(p.session.host != host for p in board.values() if p.slot == slot)


def _free_cell(
    board: dict[tuple[int, str], Placed], cells: list[tuple[int, Space]], session: Session
) -> tuple[int, Space] | None:
    """The largest free space (earliest slot first) where the session's host is free."""
    return next(
        (
            (slot, space)
            for slot, space in cells
            if (slot, space.name) not in board and _host_free(board, slot, session.host)
        ),
        None,
    )


def _make_room(
    board: dict[tuple[int, str], Placed], cells: list[tuple[int, Space]], session: Session
) -> bool:
    """Place ``session`` in a taken cell (its host free in that slot) whose session can move to
    a free cell elsewhere (its host free there): the host clash greedy placement runs into.
    Smallest spaces first: the session moved is then one of the least wanted placed so far."""
    for slot, space in reversed(cells):
        occupant = board.get((slot, space.name))
        if occupant is None or not _host_free(board, slot, session.host):
            continue
        board[(slot, space.name)] = Placed(session, slot, space)
        moved = _free_cell(board, cells, occupant.session)
        if moved is not None:
            board[(moved[0], moved[1].name)] = Placed(occupant.session, moved[0], moved[1])
            return True
        board[(slot, space.name)] = occupant
    return False
