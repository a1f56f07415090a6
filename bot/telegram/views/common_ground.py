"""Conversations as members see them: the invitation, writing a statement, voting one
statement at a time (Agree / Disagree / Pass / Report), and the answers to each outcome."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.domain.common_ground import (
    STATEMENT_MAX,
    Round,
    Statement,
    StatementProblem,
    VoteOutcome,
)
from bot.i18n import N_, Html, Translator, escape, unescape
from bot.render import limits
from bot.telegram.callbacks import CallbackData
from bot.telegram.keyboards import Button, Keyboard
from bot.telegram.views import View


class RoundAction(StrEnum):
    """The two things a member can do in a conversation, and stopping."""

    ADD = "add"
    VOTE = "vote"
    STOP = "stop"


class VoteChoice(StrEnum):
    """A voting button; REPORT is not a vote (the statement is not dealt again)."""

    AGREE = "a"
    DISAGREE = "d"
    PASS = "p"
    REPORT = "r"


@dataclass(frozen=True)
class InRound(CallbackData, prefix="cg"):
    """Add a statement / vote / stop for now, in one conversation."""

    round_id: int
    action: RoundAction


@dataclass(frozen=True)
class VoteOn(CallbackData, prefix="cv"):
    """A vote (or a report) on one statement."""

    statement_id: int
    choice: VoteChoice


CHOICE_LABELS = {
    VoteChoice.AGREE: N_("👍 Agree"),
    VoteChoice.DISAGREE: N_("👎 Disagree"),
    VoteChoice.PASS: N_("🤷 Pass / unsure"),
    VoteChoice.REPORT: N_("⚠️ Report"),
}


def question(t: Translator, found: Round) -> str:
    """The conversation's question in the reader's language (or the other, said so)."""
    words, other = found.question.for_reader(t.language)
    text = escape(limits.trim(words, 600))
    if other == "en":
        return text + " <i>" + t._("(in English only)") + "</i>"
    if other == "cy":
        return text + " <i>" + t._("(in Welsh only)") + "</i>"
    return text


def _actions(t: Translator, round_id: int) -> Keyboard:
    return Keyboard(
        [
            [Button(t._("🗳 Vote on statements"), InRound(round_id, RoundAction.VOTE).pack())],
            [Button(t._("✍️ Add a statement"), InRound(round_id, RoundAction.ADD).pack())],
        ]
    )


def invitation(t: Translator, found: Round, forum: str) -> View:
    """The message a member gets when a conversation opens."""
    text = t._(
        "🗣 <b>A conversation in {forum}</b>\n{question}\n\nAdd short statements (one idea "
        "each) and say whether you agree with other people's, one at a time. Nobody sees who "
        "wrote or voted what. Open until {closes}.",
        forum=forum,
        question=Html(question(t, found)),
        closes=t.date(found.closes_at, "full"),
    )
    return View(text, _actions(t, found.id))


def ask_statement(t: Translator, found: Round) -> View:
    """After "Add a statement"."""
    return View(
        t._(
            "Write one statement for “{question}”: one idea, up to {high} characters, in Welsh "
            "or English. Others will agree or disagree with it, without seeing who wrote it. "
            "/cancel to stop.",
            question=Html(question(t, found)),
            high=STATEMENT_MAX,
        )
    )


PROBLEMS = {
    StatementProblem.EMPTY: N_("That statement is empty. Please write one idea in words."),
    StatementProblem.TOO_LONG: N_(
        "That is longer than a statement can be. Please make it shorter and send it again; "
        "here are your words, so nothing is lost:"
    ),
    StatementProblem.NO_WORDS: N_("A statement needs words, not only emoji or symbols."),
    StatementProblem.LINK: N_("Statements cannot contain links. Please say it in your own words."),
    StatementProblem.REPEATED: N_("You have already added that statement to this conversation."),
}


def statement_problem(t: Translator, problem: StatementProblem) -> View:
    """Why a statement was not added (the flow keeps waiting for another try)."""
    return View(t._(PROBLEMS[problem]))


def statement_added(t: Translator, found: Round, waiting: bool) -> View:
    """After a statement is safely stored."""
    text = (
        t._(
            "Thank you. A youth worker will look at your statement, and then others can vote "
            "on it."
        )
        if waiting
        else t._("Thank you. Your statement is in, and others can now vote on it.")
    )
    return View(text, _actions(t, found.id))


def deal(t: Translator, statement: Statement, remaining: int) -> View:
    """One statement to vote on, with how many are left after it."""
    text = "💬 " + escape(limits.trim(statement.text, STATEMENT_MAX + 20))
    if statement.language != t.language:
        note = (
            t._("(written in English)")
            if statement.language == "en"
            else t._("(written in Welsh)")
        )
        text += f" <i>{note}</i>"
    text += "\n\n" + t.n_(
        "{count} more statement to go after this one.",
        "{count} more statements to go after this one.",
        remaining,
        count=remaining,
    )
    rows = [
        [
            Button(t._(CHOICE_LABELS[c]), VoteOn(statement.id, c).pack())
            for c in (VoteChoice.AGREE, VoteChoice.DISAGREE)
        ],
        [
            Button(t._(CHOICE_LABELS[c]), VoteOn(statement.id, c).pack())
            for c in (VoteChoice.PASS, VoteChoice.REPORT)
        ],
        [Button(t._("⏸ Stop for now"), InRound(statement.round_id, RoundAction.STOP).pack())],
    ]
    return View(text, Keyboard(rows))


def all_seen(t: Translator, found: Round) -> View:
    """Nothing left to vote on (for now)."""
    return View(
        t._(
            "You have seen every statement so far — thank you. New ones may come in until "
            "{closes}; add your own if something is missing.",
            closes=t.date(found.closes_at, "full"),
        ),
        Keyboard([[Button(t._("✍️ Add a statement"), InRound(found.id, RoundAction.ADD).pack())]]),
    )


def stopped(t: Translator, found: Round) -> View:
    """After "Stop for now": how to come back."""
    return View(
        t._("Paused. Come back any time before {closes}:", closes=t.date(found.closes_at, "full")),
        _actions(t, found.id),
    )


OUTCOMES = {
    VoteOutcome.RECORDED: N_("Noted."),
    VoteOutcome.CHANGED: N_("Changed — your vote counts once."),
    VoteOutcome.CLOSED: N_("This conversation has closed; votes are no longer taken."),
    VoteOutcome.GONE: N_("That statement is no longer open for votes."),
    VoteOutcome.OWN: N_("That is your own statement, so you do not vote on it."),
}


def outcome(t: Translator, result: VoteOutcome) -> str:
    """The short notice after a vote button."""
    return t._(OUTCOMES[result])


def reported(t: Translator) -> str:
    """After Report."""
    return t._("Thank you — the forum's convenors will look at it. You will not see it again.")


def closed(t: Translator, found: Round) -> View:
    """A button of a conversation that has closed."""
    return View(
        t._(
            "This conversation closed on {closed}. The forum's convenors have the results.",
            closed=t.date(found.closes_at, "full"),
        )
    )


def none_open(t: Translator) -> View:
    """/conversation from a member when nothing is open in their forums."""
    return View(t._("There is no conversation open in your forums just now."))


def open_list(t: Translator, rounds: list[tuple[Round, str]]) -> View:
    """The conversations open in the member's forums, each with its buttons."""
    lines = [t._("<b>Conversations open in your forums</b>")]
    rows = []
    for found, forum in rounds[:5]:
        lines.append(f"\n• {escape(forum)}: {question(t, found)}")
        rows.append(
            [
                Button(
                    unescape(t._("🗳 Vote: {forum}", forum=forum)),
                    InRound(found.id, RoundAction.VOTE).pack(),
                ),
                Button(t._("✍️ Add"), InRound(found.id, RoundAction.ADD).pack()),
            ]
        )
    return View("\n".join(lines), Keyboard(rows))
