"""A conversation's results as people read them: lines of text (for the convenor's results and
the digest's "common ground" section), HTML table rows, and a chart of agreement per group.

The chart is never the only way to read the numbers: the same shares are in the text."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from bot.config import Config
from bot.domain.common_ground import (
    MIN_GROUP_VOICES,
    Group,
    Results,
    Round,
    RoundOutcome,
    RoundSide,
    StatementResult,
    Vote,
)
from bot.i18n import Html, Translator, escape
from bot.render import charts, limits

QUOTE_ROOM = 160  # characters of a statement quoted in a results line
CHARTED = 12  # statements on the chart, most-voted first
# The digest chart's blue and orange (apart for most colour vision); hatching for everyone.
PALETTE = ("#1f5f8b", "#e07b00", "#2e7d32", "#6a1b9a", "#555555")
HATCHES = ("", "//", "..", "xx", "--")


def group_name(t: Translator, config: Config, group: Group) -> str:
    """Adults, Young people, a community's name, or "Opinion group A" (plain text)."""
    if group.kind == "side":
        return html.unescape(t._("Adults") if group.label == "adult" else t._("Young people"))
    if group.kind == "community":
        found = next((c for c in config.communities if c.id == group.label), None)
        return found.name(t.language) if found else group.label
    return html.unescape(t._("Opinion group {label}", label=group.label))


def quote(text: str) -> str:
    """A statement quoted, escaped and trimmed."""
    return "“" + escape(limits.trim(text, QUOTE_ROOM)) + "”"


def shares(t: Translator, config: Config, result: StatementResult, opinion: bool = False) -> str:
    """ "Adults: 75% agree, 25% disagree; Young people: …" (opinion groups only if asked)."""
    return "; ".join(
        t._(
            "{group}: {agree} agree, {disagree} disagree",
            group=group_name(t, config, group),
            agree=t.percent(tally.share(Vote.AGREE)),
            disagree=t.percent(tally.share(Vote.DISAGREE)),
        )
        for group, tally in result.by_group.items()
        if opinion or group.kind != "opinion"
    )


def statement_lines(
    t: Translator, config: Config, result: StatementResult, texts: Mapping[int, str]
) -> str:
    """A statement and how each group voted on it."""
    parts = shares(t, config, result)
    return quote(texts.get(result.statement, "?")) + (f"\n   {parts}" if parts else "")


def counts(t: Translator, results: Results) -> str:
    """ "7 statements · 10 voters · 64 votes"."""
    statements = len(results.statements)
    return " · ".join(
        (
            t.n_("{count} statement", "{count} statements", statements, count=statements),
            t.n_("{count} voter", "{count} voters", results.voters, count=results.voters),
            t.n_("{count} vote", "{count} votes", results.votes, count=results.votes),
        )
    )


def result_lines(
    t: Translator, config: Config, outcome: RoundOutcome, shown: int = 3
) -> list[str]:
    """Groups, common ground, where groups differ and opinion groups, as text lines."""
    results, texts = outcome.results, outcome.texts
    lines = [counts(t, results)]
    groups = [
        t._("{group} ({count})", group=group_name(t, config, g), count=n)
        for g, n in results.groups.items()
    ]
    if groups:
        lines.append(t._("Groups: {groups}", groups=Html(", ".join(groups))))
    if results.too_small:
        small = ", ".join(escape(group_name(t, config, g)) for g in results.too_small)
        lines.append(
            t._(
                "Not enough voices yet (fewer than {least}) to report on its own: {groups}",
                least=MIN_GROUP_VOICES,
                groups=Html(small),
            )
        )
    lines.append("\n<b>" + t._("Common ground") + "</b>")
    lines += [statement_lines(t, config, r, texts) for r in results.common_ground[:shown]] or [
        t._("None yet: no statement has a majority of every group behind it.")
    ]
    lines.append("\n<b>" + t._("Where groups differ") + "</b>")
    lines += [statement_lines(t, config, r, texts) for r in results.divisive[:shown]] or [
        t._("None yet.")
    ]
    if results.opinion_groups is not None:
        sizes = ", ".join(
            f"{label} ({len(keys)})" for label, keys in results.opinion_groups.members.items()
        )
        lines.append(
            "\n" + t._("Opinion groups found in the votes: {groups}", groups=Html(escape(sizes)))
        )
    return lines


def forum_label(t: Translator, config: Config, found: Round) -> str:
    """ "Transport", "Transport (youth forum)", "Transport (adults and young people together)"."""
    return sides_label(t, config, found.forum_id, found.side)


def sides_label(t: Translator, config: Config, forum_id: str, side: RoundSide) -> str:
    """A forum side, or both sides together, by name (plain text)."""
    forum = config.forum(forum_id)
    name = forum.name(t.language) if forum else forum_id
    if side is RoundSide.YOUTH:
        return html.unescape(t._("{forum} (youth forum)", forum=name))
    if side is RoundSide.BOTH:
        return html.unescape(t._("{forum} (adults and young people together)", forum=name))
    return name


def question_text(t: Translator, found: Round) -> str:
    """The question in the reader's language, else the other (plain text)."""
    words, _ = found.question.for_reader(t.language)
    return words


def digest_lines(t: Translator, config: Config, outcomes: Sequence[RoundOutcome]) -> list[str]:
    """The digest's section: each conversation open in the week, with its top common ground
    and what divides groups most (one each)."""
    if not outcomes:
        return []
    lines = ["🗣 <b>" + t._("Common ground: conversations this week") + "</b>"]
    for outcome in outcomes:
        lines.append(
            "\n<b>" + escape(forum_label(t, config, outcome.round)) + "</b>: "
            + escape(limits.trim(question_text(t, outcome.round), QUOTE_ROOM))
        )  # fmt: skip
        lines += result_lines(t, config, outcome, shown=1)
    return lines


def table_rows(t: Translator, config: Config, outcome: RoundOutcome) -> list[list[str]]:
    """HTML report rows: every statement, its votes, and agreement by side (plain text)."""
    rows = []
    for result in sorted(outcome.results.statements, key=lambda r: -r.consensus):
        tally = result.overall
        rows.append(
            [
                limits.trim(outcome.texts.get(result.statement, "?"), QUOTE_ROOM),
                str(tally.seen),
                t.percent(tally.share(Vote.AGREE)),
                t.percent(tally.share(Vote.DISAGREE)),
                html.unescape(shares(t, config, result)),
            ]
        )
    return rows


def chart_png(t: Translator, config: Config, outcome: RoundOutcome) -> bytes:
    """Each statement (the most-voted first): per reported group, the share who agree to the
    right of the line and the share who disagree to the left (passes are the gap between)."""
    plt = charts.pyplot()
    results = outcome.results
    shown = sorted(results.statements, key=lambda r: (-r.overall.seen, r.statement))[:CHARTED]
    series: list[Group | None] = [g for g in results.groups if g.kind != "opinion"] or [None]
    height = 0.8 / len(series)
    figure, axis = plt.subplots(figsize=(8.5, 1.6 + 0.55 * max(1, len(shown))), dpi=110)
    for index, group in enumerate(series):
        tallies = [r.by_group[group] if group else r.overall for r in shown]
        agree = [tally.share(Vote.AGREE) * 100 for tally in tallies]
        disagree = [-tally.share(Vote.DISAGREE) * 100 for tally in tallies]
        places = [i - 0.4 + height * (index + 0.5) for i in range(len(shown))]
        name = group_name(t, config, group) if group else html.unescape(t._("Everyone"))
        style = {"height": height, "hatch": HATCHES[index % 5], "edgecolor": "white"}
        right = axis.barh(places, agree, color=PALETTE[index % 5], label=name, **style)
        left = axis.barh(places, disagree, color=PALETTE[index % 5], alpha=0.45, **style)
        axis.bar_label(
            right, labels=[f"{v:.0f}%" if v else "" for v in agree], padding=3, fontsize=8
        )
        axis.bar_label(
            left, labels=[f"{-v:.0f}%" if v else "" for v in disagree], padding=3, fontsize=8
        )
    labels = [charts.drawable(limits.trim(outcome.texts.get(r.statement, "?"), 48)) for r in shown]
    axis.set_yticks(range(len(shown)), labels=labels, fontsize=9)
    axis.invert_yaxis()
    axis.axvline(0, color="#333333", linewidth=0.8)
    axis.set_xlim(-118, 118)
    axis.set_xticks([-100, -50, 0, 50, 100], labels=["100%", "50%", "0", "50%", "100%"])
    axis.set_xlabel(html.unescape(t._("← disagree · agree →")))
    axis.spines[["top", "right", "left"]].set_visible(False)
    axis.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12 - 0.3 / len(shown)),
        ncol=len(series),
        frameon=False,
        fontsize=9,
    )
    axis.set_title(charts.drawable(limits.trim(question_text(t, outcome.round), 80)), fontsize=11)
    figure.tight_layout()
    return charts.png(figure)
