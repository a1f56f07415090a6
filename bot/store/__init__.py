"""Persistence: ``Store`` owns every SQL statement; nothing else touches the database."""

from bot.store.sqlite import Store, from_db, to_db

__all__ = ["Store", "from_db", "to_db"]
