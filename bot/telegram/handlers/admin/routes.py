"""Everything administrators (the clerk setting it up) can send or press."""

from __future__ import annotations

from bot.telegram.handlers.admin import link, roles, settings, settings_typed, setup
from bot.telegram.handlers.routes import Routes

ROUTES = Routes(
    private_commands={
        "setup": setup.setup_command,
        "link": link.link_command,
        "unlink": link.unlink_command,
        "roles": roles.roles_command,
        "settings": settings.settings_command,
    },
    group_commands={"link": link.link_command, "unlink": link.unlink_command},
    buttons=(
        link.link_pressed,
        roles.revoke_pressed,
        settings.section_pressed,
        settings.place_pressed,
        settings.add_pressed,
        settings.place_action_pressed,
        settings.goal_pressed,
        settings.digest_day_pressed,
    ),
    flows={settings.SettingsInput.flow: settings_typed.on_settings_text},
)
