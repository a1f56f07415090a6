"""The digest rendered for an officer: Telegram messages, a chart, a CSV and an HTML report.

Pure functions over ``DigestFigures``. The frame is in the officer's language; proposals keep
their own. Every number in the chart is also in the text, so the chart is never the only way
to read it.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable, Mapping, Sequence

from babel.dates import format_interval

from bot.config import WELLBEING_GOALS, Config
from bot.domain.figures import METRICS, DigestFigures, DigestItem, Tally
from bot.domain.people import Side
from bot.domain.proposals import Status, reference
from bot.i18n import NC_, Html, I18n, Translator, escape
from bot.render import (
    answers_report,
    common_ground,
    digest_chart,
    indicators,
    limits,
    meetings,
    spreadsheet,
)
from bot.render.goals import GOAL_NAMES
from bot.render.proposals import TITLE_ROOM, community_name, status_label

MESSAGE_LIMIT = limits.MESSAGE_LIMIT  # counted as Telegram counts: see bot/render/limits.py
ITEMS_PER_LIST = 8

# Count labels ("Adopted: 3"): the context keeps them apart from the status buttons, which
# Welsh words differently ("Mabwysiadwyd: 3" here, "Wedi'i fabwysiadu" on a button).
DETAIL_ROOM = 300  # a proposal's detail in the HTML report (the CSV has the title only)
METRIC_LABELS = {
    "new_proposals": NC_("digest count", "New proposals"),
    "supports": NC_("digest count", "Supports"),
    "answers": NC_("digest count", "Answers to prompts"),
    "adopted": NC_("digest count", "Adopted"),
    "not_taken_forward": NC_("digest count", "Not taken forward"),
    "delivered": NC_("digest count", "Delivered"),
    "meeting_input": NC_("digest count", "Meeting input"),
}


def period_label(t: Translator, figures: DigestFigures) -> str:
    """ "16–22 Nov 2026" in the reader's locale; a week not over yet says so."""
    period = figures.period
    days = format_interval(period.first_day, period.last_day, "yMMMd", locale=t.locale)
    if period.so_far:
        return t._("the week so far, {days} (Monday to today)", days=days)
    return days


def _before_label(t: Translator, figures: DigestFigures) -> str:
    """What the period is compared with (a column heading)."""
    if figures.period.so_far:
        return t._("Same days, week before")
    return t._("Week before")


def _counts(t: Translator, tally: Tally) -> str:
    return ", ".join(
        [
            t.n_("{count} new proposal", "{count} new proposals", tally.new_proposals),
            t.n_("{count} support", "{count} supports", tally.supports),
            t.n_("{count} answer to prompts", "{count} answers to prompts", tally.answers),
        ]
    )


def _decisions(t: Translator, tally: Tally) -> str:
    return " · ".join(
        f"{t.p_(*METRIC_LABELS[m])}: {t.number(tally.value(m))}"
        for m in ("adopted", "not_taken_forward", "delivered", "meeting_input")
    )


def _change(t: Translator, now: int, before: int, so_far: bool) -> str:
    difference = now - before
    if difference == 0 and so_far:
        return t._("same as the same days of the week before")
    if difference == 0:
        return t._("same as the week before")
    arrow = "▲" if difference > 0 else "▼"
    if so_far:
        return t._(
            "{arrow} {difference} on the same days of the week before",
            arrow=arrow, difference=abs(difference),
        )  # fmt: skip
    return t._("{arrow} {difference} on the week before", arrow=arrow, difference=abs(difference))


def _item_line(t: Translator, item: DigestItem, changed_to: dict[int, Status]) -> str:
    facts = [t.n_("{count} supporter", "{count} supporters", item.support_count)]
    if item.side is Side.YOUTH:
        facts.append(t._("Youth forum"))
    if item.meeting_input:
        facts.append(t._("meeting input"))
    ref = reference(item.proposal_id)
    title = limits.trim(item.title, TITLE_ROOM)
    line = f"• <b>{ref}</b> {escape(title)} <i>({', '.join(facts)})</i>"
    if item.proposal_id in changed_to:
        line += " → " + escape(status_label(t, changed_to[item.proposal_id]))
    return line


def forum_sections(
    t: Translator, figures: DigestFigures, forum_id: str
) -> list[tuple[str, list[DigestItem]]]:
    """Most supported, new, changed: each proposal under the first heading it belongs to."""
    shown: set[int] = set()
    sections = []
    for heading, items in (
        (
            t._("Most supported open proposals:"),
            [i for i in figures.top.get(forum_id, []) if i.support_count],
        ),
        (t._("New:"), [i for i in figures.new if i.forum_id == forum_id]),
        (t._("Status changed:"), [i for i in figures.changed if i.forum_id == forum_id]),
    ):
        fresh = [i for i in items if i.proposal_id not in shown]
        shown.update(i.proposal_id for i in fresh)
        if fresh:
            sections.append((heading, fresh))
    return sections


def _forum_block(
    t: Translator, config: Config, figures: DigestFigures, forum_id: str
) -> list[str]:
    forum = config.forum(forum_id)
    name = escape(forum.name(t.language) if forum else forum_id)
    adult, youth = figures.tally(forum_id, Side.ADULT), figures.tally(forum_id, Side.YOUTH)
    sections = forum_sections(t, figures, forum_id)
    if adult + youth == Tally() and not sections:
        return [t._("<b>{forum}</b>: nothing new this week.", forum=Html(name))]
    lines = [
        f"<b>{name}</b>",
        t._("Adults: {counts}", counts=Html(_counts(t, adult))),
        t._("Youth forum: {counts}", counts=Html(_counts(t, youth))),
        _decisions(t, adult + youth),
    ]
    changed_to = {i.proposal_id: i.changed_to for i in figures.changed if i.changed_to}
    for heading, items in sections:
        lines.append(heading)
        lines.extend(_item_line(t, item, changed_to) for item in items[:ITEMS_PER_LIST])
        if len(items) > ITEMS_PER_LIST:
            more = len(items) - ITEMS_PER_LIST
            lines.append(t._("…and {count} more in the attached files.", count=more))
    return lines


def _totals_block(t: Translator, figures: DigestFigures) -> list[str]:
    now, before = figures.total(), figures.total(previous=True)
    adult, youth = figures.total(Side.ADULT), figures.total(Side.YOUTH)
    lines = [t._("<b>All forums</b>")]
    for metric in METRICS:
        lines.append(
            t._(
                "{label}: {total} (adults {adult}, youth {youth}; {change})",
                label=t.p_(*METRIC_LABELS[metric]),
                total=now.value(metric),
                adult=adult.value(metric),
                youth=youth.value(metric),
                change=Html(
                    _change(t, now.value(metric), before.value(metric), figures.period.so_far)
                ),
            )
        )
    taking_part = figures.people_taking_part
    lines.append(
        t._(
            "People taking part (proposed, supported or answered; each counted once): {total} "
            "(adults {adult}, youth {youth})",
            total=sum(taking_part.values()),
            adult=taking_part.get(Side.ADULT, 0),
            youth=taking_part.get(Side.YOUTH, 0),
        )
    )
    people = figures.supporters
    lines.append(
        t._(
            "People who supported (each counted once, however many supports): {total} (adults "
            "{adult}, youth {youth})",
            total=sum(people.values()),
            adult=people.get(Side.ADULT, 0),
            youth=people.get(Side.YOUTH, 0),
        )
    )
    if figures.hidden:
        lines.append(
            t.n_(
                "{count} proposal was hidden by moderators.",
                "{count} proposals were hidden by moderators.",
                figures.hidden,
            )
        )
    return lines


def goal_totals(config: Config, figures: DigestFigures) -> dict[str, Tally]:
    """Totals per Well-being of Future Generations goal, from the forums mapped to each."""
    totals: dict[str, Tally] = {}
    for goal in WELLBEING_GOALS:
        forums = [f.id for f in config.forums if goal in f.wellbeing_goals]
        if forums:
            total = Tally()
            for forum_id in forums:
                total = total + figures.forum_total(forum_id)
            totals[goal] = total
    return totals


def _goals_block(t: Translator, config: Config, figures: DigestFigures) -> list[str]:
    totals = goal_totals(config, figures)
    if not totals:
        return []
    lines = [
        t._("<b>By well-being goal</b> (Well-being of Future Generations (Wales) Act 2015)"),
        t._(
            "A forum serves several goals, so a proposal counts under each of its forum's goals: "
            "these rows overlap and do not add up to the totals above."
        ),
    ]
    lines.extend(
        f"{escape(t._(GOAL_NAMES[goal]))}: {_counts(t, tally)}" for goal, tally in totals.items()
    )
    return lines


def messages(t: Translator, config: Config, figures: DigestFigures) -> list[str]:
    """The digest as Telegram messages (HTML), each under the length limit, split between
    blocks (never inside a line), in order: summary, then each forum, then the goals."""
    heading = t._(
        "📊 <b>Community Strategy digest</b>\n{council} · {period}",
        council=config.council.name(t.language),
        period=period_label(t, figures),
    )
    overdue = answers_report.overdue_lines(t, config, figures)
    blocks = [[heading, *overdue, *_totals_block(t, figures)]]
    blocks.append(answers_report.answers_lines(t, config, figures))
    conversations = common_ground.digest_lines(t, config, figures.conversations)
    if conversations:
        blocks.append(conversations)
    measures = indicators.digest_lines(t, config, figures.indicators)
    if measures:
        blocks.append(measures)
    held = meetings.digest_lines(t, config, figures.meetings)
    if held:
        blocks.append(held)
    blocks.extend(_forum_block(t, config, figures, forum.id) for forum in config.forums)
    goals = _goals_block(t, config, figures)
    if goals:
        blocks.append(goals)
    blocks.append(
        [
            t._(
                "The chart, a CSV of every proposal and an HTML report to forward to "
                "councillors follow."
            )
        ]
    )
    return pack(["\n".join(block) for block in blocks], MESSAGE_LIMIT)


def pack(blocks: Iterable[str], limit: int) -> list[str]:
    """Join HTML blocks into as few messages as fit in ``limit`` (visible text, counted as
    Telegram counts it); an oversized block is split between its lines."""
    parts: list[str] = []
    current, size = "", 0
    for block in blocks:
        for piece in _fit(block, limit):
            piece_size = limits.html_units(piece)
            if current and size + 2 + piece_size <= limit:
                current, size = f"{current}\n\n{piece}", size + 2 + piece_size
            else:
                if current:
                    parts.append(current)
                current, size = piece, piece_size
    if current:
        parts.append(current)
    return parts


def _fit(block: str, limit: int) -> list[str]:
    if limits.fits(block, limit):
        return [block]
    pieces, current, size = [], "", 0
    for line in block.split("\n"):
        if not limits.fits(line, limit):  # cannot happen with bounded titles; stay valid anyway
            line = escape(limits.trim(limits.visible(line), limit))
        line_size = limits.html_units(line)
        if current and size + 1 + line_size <= limit:
            current, size = f"{current}\n{line}", size + 1 + line_size
        else:
            if current:
                pieces.append(current)
            current, size = line, line_size
    if current:
        pieces.append(current)
    return pieces


# ---- CSV and HTML ------------------------------------------------------------------------

CSV_COLUMNS = (
    "reference", "forum_id", "forum", "side", "status", "status_name", "title", "language",
    "community_id", "community", "meeting_input", "supporters", "new_in_period",
    "status_changed_to", "created_at_local",
)  # fmt: skip


def period_items(figures: DigestFigures) -> list[DigestItem]:
    """Every proposal the period touched (new, or changed status), once each."""
    items: dict[int, DigestItem] = {}
    for item in [*figures.new, *figures.changed]:
        items.setdefault(item.proposal_id, item)
    changed = {i.proposal_id: i.changed_to for i in figures.changed}
    return [
        DigestItem(**{**item.__dict__, "changed_to": changed.get(item.proposal_id)})
        for item in sorted(items.values(), key=lambda i: i.proposal_id)
    ]


def csv_text(t: Translator, config: Config, figures: DigestFigures) -> str:
    """One row per proposal in the period; no personal data (no names, no Telegram ids)."""
    new_ids = {i.proposal_id for i in figures.new}
    rows = []
    for item in period_items(figures):
        forum = config.forum(item.forum_id)
        local = item.created_at.astimezone(config.council.timezone)
        rows.append(
            [
                reference(item.proposal_id), item.forum_id,
                forum.name(t.language) if forum else item.forum_id, item.side.value,
                item.status.value, status_label(t, item.status), item.title, item.language,
                item.community_id or "", community_name(config, item.community_id, t) or "",
                int(item.meeting_input), item.support_count, int(item.proposal_id in new_ids),
                item.changed_to.value if item.changed_to else "",
                local.strftime("%Y-%m-%d %H:%M"),
            ]
        )  # fmt: skip
    return spreadsheet.csv_text(CSV_COLUMNS, rows)


def _cell(value: object) -> str:
    """Raw data (titles, names from the config) for HTML."""
    return html.escape(str(value))


def _t(value: object) -> str:
    """Translator output (its values already escaped for Telegram) for HTML, escaped once."""
    return html.escape(html.unescape(str(value)))


_NUMBERS = re.compile(r"^[\d\s.,%–+\-]*$")


def _numeric(value: object) -> bool:
    """A count, share or amount (right-aligned, to compare down a column); words are not."""
    return isinstance(value, int | float) or _NUMBERS.match(str(value)) is not None


def _table(headings: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A table of translated labels and numbers, in a box that scrolls sideways on a narrow
    screen (so the page itself never does); the first column heads each row."""
    head = "".join(f'<th scope="col">{_t(h)}</th>' for h in headings)
    body = "".join(
        "<tr>"
        + "".join(
            f'<th scope="row">{_t(v)}</th>'
            if i == 0
            else f"<td>{_t(v)}</td>"
            if _numeric(v)
            else f'<td class="words">{_t(v)}</td>'
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return '<div class="scroll" tabindex="0">' + table + "</div>"


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #1f5f8b}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}
tbody th{font-weight:normal;text-align:left}
hr{margin:3rem 0;border:0;border-top:4px solid #1f5f8b}.languages{margin-bottom:1rem}
th,td{border:1px solid #ccd;padding:.3rem .5rem;text-align:left}
td:not(:first-child),th:not(:first-child){text-align:right}td.words{text-align:left}
th{background:#eef3f7}.muted{color:#555}img{max-width:100%;height:auto}
ul{padding-left:1.2rem}.youth{color:#a35a00}
"""


def html_report(
    i18n: I18n,
    t: Translator,
    config: Config,
    figures: DigestFigures,
    drawn: Mapping[str, tuple[bytes, bytes]] | None = None,
) -> str:
    """A self-contained page (no external assets) an officer can forward to councillors: the
    whole report in Welsh, then in English (councillors read either), each marked with its
    ``lang``; tables scroll inside their own box, so nothing is cut off on a phone. ``t`` only
    decides the page's title. ``drawn``: charts already drawn, by language (drawing one takes
    about a second: the Telegram digest's pair is not drawn twice)."""
    title = t._("Community Strategy digest, {period}", period=period_label(t, figures))
    sections = []
    for language in ("cy", "en"):
        reader = i18n(language)
        sections.append(
            f'<section lang="{language}" id="{language}">'
            f"{_html_section(reader, config, figures, (drawn or {}).get(language))}</section>"
        )
    switch = (
        '<nav class="languages"><a href="#cy" lang="cy">Cymraeg</a> · '
        '<a href="#en" lang="en">English</a></nav>'
    )
    body = switch + "\n" + "\n<hr />\n".join(sections)
    return (
        f'<!DOCTYPE html>\n<html lang="cy"><head><meta charset="utf-8" />'
        f'<meta name="viewport" content="width=device-width, initial-scale=1" />'
        f"<title>{_t(title)}</title><style>{CSS}</style></head>\n"
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def _html_section(
    t: Translator, config: Config, figures: DigestFigures, drawn: tuple[bytes, bytes] | None
) -> str:
    """The report in one language."""
    title = t._("Community Strategy digest, {period}", period=period_label(t, figures))
    pair = drawn or (
        digest_chart.by_forum_png(t, config, figures),
        digest_chart.trend_png(t, figures),
    )
    charts = [base64.b64encode(png).decode() for png in pair]
    side_heads = [t._("Adults"), t._("Youth forum"), t._("Total"), _before_label(t, figures)]
    totals_rows = [
        [
            t.p_(*METRIC_LABELS[m]),
            figures.total(Side.ADULT).value(m),
            figures.total(Side.YOUTH).value(m),
            figures.total().value(m),
            figures.total(previous=True).value(m),
        ]
        for m in METRICS
    ]
    alts = [
        t._(
            "Chart by forum of new proposals, people taking part, answers to prompts and "
            "decisions, adults and youth side by side. The same numbers are in the tables below."
        ),
        t._(
            "Chart of the same four measures week by week over the last 12 weeks, adults and "
            "youth, and of the proposals the council answered for the first time each week."
        ),
    ]
    parts = [
        f'<h1>{_t(title)}</h1><p class="muted">{_cell(config.council.name(t.language))}</p>',
        *(
            f'<img src="data:image/png;base64,{chart}" alt="{_t(alt)}" />'
            for chart, alt in zip(charts, alts, strict=True)
        ),
        "<h2>" + _t(t._("All forums")) + "</h2>",
        _table([t._("Measure"), *side_heads], totals_rows),
        "<h2>" + _t(t._("The council's answers")) + "</h2>",
        _table(
            [t._("Measure"), t._("Adults"), t._("Youth forum"), t._("Total")],
            answers_report.table_rows(t, config, figures),
        ),
        '<p class="muted">' + _t(answers_report.too_few_note(t)) + "</p>",
    ]
    forum_rows = answers_report.forum_table_rows(t, config, figures)
    if forum_rows:
        heads = [
            t._("Forum"), t._("Answered this period"), t._("Waiting for an answer"),
            t._("Overdue"), t._("Median time to a first answer"),
            t._("Within the promise (last 12 weeks)"),
        ]  # fmt: skip
        parts.append("<h3>" + _t(t._("The council's answers by forum")) + "</h3>")
        parts.append(_table(heads, forum_rows))
    quiet_forums = []
    for forum in config.forums:
        rows = [
            [
                t.p_(*METRIC_LABELS[m]),
                figures.tally(forum.id, Side.ADULT).value(m),
                figures.tally(forum.id, Side.YOUTH).value(m),
                figures.forum_total(forum.id).value(m),
                figures.forum_total(forum.id, previous=True).value(m),
            ]
            for m in METRICS
        ]
        quiet = figures.forum_total(forum.id) == Tally() and not forum_sections(
            t, figures, forum.id
        )
        if quiet and figures.forum_total(forum.id, previous=True) == Tally():
            quiet_forums.append(forum.name(t.language))
            continue
        parts.append(f"<h2>{_cell(forum.name(t.language))}</h2>")
        parts.append(_table([t._("Measure"), *side_heads], rows))
        parts.append(_html_items(t, config, figures, forum.id))
    if quiet_forums:
        quiet_line = t._("Nothing new this week in: {forums}.", forums=", ".join(quiet_forums))
        parts.append(f'<p class="muted">{_t(quiet_line)}</p>')
    parts += _html_conversations(t, config, figures)
    if figures.meetings:
        parts.append("<h2>" + _t(t._("Forum meetings this week")) + "</h2>")
        heads = [t._("Forum"), t._("Date"), t._("Place"), t._("Came"), t._("Answers")]
        parts.append(_table(heads, meetings.table_rows(t, config, figures.meetings)))
    if figures.indicators:
        parts.append("<h2>" + _t(t._("Indicators the forums chose")) + "</h2>")
        heads = [
            t._("Forum"), t._("Question"), t._("Adults"), t._("Young people"), t._("Everyone"),
            t._("Weekly means, last 12 weeks"),
        ]  # fmt: skip
        parts.append(_table(heads, indicators.table_rows(t, config, figures.indicators)))
    goals = goal_totals(config, figures)
    if goals:
        parts.append("<h2>" + _t(t._("By well-being goal")) + "</h2>")
        parts.append(
            _table(
                [
                    t._("Goal"),
                    *(t.p_(*METRIC_LABELS[m]) for m in ("new_proposals", "supports", "answers")),
                ],
                [
                    [t._(GOAL_NAMES[g]), v.new_proposals, v.supports, v.answers]
                    for g, v in goals.items()
                ],
            )
        )
    return "\n".join(parts)


def _html_conversations(t: Translator, config: Config, figures: DigestFigures) -> list[str]:
    """Each conversation open in the period: its question and every statement's votes."""
    if not figures.conversations:
        return []
    parts = ["<h2>" + _t(t._("Common ground: conversations this week")) + "</h2>"]
    heads = [t._("Statement"), t._("Votes"), t._("Agree"), t._("Disagree"), t._("By group")]
    for outcome in figures.conversations:
        label = common_ground.forum_label(t, config, outcome.round)
        question = common_ground.question_text(t, outcome.round)
        parts.append(f"<h3>{_cell(label)}</h3><p>{_cell(question)}</p>")
        parts.append(f'<p class="muted">{_t(common_ground.counts(t, outcome.results))}</p>')
        parts.append(_table(heads, common_ground.table_rows(t, config, outcome)))
    return parts


def _html_items(t: Translator, config: Config, figures: DigestFigures, forum_id: str) -> str:
    """Each proposal in the forum's lists: reference, title (in its own language), the youth
    side, supporters, the community or ward, a change of status and the officer's note or
    reason, where there is one."""
    changed_to = {i.proposal_id: i.changed_to for i in figures.changed if i.changed_to}
    notes = {i.proposal_id: i.note for i in figures.changed if i.note}
    out = []
    for heading, items in forum_sections(t, figures, forum_id):
        lines = []
        for item in items:
            youth = t._("Youth forum")
            side = f' <span class="youth">({_t(youth)})</span>' if item.side is Side.YOUTH else ""
            status = changed_to.get(item.proposal_id)
            change = f" → {_t(status_label(t, status))}" if status else ""
            supporters = t.n_("{count} supporter", "{count} supporters", item.support_count)
            facts = [_t(supporters)]
            ward = community_name(config, item.community_id, t)
            if ward:
                facts.append(_cell(ward))
            note = notes.get(item.proposal_id)
            said = f'<br /><span class="muted">“{_cell(note)}”</span>' if note else ""
            if item.detail:
                detail = limits.trim(item.detail, DETAIL_ROOM)
                said = f'<br /><span lang="{item.language}">{_cell(detail)}</span>' + said
            lines.append(
                f'<li><strong>{reference(item.proposal_id)}</strong> <span lang="{item.language}">'
                f"{_cell(item.title)}</span>{side} ({', '.join(facts)}){change}{said}</li>"
            )
        out.append(f"<p>{_t(heading)}</p><ul>{''.join(lines)}</ul>")
    return "".join(out)
