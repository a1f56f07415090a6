"""The public site (`cydlais site --out DIR`): "you said, we did" for everyone, as static pages.

Welsh pages first (``index.html``, ``<forum>.html``) with English beside them
(``index.en.html``, ``<forum>.en.html``), each linking to the other. Built only from the open
data (store.privacy.open_data): no names, no Telegram ids, nothing that says who sent what. No
JavaScript: headings, real tables, ``lang`` on every page, readable on a phone.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import datetime
from typing import Any

from bot.config import Config
from bot.domain.people import Side
from bot.domain.proposals import Status, reference
from bot.domain.responsiveness import WINDOW, Asked, Rate, Responsiveness, measure
from bot.i18n import I18n, Translator
from bot.render import answers_report
from bot.render import proposals as proposal_text

Rows = list[dict[str, Any]]
LANGUAGES = ("cy", "en")

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:50rem;margin:1rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.5}
a{color:#0b4f7c}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #1f5f8b}
.scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #99a;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#e8eef3}.muted{color:#4a4a4a}article{border-top:1px solid #ccd;
padding:.5rem 0}ol{padding-left:1.2rem}.status{font-weight:bold}
"""


def page_name(forum_id: str | None, language: str) -> str:
    """index.html / index.en.html / transport.html / transport.en.html."""
    stem = forum_id or "index"
    return f"{stem}.html" if language == "cy" else f"{stem}.{language}.html"


def site_files(
    i18n: I18n, config: Config, data: dict[str, Rows], now: datetime
) -> dict[str, bytes]:
    """Every page, as file name → content."""
    history = _by_proposal(data.get("status_history", []))
    replies = _by_proposal(data.get("replies", []))
    proposals = [p for p in data.get("proposals", []) if p["status"] != "withdrawn"]
    asked = [_asked(p) for p in proposals]
    since = (now - WINDOW).date().isoformat()
    said = [
        (Side(r["side"]), r["clear"], r["happened"])
        for r in data.get("follow_ups", [])
        if str(r["answered_on"]) >= since
    ]
    files: dict[str, bytes] = {}
    for language in LANGUAGES:
        t = i18n(language)
        index = _index(t, config, proposals, asked, said, now)
        files[page_name(None, language)] = index.encode()
        for forum in config.forums:
            mine = [p for p in proposals if p["forum_id"] == forum.id]
            body = _forum_page(t, config, forum.id, mine, history, replies)
            files[page_name(forum.id, language)] = body.encode()
    return files


def _by_proposal(rows: Rows) -> dict[int, Rows]:
    grouped: dict[int, Rows] = defaultdict(list)
    for row in rows:
        grouped[int(row["proposal_id"])].append(row)
    return grouped


def _when(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _asked(row: dict[str, Any]) -> Asked:
    answered = row.get("first_answer_at")
    return Asked(
        Side(row["side"]),
        _when(row["created_at"]),
        _when(answered) if answered else None,
        row["status"] == Status.OPEN.value,
    )


def _e(text: object) -> str:
    """Translator output or raw words, escaped once for HTML."""
    return html.escape(html.unescape(str(text)))


def _page(t: Translator, title: str, other: str, body: str) -> str:
    switch = (
        f'<a href="{other}" lang="en" hreflang="en">English</a>'
        if t.language == "cy"
        else f'<a href="{other}" lang="cy" hreflang="cy">Cymraeg</a>'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{t.language}"><head><meta charset="utf-8" />'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>\n"
        f"<body><header><nav>{switch}</nav></header><main>\n{body}\n</main></body></html>\n"
    )


def _index(
    t: Translator,
    config: Config,
    proposals: Rows,
    asked: list[Asked],
    said: list[tuple[Side, str | None, str | None]],
    now: datetime,
) -> str:
    council = config.council.name(t.language)
    title = t._("{council}: what residents proposed, and what the council did", council=council)
    counts: dict[str, int] = defaultdict(int)
    for row in proposals:
        counts[row["forum_id"]] += 1
    forum_rows = "".join(
        f'<tr><th scope="row"><a href="{page_name(f.id, t.language)}">{_e(f.name(t.language))}'
        f"</a></th><td>{counts[f.id]}</td></tr>"
        for f in config.forums
    )
    forum_head, proposals_head = t._("Forum"), t._("Proposals")
    updated = t._("Updated {date}.", date=t.date(now, "long"))
    days, tz = config.accountability.answer_within_days, config.council.timezone
    sides = {
        side: measure(asked, said, now, now, days, tz, side)
        for side in (Side.ADULT, Side.YOUTH, None)
    }
    return _page(
        t,
        title,
        page_name(None, "en" if t.language == "cy" else "cy"),
        f"<h1>{_e(title)}</h1>"
        + "<p>"
        + _e(
            t._(
                "Residents and young people send proposals to the council's forums through "
                "Cydlais. The council has promised a first answer to each within {promise}. "
                "Here is every proposal, what became of it, and how well the council kept "
                "its promise. No one's name is published.",
                promise=t.duration(days),
            )
        )
        + "</p><h2>"
        + _e(t._("Forums"))
        + '</h2><div class="scroll"><table><thead><tr>'
        + f'<th scope="col">{_e(forum_head)}</th><th scope="col">{_e(proposals_head)}</th>'
        + f"</tr></thead><tbody>{forum_rows}</tbody></table></div>"
        + _answers_section(t, sides)
        + f'<p class="muted">{_e(updated)}</p>',
    )


def _short_rate(t: Translator, value: Rate) -> str:
    return answers_report.rate(t, value) if value.shown else f"— ({value.whole})"


def _answers_section(t: Translator, sides: dict[Side | None, Responsiveness]) -> str:
    rows = [
        (t._("Waiting for an answer"), [str(s.awaiting) for s in sides.values()]),
        (t._("Overdue"), [str(s.overdue) for s in sides.values()]),
        (
            t._("Median time to a first answer"),
            [
                answers_report.median(t, s) if s.median_over >= 5 else f"— ({s.median_over})"
                for s in sides.values()
            ],
        ),
        (
            t._("Within the promise (last 12 weeks)"),
            [
                answers_report.rate(t, s.on_time) if s.on_time.shown else f"— ({s.on_time.whole})"
                for s in sides.values()
            ],
        ),
        (
            t._("Authors: a clear answer (last 12 weeks)"),
            [_short_rate(t, s.clear) for s in sides.values()],
        ),
        (
            t._("Authors: something happened (last 12 weeks)"),
            [_short_rate(t, s.happened) for s in sides.values()],
        ),
    ]
    heads = [t._("Adults"), t._("Youth forum"), t._("Total")]
    body = "".join(
        f'<tr><th scope="row">{_e(label)}</th>'
        + "".join(f"<td>{_e(v)}</td>" for v in values)
        + "</tr>"
        for label, values in rows
    )
    heading = t._("The council's answers")
    return (
        f"<h2>{_e(heading)}</h2>"
        + '<div class="scroll"><table><thead><tr><th scope="col">'
        + _e(t._("Measure"))
        + "</th>"
        + "".join(f'<th scope="col">{_e(h)}</th>' for h in heads)
        + f"</tr></thead><tbody>{body}</tbody></table></div>"
        + f'<p class="muted">{_e(answers_report.too_few_note(t))}</p>'
    )


def _forum_page(
    t: Translator,
    config: Config,
    forum_id: str,
    proposals: Rows,
    history: dict[int, Rows],
    replies: dict[int, Rows],
) -> str:
    name = proposal_text.forum_name(config, forum_id, t)
    other = page_name(forum_id, "en" if t.language == "cy" else "cy")
    all_forums, none_yet = t._("All forums"), t._("No proposals yet.")
    back = f'<p><a href="{page_name(None, t.language)}">{_e(all_forums)}</a></p>'
    articles = [_proposal(t, config, row, history, replies) for row in proposals]
    empty = f"<p>{_e(none_yet)}</p>"
    return _page(t, name, other, back + f"<h1>{_e(name)}</h1>" + ("".join(articles) or empty))


def _proposal(
    t: Translator,
    config: Config,
    row: dict[str, Any],
    history: dict[int, Rows],
    replies: dict[int, Rows],
) -> str:
    proposal_id = int(row["id"])
    status = Status(row["status"])
    facts = [
        proposal_text.supporters(t, int(row["support_count"])),
        t._("sent {date}", date=t.date(_when(row["created_at"]), "medium")),
    ]
    if row["side"] == Side.YOUTH.value:
        facts.append(t._("Youth forum"))
    community = proposal_text.community_name(config, row.get("community_id"), t)
    if community:
        facts.append(community)
    events = [
        (_when(h["changed_at"]), proposal_text.status_label(t, Status(h["to_status"])), h["note"])
        for h in history.get(proposal_id, [])
    ] + [
        (_when(r["created_at"]), t._("The council replied"), r["text"])
        for r in replies.get(proposal_id, [])
    ]
    items = "".join(
        f"<li><strong>{_e(t.date(when, 'medium'))}</strong>: {_e(what)}"
        + (f" — “{html.escape(str(note))}”" if note else "")
        + "</li>"
        for when, what, note in sorted(events, key=lambda e: e[0])
    )
    lang = row.get("language") or t.language
    what_happened = t._("What happened")
    return (
        f'<article id="{reference(proposal_id)}"><h2 lang="{html.escape(str(lang))}">'
        f"{reference(proposal_id)} · {html.escape(str(row['title']))}</h2>"
        + _detail(row, str(lang))
        + f'<p><span class="status">{_e(proposal_text.status_label(t, status))}</span> · '
        + _e(" · ".join(facts))
        + "</p>"
        + (f"<h3>{_e(what_happened)}</h3><ol>{items}</ol>" if items else "")
        + "</article>"
    )


def _detail(row: dict[str, Any], lang: str) -> str:
    if not row.get("detail"):
        return ""
    return f'<p lang="{html.escape(lang)}">{html.escape(str(row["detail"]))}</p>'
