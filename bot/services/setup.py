"""A new install's first administrator, without editing the config with Telegram ids.

While nobody is an admin (none in ``[roles] admins``, none made by a setup code), every start
makes a fresh one-time code, stores only its hash, and hands it back to be printed in the log;
the first person to send ``/setup CODE`` privately becomes admin. From then on roles are given
with invite codes (/invite) and listed with /roles.
"""

from __future__ import annotations

from bot.domain.moderation import SETUP_CODE_LENGTH, new_code
from bot.services import Services


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
