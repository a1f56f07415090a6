"""Data rights and open data: /mydata, /forget, retention and exports."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

from bot.config import example_config_path
from bot.domain.periods import iso_week
from bot.sandbox.scenario import Sandbox, SimPerson
from bot.services import digest_runs
from bot.store import PERSON_REFERENCES
from tests.conftest import query
from tests.test_prompts import send_prompt
from tests.test_proposals import propose

CONVENOR, OFFICER = 2001, 1002


async def busy_resident(sandbox: Sandbox) -> tuple[SimPerson, SimPerson]:
    """Someone who has done a bit of everything, and a convenor who prompted them."""
    convenor = sandbox.person("Gwen", user_id=CONVENOR)
    await convenor.join("en")
    alys = sandbox.person("Alys", language_code="cy", last_name="Rhys-Hughes")
    await alys.join("cy", "45–64", ("Amgylchedd", "Trafnidiaeth"))
    await propose(alys, "Amgylchedd", "Biniau ar y traeth\nMwy ohonyn nhw.", "cy")
    ben = sandbox.person("Ben")
    await ben.join("en")
    await propose(ben, "Transport", "Later buses\nPlease.")
    await alys.send("/cynigion")
    await alys.press("Trafnidiaeth")
    await alys.press("Cefnogi P-0002")
    await alys.press("Rhagor: P-0002")
    await alys.press("Rhoi gwybod amdano")
    await alys.press("Sarhaus neu frifol")
    await send_prompt(convenor, "Environment", {"en": "Tell us about the beach."})
    await alys.press("Ateb")
    await alys.send("Mae'n lân iawn yn y gaeaf.")
    await alys.send("/cynnig")  # a flow left half-way
    return alys, ben


def _tables(db_path: Path) -> list[str]:
    return [r[0] for r in query(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")]


def test_every_reference_to_a_person_is_known(db_path: Path, sandbox: Sandbox) -> None:
    connection = sqlite3.connect(db_path)
    references = set()
    for table in _tables(db_path):
        for row in connection.execute(f"PRAGMA foreign_key_list({table})"):
            if row[2] == "people":
                references.add((table, row[3]))
    connection.close()
    assert references | {("people", "id")} == set(PERSON_REFERENCES)


async def test_mydata_holds_every_row_about_the_person(sandbox: Sandbox, db_path: Path) -> None:
    alys, _ = await busy_resident(sandbox)
    await alys.send("/fy_nata")
    assert "Beth sydd gennym amdanoch chi" in alys.messages()[-2].text
    assert "1 cynnig" in alys.messages()[-2].text
    [call] = sandbox.api.sent("sendDocument", chat_id=alys.id)
    name, content = call.files["document"]
    assert name == "cydlais-my-data.json"
    exported = json.loads(content)
    [person] = query(db_path, "SELECT id FROM people WHERE telegram_id = ?", (alys.id,))
    for table, column in PERSON_REFERENCES:
        rows = [
            dict(r)
            for r in query(db_path, f"SELECT * FROM {table} WHERE {column} = ?", (person[0],))
        ]
        key = (
            table
            if table in exported and rows and rows[0] in exported[table]
            else f"{table} ({column})"
        )
        for row in rows:
            assert row in exported.get(key, []), (table, column, row)
    assert exported["people"][0]["display_name"] == "Alys Rhys-Hughes"
    assert {"memberships", "proposals", "supports", "answers", "reports", "conversations"} <= set(
        exported
    )


def _scan(db_path: Path, needles: list[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    connection = sqlite3.connect(db_path)
    for table in _tables(db_path):
        for row in connection.execute(f"SELECT * FROM {table}"):
            text = " ".join(str(v) for v in row)
            found.extend((table, needle) for needle in needles if needle in text)
    connection.close()
    return found


async def test_forget_removes_the_person_and_keeps_the_tallies(
    sandbox: Sandbox, db_path: Path
) -> None:
    alys, ben = await busy_resident(sandbox)
    services = sandbox.app.bot_data.services
    assert services is not None
    week = iso_week(sandbox.clock.now().date(), services.config.council.timezone)
    before = (await digest_runs.figures(services, week)).tallies
    assert _scan(db_path, [str(alys.id), "Rhys-Hughes"])  # there before
    await alys.send("/anghofio")
    await alys.press("Dileu fy nata")
    assert "rydym wedi dileu eich data" in alys.last.text
    assert _scan(db_path, [str(alys.id), "Rhys-Hughes"]) == []
    after = (await digest_runs.figures(services, week)).tallies
    assert after == before
    assert query(db_path, "SELECT author_id, title FROM proposals WHERE id = 1")[0][:] == (
        None,
        "Biniau ar y traeth",
    )
    assert query(db_path, "SELECT support_count FROM proposals WHERE id = 2")[0][0] == 1
    await ben.send("/proposals")
    await ben.press("Environment")
    assert "Biniau ar y traeth" in ben.last.text and "a resident" in ben.last.text
    await alys.send("/start")
    assert "Croeso i Gydlais" in alys.last.text  # a new person now


async def test_forget_with_words_removes_the_text_too(sandbox: Sandbox, db_path: Path) -> None:
    alys, _ = await busy_resident(sandbox)
    await alys.send("/anghofio")
    await alys.press("Dileu fy nata a'm geiriau")
    assert _scan(db_path, ["Biniau ar y traeth", "Mae'n lân iawn", "Rhys-Hughes"]) == []
    assert query(db_path, "SELECT COUNT(*) FROM proposals")[0][0] == 2  # still counted
    assert query(db_path, "SELECT COUNT(*) FROM answers")[0][0] == 1


async def test_exports_hold_no_personal_data(
    sandbox: Sandbox, db_path: Path, tmp_path: Path
) -> None:
    alys, _ = await busy_resident(sandbox)
    officer = sandbox.person("Olwen", user_id=OFFICER)
    await officer.join("en")
    await officer.send("/status P-0001 adopted Good")
    await alys.send("/start")
    await officer.send("/export")
    [call] = sandbox.api.sent("sendDocument", chat_id=officer.id)
    archive = zipfile.ZipFile(io.BytesIO(call.files["document"][1]))
    names = set(archive.namelist())
    assert {
        "README.md",
        "proposals.csv",
        "proposals.json",
        "status_history.csv",
        "prompts.json",
    } <= names
    people = query(db_path, "SELECT telegram_id, display_name FROM people")
    for name in names:
        text = archive.read(name).decode()
        for person in people:
            assert str(person["telegram_id"]) not in text and person["display_name"] not in text
    proposals = json.loads(archive.read("proposals.json"))
    assert [p["title"] for p in proposals] == ["Biniau ar y traeth", "Later buses"]
    assert "| `support_count` |" in archive.read("README.md").decode()


async def test_retention_removes_exactly_what_is_due(sandbox: Sandbox, db_path: Path) -> None:
    alys, ben = await busy_resident(sandbox)
    keep = sandbox.config.retention
    sandbox.clock.advance(timedelta(days=keep.answers_days - 1))
    await ben.send("/help")  # Ben is active; Alys is not
    await sandbox.run_job("retention")
    assert query(db_path, "SELECT COUNT(*) FROM answers")[0][0] == 1  # not yet
    sandbox.clock.advance(timedelta(days=2))
    await sandbox.run_job("retention")
    assert query(db_path, "SELECT COUNT(*) FROM answers")[0][0] == 0
    assert (
        query(db_path, "SELECT COUNT(*) FROM people WHERE telegram_id = ?", (alys.id,))[0][0] == 1
    )
    sandbox.clock.advance(timedelta(days=keep.inactive_account_days - keep.answers_days))
    await ben.send("/help")
    await sandbox.run_job("retention")
    remaining = {r[0] for r in query(db_path, "SELECT telegram_id FROM people")}
    assert alys.id not in remaining and ben.id in remaining
    assert query(db_path, "SELECT COUNT(*) FROM proposals")[0][0] == 2  # contributions stay


def test_cli_export_writes_the_files(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        example_config_path()
        .read_text()
        .replace('path = "cydlais.db"', f'path = "{tmp_path / "x.db"}"')
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--config", str(config),
         "--out", str(tmp_path / "open")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    forums = (tmp_path / "open" / "forums.csv").read_text(encoding="utf-8-sig")
    assert forums.startswith("id,name_cy,name_en,active")
