"""The services a running bot needs, opened at start and closed at shutdown."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Config
from bot.i18n import I18n
from bot.store import Store


@dataclass
class Services:
    """What the bot needs to work, opened in ``post_init`` and closed in ``post_shutdown``."""

    config: Config
    clock: Clock
    store: Store
    i18n: I18n
