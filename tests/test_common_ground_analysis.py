"""The common-ground analysis on its own (no Telegram): planted opinion groups come back, small
groups are never reported, the scores mean what the docs say, and raw statement text never
breaks the rules' checks (hypothesis)."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.common_ground import (
    MIN_GROUP_VOICES,
    STATEMENT_MAX,
    Cast,
    Group,
    StatementProblem,
    Tally,
    Vote,
    Voter,
    analyse,
    consensus,
    near_duplicate,
    next_statement,
    statement_problem,
)


def planted(groups: int, size: int, statements: int, seed: int) -> tuple[list[Voter], list[Cast]]:
    """``groups`` groups of ``size`` members: each agrees with its own share of statements and
    disagrees with the next group's, 10 % noise, 70 % of statements seen."""
    rng = random.Random(seed)
    voters = [Voter(k, "adult") for k in range(groups * size)]
    votes = []
    for voter in voters:
        group = voter.key % groups
        for statement in range(1, statements + 1):
            if rng.random() > 0.7:
                continue
            own = statement % groups
            lean = 1 if own == group else (-1 if own == (group + 1) % groups else 0)
            vote = lean if rng.random() < 0.9 else rng.choice((-1, 0, 1))
            votes.append(Cast(voter.key, statement, Vote(vote)))
    return voters, votes


def test_planted_opinion_groups_are_recovered() -> None:
    for groups in (2, 3, 4):
        voters, votes = planted(groups, 12, 30, seed=groups)
        results = analyse(list(range(1, 31)), voters, votes, seed=1)
        assert results.opinion_groups is not None
        found = list(results.opinion_groups.members.values())
        assert len(found) == groups
        for members in found:  # every group found is one planted group, whole
            assert len({key % groups for key in members}) == 1
            assert len(members) == 12


def test_the_same_votes_give_the_same_groups() -> None:
    voters, votes = planted(3, 10, 20, seed=5)
    first = analyse(list(range(1, 21)), voters, votes, seed=9)
    again = analyse(list(range(1, 21)), voters, list(reversed(votes)), seed=9)
    assert first.opinion_groups == again.opinion_groups


def test_groups_under_five_voters_are_not_reported() -> None:
    voters = [Voter(k, "adult") for k in range(6)] + [Voter(10 + k, "youth") for k in range(4)]
    votes = [Cast(v.key, 1, Vote.AGREE) for v in voters] + [
        Cast(v.key, 2, Vote.AGREE if v.side == "adult" else Vote.DISAGREE) for v in voters
    ]
    results = analyse([1, 2], voters, votes)
    assert Group("side", "youth") in results.too_small
    assert set(results.groups) == {Group("side", "adult")}
    for statement in results.statements:
        assert Group("side", "youth") not in statement.by_group
        assert statement.overall.seen == 10  # their votes still count overall
    # With one group reported there is no "common ground" or "divisive" to claim.
    assert results.common_ground == () and results.divisive == ()
    assert MIN_GROUP_VOICES == 5


def test_common_ground_and_divisive_with_the_numbers() -> None:
    adults = [Voter(k, "adult") for k in range(5)]
    youth = [Voter(10 + k, "youth") for k in range(5)]
    votes = [Cast(v.key, 1, Vote.AGREE) for v in adults + youth]  # everyone
    votes += [Cast(v.key, 2, Vote.AGREE) for v in adults]
    votes += [Cast(v.key, 2, Vote.DISAGREE) for v in youth]  # split
    votes += [Cast(v.key, 3, Vote.PASS) for v in adults + youth]  # nobody minds
    results = analyse([1, 2, 3], adults + youth, votes)
    assert [r.statement for r in results.common_ground] == [1]
    assert [r.statement for r in results.divisive] == [2]
    first = results.statements[0]
    assert first.consensus == 6 / 7  # (5 + 1) / (5 + 2) in both groups
    second = results.statements[1]
    assert second.by_group[Group("side", "youth")] == Tally(0, 5, 0)
    assert round(second.divisiveness, 4) == round(5 / 7 + 5 / 7, 4)


def test_consensus_does_not_shrink_as_groups_are_added() -> None:
    agreeing = Tally(9, 1, 0)
    assert consensus([agreeing] * 2) == consensus([agreeing] * 6)  # a product would shrink
    assert consensus([agreeing, Tally(0, 10, 0)]) < 0.5


def test_dealing_spreads_votes_and_is_reproducible() -> None:
    counts = {1: 3, 2: 0, 3: 0, 4: 5}
    picks = {next_statement([1, 2, 3, 4], counts, seed) for seed in range(30)}
    assert picks == {2, 3}  # only the least-voted
    assert next_statement([1, 2, 3, 4], counts, 7) == next_statement([1, 2, 3, 4], counts, 7)
    assert next_statement([], counts, 1) is None


def test_statement_rules() -> None:
    assert statement_problem("   ") is StatementProblem.EMPTY
    assert statement_problem("x" * (STATEMENT_MAX + 1)) is StatementProblem.TOO_LONG
    assert statement_problem("🌊🌊🌊 !!") is StatementProblem.NO_WORDS
    assert statement_problem("see https://example.com") is StatementProblem.LINK
    assert statement_problem("More bins, please", ["more  bins please!"]) is (
        StatementProblem.REPEATED
    )
    assert statement_problem("More bins please", ["More bikes please"]) is None
    assert statement_problem("Mwy o goed ar y prom") is None


@given(st.text(max_size=400), st.lists(st.text(max_size=300), max_size=4))
def test_any_text_gets_an_answer_never_a_crash(text: str, earlier: list[str]) -> None:
    problem = statement_problem(text, earlier)
    if problem is None:
        assert 0 < len(text.strip()) <= STATEMENT_MAX


@given(st.text(max_size=120), st.text(max_size=120))
def test_near_duplicate_is_symmetric(one: str, other: str) -> None:
    assert near_duplicate(one, other) == near_duplicate(other, one)
    assert near_duplicate(one, one)
