"""The guides for each role (in docs/: guide-clerk.md and canllaw-clerc.md, and so on), found
where the install keeps them (``project_root``: the checkout, or ``share/cydlais`` after a
plain install), to be sent as a file from /help. A guide not written (or not shipped) yet is
simply not offered."""

from __future__ import annotations

from pathlib import Path

from bot.config import project_root
from bot.domain.roles import Role

# Role → (English file, Welsh file) in docs/.
GUIDES = {
    Role.ADMIN: ("guide-clerk.md", "canllaw-clerc.md"),
    Role.CONVENOR: ("guide-convenor.md", "canllaw-cynullydd.md"),
    Role.OFFICER: ("guide-officer.md", "canllaw-swyddog.md"),
}


def guide_path(role: Role, language: str) -> Path | None:
    """The role's guide in ``language`` (the other language's if that one is missing)."""
    names = GUIDES.get(role)
    if names is None:
        return None
    english, welsh = names
    for name in (welsh, english) if language == "cy" else (english, welsh):
        path = project_root() / "docs" / name
        if path.is_file():
            return path
    return None
