"""The officer's HTML report as people will see it: in headless Chromium, on a phone and a desk.

Screenshots are written next to the page (under pytest's tmp_path; set CYDLAIS_SCREENSHOTS=DIR
to keep them) so a person can open them; the test checks what a machine can: nothing wider than
the phone's screen, and no serious or critical accessibility violations from axe-core.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config
from bot.domain.periods import iso_week
from bot.render import report as render
from bot.sandbox.scenario import Sandbox
from bot.services import digest_runs
from tests import browser
from tests.test_digest import build_week

LONDON = ZoneInfo("Europe/London")
PHONE, DESK = 390, 1200


def _shots_dir(tmp_path: Path) -> Path:
    wanted = os.environ.get("CYDLAIS_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("language", ["cy", "en"])
async def test_report_reads_on_a_phone_and_passes_axe(
    sandbox: Sandbox, config: Config, tmp_path: Path, language: str
) -> None:
    browser.chromium()  # skip, saying why, before any work if there is no browser
    await build_week(sandbox)
    services = sandbox.app.bot_data.services
    assert services is not None
    figures = await digest_runs.figures(services, iso_week(date(2026, 11, 16), LONDON))
    page = tmp_path / f"digest-{language}.html"
    page.write_text(
        render.html_report(services.i18n, services.i18n(language), config, figures),
        encoding="utf-8",
    )
    folder = _shots_dir(tmp_path)
    for width in (PHONE, DESK):
        shot = browser.screenshot(page, folder / f"digest-{language}-{width}.png", width)
        assert shot.stat().st_size > 10_000  # a rendered page, not a blank one
    assert browser.page_width(page, PHONE) <= PHONE, "something is cut off on a phone"
    assert browser.axe_violations(page) == []
