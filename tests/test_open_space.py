"""Open Space agendas (issue 15), property-tested on random sign-ups: no space is used twice in
a slot, no host has two sessions at once, every session is placed or said to be unplaceable
(and then truly has nowhere to go), and the most wanted get the largest spaces."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.open_space import Session, Space, build_agenda

sessions = st.lists(
    st.builds(Session, st.integers(0, 10_000), st.integers(1, 6), st.integers(0, 60)),
    max_size=25,
    unique_by=lambda s: s.id,
)
spaces = st.lists(
    st.builds(Space, st.text("abcdefgh", min_size=1, max_size=6), st.integers(2, 80)),
    min_size=1,
    max_size=5,
    unique_by=lambda s: s.name,
)


@given(sessions, st.integers(1, 4), spaces)
def test_agendas_keep_the_rules(offered: list[Session], slots: int, rooms: list[Space]) -> None:
    agenda = build_agenda(offered, slots, rooms)
    cells = [(p.slot, p.space.name) for p in agenda.placed]
    assert len(cells) == len(set(cells))  # no space used twice in a slot
    hosts = [(p.slot, p.session.host) for p in agenda.placed]
    assert len(hosts) == len(set(hosts))  # no host in two places at once
    every = sorted([p.session.id for p in agenda.placed] + [s.id for s in agenda.unplaced])
    assert every == sorted(s.id for s in offered)  # each session placed or named, once
    for session in agenda.unplaced:  # … and an unplaced one truly had nowhere to go
        for slot in range(slots):
            host_busy = (slot, session.host) in hosts
            full = all((slot, room.name) in cells for room in rooms)
            assert host_busy or full
    if agenda.placed:
        top = max(offered, key=lambda s: (s.wanted, -s.id))
        placed_top = next(p for p in agenda.placed if p.session == top)
        assert placed_top.space.capacity == max(room.capacity for room in rooms)


def test_a_small_agenda_reads_as_expected() -> None:
    offered = [Session(1, host=10, wanted=12), Session(2, host=11, wanted=30),
               Session(3, host=10, wanted=5), Session(4, host=12, wanted=8)]  # fmt: skip
    rooms = [Space("Main hall", 40), Space("Room 2", 12)]
    agenda = build_agenda(offered, 2, rooms)
    # Host 10 offered two sessions: the second takes Room 2 in the first slot and session 4
    # moves to the second, so nothing is left out and nobody is in two places at once.
    first = [(p.session.id, p.space.name) for p in agenda.at(0)]
    second = [(p.session.id, p.space.name) for p in agenda.at(1)]
    assert first == [(2, "Main hall"), (3, "Room 2")]
    assert second == [(1, "Main hall"), (4, "Room 2")]
    assert agenda.unplaced == ()
    crowded = build_agenda([*offered, Session(5, host=13, wanted=1)], 2, rooms)
    assert [s.id for s in crowded.unplaced] == [5]
