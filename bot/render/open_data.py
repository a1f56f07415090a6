"""Open data files: CSV and JSON of forums, proposals, their history and prompts, with a README
describing every column (Welsh first). No personal data."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from bot.domain.proposals import reference
from bot.render import spreadsheet

COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "forums": {
        "id": ("dynodydd byr y fforwm", "the forum's short identifier"),
        "name_cy": ("enw'r fforwm yn Gymraeg", "the forum's name in Welsh"),
        "name_en": ("enw'r fforwm yn Saesneg", "the forum's name in English"),
        "active": ("1 os yw'r fforwm yn dal i redeg", "1 if the forum still runs"),
    },
    "proposals": {
        "reference": ("cyfeirnod y cynnig, e.e. P-0042", "the proposal's reference, e.g. P-0042"),
        "id": ("rhif y cynnig (P-0042 yw 42)", "the proposal's number (P-0042 is 42)"),
        "forum_id": ("y fforwm (gweler forums)", "the forum (see forums)"),
        "side": ("adult neu youth (fforwm ieuenctid)", "adult or youth (youth shadow forum)"),
        "title": ("y teitl, fel y'i hysgrifennwyd", "the title, as written"),
        "detail": ("y manylion, fel y'u hysgrifennwyd", "the detail, as written"),
        "language": ("iaith y cynnig: cy neu en", "the proposal's language: cy or en"),
        "community_id": ("y gymuned neu'r ward, os oes un", "the community or ward, if any"),
        "status": ("y statws nawr", "the status now"),
        "meeting_input": ("1 os codwyd mewn cyfarfod", "1 if raised at a forum meeting"),
        "support_count": ("nifer y cefnogwyr", "how many people support it"),
        "created_at": ("pryd y'i cyflwynwyd (UTC)", "when it was sent (UTC)"),
        "status_changed_at": (
            "pryd y newidiodd y statws ddiwethaf (UTC)",
            "when its status last changed (UTC)",
        ),
        "first_answer_at": (
            "pryd y cafodd ei ateb cyntaf gan y cyngor (UTC), os yw wedi'i gael",
            "when the council first answered it (UTC), if it has",
        ),
    },
    "status_history": {
        "reference": ("cyfeirnod y cynnig, e.e. P-0042", "the proposal's reference, e.g. P-0042"),
        "proposal_id": ("y cynnig (gweler proposals)", "the proposal (see proposals)"),
        "from_status": ("y statws cyn y newid", "the status before the change"),
        "to_status": ("y statws ar ôl y newid", "the status after the change"),
        "note": ("nodyn y cyngor i'r preswylydd", "the council's note to the resident"),
        "changed_at": ("pryd (UTC)", "when (UTC)"),
    },
    "replies": {
        "reference": ("cyfeirnod y cynnig, e.e. P-0042", "the proposal's reference, e.g. P-0042"),
        "proposal_id": ("y cynnig (gweler proposals)", "the proposal (see proposals)"),
        "text": (
            "ateb y cyngor i'r awdur (/ymateb)",
            "the council's reply to the author (/respond)",
        ),
        "created_at": ("pryd (UTC)", "when (UTC)"),
    },
    "prompts": {
        "id": ("rhif yr ysgogiad", "the prompt's number"),
        "forum_id": ("y fforwm (gweler forums)", "the forum (see forums)"),
        "side": ("adult neu youth", "adult or youth"),
        "text_cy": ("y geiriau yn Gymraeg, os oes rhai", "the words in Welsh, if any"),
        "text_en": ("y geiriau yn Saesneg, os oes rhai", "the words in English, if any"),
        "created_at": ("pryd (UTC)", "when (UTC)"),
        "sent_to": ("at faint o aelodau yr aeth", "how many members it went to"),
        "answers": ("nifer yr atebion", "how many answers came back"),
    },
    "conversations": {
        "id": ("rhif y sgwrs", "the conversation's number"),
        "forum_id": ("y fforwm (gweler forums)", "the forum (see forums)"),
        "side": ("adult, youth neu both (y ddau)", "adult, youth or both"),
        "question_cy": ("y cwestiwn yn Gymraeg, os oes un", "the question in Welsh, if any"),
        "question_en": ("y cwestiwn yn Saesneg, os oes un", "the question in English, if any"),
        "opened_at": ("pryd yr agorodd (UTC)", "when it opened (UTC)"),
        "closes_at": ("pryd mae'n cau (UTC)", "when it closes (UTC)"),
        "statements": ("nifer y datganiadau a ddangoswyd", "how many statements were shown"),
        "voters": ("nifer y bobl a bleidleisiodd", "how many people voted"),
    },
    "statements": {
        "id": ("rhif y datganiad", "the statement's number"),
        "conversation_id": (
            "y sgwrs (gweler conversations)",
            "the conversation (see conversations)",
        ),
        "language": ("cy neu en", "cy or en"),
        "side": (
            "adult, youth, neu convenor (datganiad cychwynnol)",
            "adult, youth, or convenor (a starting statement)",
        ),
        "text": ("y datganiad (heb enw)", "the statement (no name)"),
        "agree": ("nifer sy'n cytuno", "how many agree"),
        "disagree": ("nifer sy'n anghytuno", "how many disagree"),
        "passes": ("nifer a basiodd", "how many passed"),
    },
    "indicators": {
        "id": ("rhif y dangosydd", "the indicator's number"),
        "forum_id": ("y fforwm (gweler forums)", "the forum (see forums)"),
        "question": ("y cwestiwn (graddfa 1 i 5)", "the question (a scale of 1 to 5)"),
        "language": ("cy neu en", "cy or en"),
        "state": (
            "suggested (awgrym), adopted (yn cael ei ofyn), retired (wedi peidio)",
            "suggested, adopted (being asked) or retired (no longer asked)",
        ),
        "goal": ("nod llesiant (Deddf 2015)", "well-being goal (the 2015 Act)"),
        "supports": ("nifer sy'n ei gefnogi", "how many back it"),
        "answers": ("nifer yr atebion", "how many answers"),
        "answered_1": ("nifer a atebodd 1", "how many answered 1"),
        "answered_2": ("nifer a atebodd 2", "how many answered 2"),
        "answered_3": ("nifer a atebodd 3", "how many answered 3"),
        "answered_4": ("nifer a atebodd 4", "how many answered 4"),
        "answered_5": ("nifer a atebodd 5", "how many answered 5"),
    },
    "meetings": {
        "id": ("rhif y cyfarfod", "the meeting's number"),
        "forum_id": ("y fforwm (gweler forums)", "the forum (see forums)"),
        "side": ("adult, youth neu both (y ddau)", "adult, youth or both"),
        "starts_at": ("pryd (UTC)", "when (UTC)"),
        "place": ("ble", "where"),
        "cancelled": ("1 os cafodd ei ganslo", "1 if it was cancelled"),
        "invited": ("nifer a wahoddwyd", "how many were invited"),
        "coming": ("nifer a ddywedodd y byddent yn dod", "how many said they would come"),
        "attended_adults": (
            "oedolion a ddaeth (yn ôl y cynullydd)",
            "adults who came (as recorded)",
        ),
        "attended_youth": ("pobl ifanc a ddaeth", "young people who came"),
    },
    "follow_ups": {
        "side": ("adult neu youth", "adult or youth"),
        "clear": (
            "a gafodd yr awdur ateb clir: yes, partly neu no",
            "whether the author got a clear answer: yes, partly or no",
        ),
        "happened": (
            "a ddigwyddodd rhywbeth: yes, partly neu no",
            "whether anything happened: yes, partly or no",
        ),
        "answered_on": (
            "y diwrnod yr atebodd yr awdur (UTC)",
            "the day the author answered (UTC)",
        ),
    },
}


def _value(row: dict[str, Any], column: str) -> Any:
    """A cell: the row's own value, or the reference (P-0042) made from the proposal's id."""
    if column == "reference":
        return reference(int(row.get("proposal_id") or row.get("id") or 0))
    return row.get(column)


def files(
    data: dict[str, list[dict[str, Any]]], council_cy: str, council_en: str
) -> dict[str, bytes]:
    """Every table as CSV and JSON, and the README."""
    out: dict[str, bytes] = {}
    for table, columns in COLUMNS.items():
        rows = [{column: _value(row, column) for column in columns} for row in data.get(table, [])]
        table_rows = [list(row.values()) for row in rows]
        out[f"{table}.csv"] = spreadsheet.csv_text(list(columns), table_rows).encode()
        out[f"{table}.json"] = json.dumps(rows, ensure_ascii=False, indent=1).encode()
    out["README.md"] = readme(council_cy, council_en).encode()
    return out


def readme(council_cy: str, council_en: str) -> str:
    """What each file and column means, in Welsh then English."""
    lines = [
        f"# Data agored Cydlais · Cydlais open data — {council_cy} · {council_en}",
        "",
        "Nid oes data personol yn y ffeiliau hyn: dim enwau, dim rhifau Telegram, dim byd sy'n "
        "dangos pwy yw person ifanc. Nid yw cynigion cudd nac sy'n aros am gymeradwyaeth yma.",
        "",
        "These files hold no personal data: no names, no Telegram numbers, nothing that shows "
        "who a young person is. Hidden proposals and those awaiting approval are left out.",
        "",
        "Yn y ffeiliau CSV, mae ' o flaen testun sy'n dechrau ag un o'r nodau = + - @, fel bod "
        "taenlenni'n ei ddangos yn lle ei redeg fel fformiwla. Mae'r ffeiliau JSON yn cadw'r "
        "geiriau fel y'u hysgrifennwyd.",
        "",
        "In the CSV files, text that begins with one of = + - @ has a ' in front, so that "
        "spreadsheets show it rather than run it as a formula. The JSON files keep the words "
        "as written.",
    ]
    for table, columns in COLUMNS.items():
        lines += [
            "",
            f"## {table}.csv · {table}.json",
            "",
            "| column | Cymraeg | English |",
            "|---|---|---|",
        ]
        lines += [f"| `{name}` | {cy} | {en} |" for name, (cy, en) in columns.items()]
    return "\n".join(lines) + "\n"


def zipped(named: dict[str, bytes]) -> bytes:
    """The files in one ZIP archive (for sending in Telegram)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in named.items():
            archive.writestr(name, content)
    return buffer.getvalue()
