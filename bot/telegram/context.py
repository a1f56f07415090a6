"""The typed context every handler receives: services plus the sender resolved once per update."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.clock import Clock
from bot.config import Config
from bot.domain.people import Person
from bot.domain.roles import Grants
from bot.i18n import Translator
from bot.services import Services
from bot.store import Store
from bot.telegram.delivery import Outbox


class BotData:
    """``application.bot_data``: holds the services once the application has started."""

    def __init__(self) -> None:
        self.services: Services | None = None
        self.config: Config | None = None
        self.clock: Clock | None = None
        self.outbox = Outbox()


class CydlaisContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with typed services and the sender's person, grants and translator."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.person: Person | None = None
        self.grants: Grants = Grants()
        self._translator: Translator | None = None

    @property
    def services(self) -> Services:
        """The running bot's services."""
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not open yet (post_init has not run)")
        return services

    @property
    def store(self) -> Store:
        """The database."""
        return self.services.store

    @property
    def config(self) -> Config:
        """The validated configuration."""
        return self.services.config

    @property
    def t(self) -> Translator:
        """Translator in the sender's language (the council default until it is known)."""
        if self._translator is None:
            self._translator = self.services.i18n(self.services.config.council.default_language)
        return self._translator

    @t.setter
    def t(self, translator: Translator) -> None:
        self._translator = translator

    async def deliver_outbox(self) -> int:
        """Send queued notifications now (after the change that queued them has committed)."""
        return await self.bot_data.outbox.deliver(self.bot, self.services)
