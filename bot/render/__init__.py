"""Text people read, built from domain objects and a Translator (no Telegram imports).

Every function returns HTML for Telegram's HTML parse mode with user text escaped.
"""
