"""Commands that work on the database without Telegram (``cydlais digest``, …)."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

from bot.clock import SystemClock
from bot.config import Config
from bot.domain.periods import local_days
from bot.i18n import I18n
from bot.render import digest_chart, open_data, site
from bot.render import report as render
from bot.services import Services, digest_runs
from bot.services.setup import config_in_force
from bot.store import Store


async def open_services(config: Config) -> Services:
    """The store and catalogs, as the bot opens them (migrations applied)."""
    clock = SystemClock()
    i18n = I18n(config.council.timezone)  # first: a missing catalog must fail before the DB opens
    store = await Store.open(config.database_path, clock)
    config = await config_in_force(config, store)  # what admins set in the chat wins
    return Services(config=config, clock=clock, store=store, i18n=i18n)


def plain_text(message: str) -> str:
    """A Telegram HTML message as plain text."""
    return html.unescape(re.sub(r"</?[a-z-]+[^>]*>", "", message))


async def digest_file(config: Config, first: date, last: date, kind: str, language: str) -> bytes:
    """The digest for ``first``–``last`` (local dates, inclusive) as text, csv, html or png."""
    services = await open_services(config)
    config = services.config  # with what admins set in the chat (forums synced there)
    try:
        period = local_days(first, last, config.council.timezone)
        figures = await digest_runs.figures(services, period)
        t = services.i18n(language)
        if kind == "csv":
            return render.csv_text(t, config, figures).encode()
        if kind == "html":
            return render.html_report(services.i18n, t, config, figures).encode()
        if kind == "png":
            return digest_chart.by_forum_png(t, config, figures)
        parts = render.messages(t, config, figures)
        return ("\n\n".join(plain_text(p) for p in parts) + "\n").encode()
    finally:
        await services.store.close()


async def _open_data(config: Config) -> tuple[Services, dict[str, list[dict[str, Any]]]]:
    """The open data rows (the store closed again afterwards), and the services read with."""
    services = await open_services(config)
    try:
        return services, await services.store.privacy.open_data()
    finally:
        await services.store.close()


async def export_files(config: Config) -> dict[str, bytes]:
    """The open data, as file name → content."""
    _, data = await _open_data(config)
    return open_data.files(data, config.council.name_cy, config.council.name_en)


async def site_files(config: Config) -> dict[str, bytes]:
    """The public site's pages (render/site.py), as file name → content."""
    services, data = await _open_data(config)
    return site.site_files(services.i18n, config, data, services.clock.now())
