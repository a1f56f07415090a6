"""Cydlais ("shared voice"): a bilingual Telegram bot for community co-production forums."""

__version__ = "0.1.0"
