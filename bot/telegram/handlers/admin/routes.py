"""Everything administrators (the clerk setting it up) can send or press."""

from __future__ import annotations

from bot.telegram.handlers.admin import link, roles, setup
from bot.telegram.handlers.routes import Routes

ROUTES = Routes(
    private_commands={
        "setup": setup.setup_command,
        "link": link.link_command,
        "unlink": link.unlink_command,
        "roles": roles.roles_command,
    },
    group_commands={"link": link.link_command, "unlink": link.unlink_command},
    buttons=(link.link_pressed, roles.revoke_pressed),
)
