"""Schema migrations, applied in order at start; PRAGMA user_version records the last one.

Each migration is a list of statements so that a second backend can keep its own list in the
same shape. Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: people, forums, memberships, pending conversations
    [
        """CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            telegram_id INTEGER NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            language TEXT NOT NULL CHECK (language IN ('cy', 'en')),
            age_band TEXT,
            consent_at TEXT NOT NULL,
            onboarded_at TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            last_seen_at TEXT NOT NULL
        )""",
        """CREATE TABLE declined_consent (
            telegram_id INTEGER PRIMARY KEY,
            declined_at TEXT NOT NULL
        )""",
        """CREATE TABLE forums (
            id TEXT PRIMARY KEY,
            name_cy TEXT NOT NULL,
            name_en TEXT NOT NULL,
            position INTEGER NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        )""",
        """CREATE TABLE memberships (
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            forum_id TEXT NOT NULL REFERENCES forums(id),
            joined_at TEXT NOT NULL,
            receive_prompts INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (person_id, forum_id)
        )""",
        "CREATE INDEX memberships_by_forum ON memberships (forum_id)",
        """CREATE TABLE conversations (
            person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
            flow TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
    ],
]
