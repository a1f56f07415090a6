"""Build the PTB Application: defaults, context types, rate limiter, services and handlers.

``build_application`` is used unchanged by ``cydlais run``, the demo and the tests; only the
Bot API transport (``request``) and the clock differ.
"""

from __future__ import annotations

import logging
from typing import Any, TypeAlias

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.clock import Clock, SystemClock
from bot.config import Config
from bot.domain.moderation import grouped
from bot.i18n import I18n
from bot.services import Services
from bot.services.setup import config_in_force, first_admin_code
from bot.store import Store
from bot.telegram.commands import publish_default_menus, publish_introduction
from bot.telegram.context import BotData, CydlaisContext
from bot.telegram.handlers import register
from bot.telegram.scheduling import install_jobs

logger = logging.getLogger(__name__)

CydlaisApp: TypeAlias = Application[Any, CydlaisContext, Any, Any, BotData, Any]


def build_application(
    config: Config,
    token: str,
    *,
    clock: Clock | None = None,
    request: BaseRequest | None = None,
    rate_limit: bool = True,
) -> CydlaisApp:
    """The bot, ready for ``run_polling`` (or for ``start_application`` in tests and the demo)."""
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(ContextTypes(context=CydlaisContext, bot_data=BotData))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=config.council.timezone,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .post_init(open_services)
        .post_shutdown(close_services)
    )
    if config.telegram.base_url:
        builder = builder.base_url(config.telegram.base_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if rate_limit:
        limiter = AIORateLimiter(
            overall_max_rate=config.telegram.messages_per_second,
            overall_time_period=1,
            group_max_rate=config.telegram.group_messages_per_minute,
            group_time_period=60,
            max_retries=3,
        )
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]  # PTB's generics
    app: CydlaisApp = builder.build()
    app.bot_data.config = config
    app.bot_data.clock = clock or SystemClock()
    register(app)
    return app


async def open_services(app: CydlaisApp) -> None:
    """post_init: open the database, load catalogs, publish command menus."""
    config, clock = app.bot_data.config, app.bot_data.clock
    assert config is not None and clock is not None
    i18n = I18n(config.council.timezone)  # first: a missing catalog must fail before the DB opens
    store = await Store.open(config.database_path, clock)
    config = await config_in_force(config, store)  # what admins set in the chat wins
    services = Services(config=config, clock=clock, store=store, i18n=i18n)
    app.bot_data.services = services
    await publish_default_menus(app.bot, i18n, config.council.default_language)
    await publish_introduction(app.bot, i18n, config.council)
    await install_jobs(app, services)
    await _offer_first_admin(app, services)
    logger.info(
        "Cydlais started for %s with %d forums", config.council.name_en, len(config.forums)
    )


async def _offer_first_admin(app: CydlaisApp, services: Services) -> None:
    """Print (in the log) how to become the first admin, while there is none."""
    code = await first_admin_code(services)
    if code is not None:
        logger.warning(
            "No administrator yet. Within 24 hours, send this privately to @%s in Telegram to "
            "become the first administrator:  /setup %s  (a new code is made at every start "
            "until someone has used one)",
            app.bot.username,
            grouped(code),
        )


async def close_services(app: CydlaisApp) -> None:
    """post_shutdown: close the database."""
    services = app.bot_data.services
    if services is not None:
        await services.store.close()
        app.bot_data.services = None


async def start_application(app: CydlaisApp) -> None:
    """What ``run_polling`` does before polling, for callers that feed updates themselves."""
    await app.initialize()
    await open_services(app)


async def stop_application(app: CydlaisApp) -> None:
    """The counterpart of ``start_application``."""
    if app.running:
        await app.stop()
    await app.shutdown()
    await close_services(app)
