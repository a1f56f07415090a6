"""Telegram glue: everything that knows about python-telegram-bot lives below this folder."""
