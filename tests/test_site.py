"""The public site: every proposal and the council's answers, no personal data, in Welsh and
English, accessible without JavaScript — checked in headless Chromium with axe-core."""

from __future__ import annotations

import os
from pathlib import Path

from bot.config import Config
from bot.render.site import site_files
from bot.sandbox.scenario import Sandbox
from tests import browser
from tests.conftest import query
from tests.test_closing_the_loop import BUS, _cast
from tests.test_proposals import propose

PHONE = 390


async def _site(sandbox: Sandbox, config: Config, out: Path) -> dict[str, bytes]:
    ben, cai, officer, _ = await _cast(sandbox)
    await propose(ben, "Transport", BUS)
    await propose(cai, "Trafnidiaeth", "Llwybr beicio i'r ysgol, os gwelwch yn dda", "cy")
    await officer.send("/respond P-0001 We have asked the bus company & will tell you <soon>.")
    await officer.send("/status P-0002 adopted Mae'r llwybr yn y Strategaeth Gymunedol.")
    services = sandbox.app.bot_data.services
    assert services is not None
    data = await services.store.privacy.open_data()
    files = site_files(services.i18n, config, data, sandbox.clock.now())
    _write(out, files)
    return files


def _write(out: Path, files: dict[str, bytes]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (out / name).write_bytes(content)


def _shots(tmp_path: Path) -> Path:
    shots = Path(os.environ.get("CYDLAIS_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    return shots


async def test_the_site_has_every_proposal_and_no_personal_data(
    sandbox: Sandbox, config: Config, db_path: Path, tmp_path: Path
) -> None:
    files = await _site(sandbox, config, tmp_path / "site")
    assert {"index.html", "index.en.html", "transport.html", "transport.en.html"} <= set(files)
    welsh, english = files["transport.html"].decode(), files["transport.en.html"].decode()
    assert welsh.startswith('<!DOCTYPE html>\n<html lang="cy">') and 'lang="en"' in english
    assert "P-0001" in english and "More buses in the evening" in english
    assert "We have asked the bus company &amp; will tell you &lt;soon&gt;." in english
    assert "wedi&#x27;i fabwysiadu" in welsh or "wedi'i fabwysiadu" in welsh
    every_page = "".join(content.decode() for content in files.values())
    for person in query(db_path, "SELECT telegram_id, display_name FROM people"):
        assert str(person["telegram_id"]) not in every_page
        assert person["display_name"] not in every_page
    assert "<script" not in every_page


async def test_the_site_reads_on_a_phone_and_passes_axe(
    sandbox: Sandbox, config: Config, tmp_path: Path
) -> None:
    browser.chromium()  # skip, saying why, before any work if there is no browser
    out = tmp_path / "site"
    await _site(sandbox, config, out)
    shots = _shots(tmp_path)
    for name in ("index.html", "index.en.html", "transport.html", "transport.en.html"):
        page = out / name
        browser.screenshot(page, shots / f"site-{name}.png", PHONE)
        assert browser.page_width(page, PHONE) <= PHONE, name
        assert browser.axe_violations(page) == [], name


async def test_the_authors_follow_up_answers_are_on_the_site_and_in_open_data(
    sandbox: Sandbox, config: Config
) -> None:
    """Issue 13: what authors said about the council's answers, four weeks on, is published
    as counts beside the council's own figures, and in open data without the proposal or the
    comment, so no answer leads back to its author."""
    from datetime import datetime

    ben, _, officer, _ = await _cast(sandbox)
    await propose(ben, "Transport", BUS)
    await officer.send("/status P-0001 adopted The council will fund a later bus from April.")
    sandbox.clock.set(datetime.fromisoformat("2026-12-22T10:00:00+00:00"))
    await sandbox.run_job("tick")
    await ben.press("① Yes")
    await ben.press("② No")
    await ben.press("✍️ Add a comment")
    await ben.send("Ben from Station Road says nothing has changed.")
    services = sandbox.app.bot_data.services
    assert services is not None
    data = await services.store.privacy.open_data()
    assert data["follow_ups"] == [
        {"side": "adult", "clear": "yes", "happened": "no", "answered_on": "2026-12-22"}
    ]
    files = site_files(services.i18n, config, data, sandbox.clock.now())
    english = files["index.en.html"].decode()
    row = english.split("Authors: a clear answer (last 12 weeks)")[1].split("</tr>")[0]
    assert "— (1)" in row  # one answer: counted, too few for a rate
    assert "Station Road" not in "".join(c.decode() for c in files.values())
