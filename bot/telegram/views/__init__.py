"""Views: what a person sees for each feature — the text (HTML) and its buttons, together.

Handlers parse the update, call the domain and the store, and send a view; a view's module
is the only place that knows how its message looks. Text pieces that are not Telegram's
business (cards, figures, CSV, HTML reports) come from ``bot.render``.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup


@dataclass(frozen=True)
class View:
    """One message: HTML text and, optionally, inline buttons under it."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None
