"""A new install's first administrator, without editing the config with Telegram ids; and
the config in force: the file, with what admins set in the chat.

While nobody is an admin (none in ``[roles] admins``, none made by a setup code), every start
makes a fresh one-time code, stores only its hash, and hands it back to be printed in the log;
the first person to send ``/setup CODE`` privately becomes admin. From then on roles are given
with invite codes (/invite) and listed with /roles.
"""

from __future__ import annotations

from bot.config import Config
from bot.domain.moderation import SETUP_CODE_LENGTH, new_code
from bot.services import Services
from bot.store import Store


async def needs_first_admin(services: Services) -> bool:
    """True while the install has no administrator at all."""
    if services.config.roles.admins:
        return False
    return not await services.store.invites.admin_exists()


async def first_admin_code(services: Services) -> str | None:
    """A fresh setup code if the install has no administrator yet (else None)."""
    if not await needs_first_admin(services):
        return None
    code = new_code(SETUP_CODE_LENGTH)
    await services.store.invites.new_setup_code(code)
    return code


async def config_in_force(config: Config, store: Store) -> Config:
    """The config file with what admins set in the chat, which wins over it: forums,
    communities and settings (/settings), then the groups linked (/link). The forums table
    follows, so forums added in the chat can be joined."""
    config = config.with_settings(await store.settings.load())
    await store.forums.sync(config.forums)
    return config.with_links(await store.group_links.all())


async def reload_config(services: Services) -> None:
    """Put what was just changed in the chat in force now (the running bot's config)."""
    services.config = await config_in_force(services.config, services.store)
