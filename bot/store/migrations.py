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
    # 2: proposals, supports, status history, the outbox, and the bot's own group posts
    [
        """CREATE TABLE proposals (
            id INTEGER PRIMARY KEY,
            forum_id TEXT NOT NULL REFERENCES forums(id),
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth')),
            author_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            title TEXT NOT NULL,
            detail TEXT NOT NULL,
            language TEXT NOT NULL,
            community_id TEXT,
            status TEXT NOT NULL,
            meeting_input INTEGER NOT NULL DEFAULT 0,
            text_hash TEXT NOT NULL,
            support_count INTEGER NOT NULL DEFAULT 0,
            hidden INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            status_changed_at TEXT NOT NULL
        )""",
        "CREATE INDEX proposals_by_forum ON proposals (forum_id, created_at)",
        "CREATE INDEX proposals_by_author ON proposals (author_id, created_at)",
        "CREATE INDEX proposals_by_created ON proposals (created_at)",
        """CREATE TABLE supports (
            id INTEGER PRIMARY KEY,
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth')),
            created_at TEXT NOT NULL,
            UNIQUE (proposal_id, person_id)
        )""",
        "CREATE INDEX supports_by_created ON supports (created_at)",
        "CREATE INDEX supports_by_person ON supports (person_id)",
        """CREATE TABLE status_history (
            id INTEGER PRIMARY KEY,
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            from_status TEXT,
            to_status TEXT NOT NULL,
            changed_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            note TEXT,
            changed_at TEXT NOT NULL
        )""",
        "CREATE INDEX status_history_by_time ON status_history (changed_at)",
        "CREATE INDEX status_history_by_proposal ON status_history (proposal_id)",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
            chat_id INTEGER,
            thread_id INTEGER,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            dedupe_key TEXT UNIQUE,
            created_at TEXT NOT NULL,
            not_before TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            sent_at TEXT,
            failed_at TEXT,
            last_error TEXT
        )""",
        "CREATE INDEX outbox_pending ON outbox (sent_at, failed_at, not_before)",
        """CREATE TABLE posts (
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            forum_id TEXT REFERENCES forums(id),
            side TEXT,
            ref_id INTEGER,
            created_at TEXT NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        )""",
    ],
    # 3: prompts, their recipients and answers, check-in schedules, outbox leases
    [
        "ALTER TABLE memberships DROP COLUMN receive_prompts",
        "ALTER TABLE people ADD COLUMN receive_prompts INTEGER NOT NULL DEFAULT 1",
        """CREATE TABLE schedules (
            id INTEGER PRIMARY KEY,
            forum_id TEXT NOT NULL REFERENCES forums(id),
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth')),
            text_cy TEXT,
            text_en TEXT,
            weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
            local_time TEXT NOT NULL,
            every_weeks INTEGER NOT NULL CHECK (every_weeks >= 1),
            first_date TEXT NOT NULL,
            created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            cancelled_at TEXT
        )""",
        """CREATE TABLE prompts (
            id INTEGER PRIMARY KEY,
            forum_id TEXT NOT NULL REFERENCES forums(id),
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth')),
            text_cy TEXT,
            text_en TEXT,
            created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            schedule_id INTEGER REFERENCES schedules(id),
            occurrence TEXT,
            reminder_at TEXT,
            reminded_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (schedule_id, occurrence)
        )""",
        "CREATE INDEX prompts_by_forum ON prompts (forum_id, side, created_at)",
        "CREATE INDEX prompts_reminders ON prompts (reminded_at, reminder_at)",
        """CREATE TABLE prompt_recipients (
            prompt_id INTEGER NOT NULL REFERENCES prompts(id),
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            PRIMARY KEY (prompt_id, person_id)
        )""",
        """CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            prompt_id INTEGER NOT NULL REFERENCES prompts(id),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth')),
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            hidden INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX answers_by_prompt ON answers (prompt_id, person_id)",
        "CREATE INDEX answers_by_created ON answers (created_at)",
        "ALTER TABLE outbox ADD COLUMN claimed_until TEXT",
    ],
    # 4: the digest: which periods were queued, and indexes its figures need
    [
        """CREATE TABLE digest_runs (
            period_key TEXT PRIMARY KEY,
            start_at TEXT NOT NULL,
            end_at TEXT NOT NULL,
            queued_at TEXT NOT NULL
        )""",
        # The digest's "most supported open proposals": one short index walk per forum status.
        """CREATE INDEX proposals_top
           ON proposals (forum_id, status, hidden, support_count, created_at)""",
    ],
    # 5: roles from invite codes, moderation (reports, hidden items, blocks, the log)
    [
        """CREATE TABLE grants (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            forum_id TEXT NOT NULL DEFAULT '',
            side TEXT NOT NULL DEFAULT '',
            granted_at TEXT NOT NULL,
            UNIQUE (person_id, role, forum_id, side)
        )""",
        """CREATE TABLE invites (
            code_hash TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            forum_id TEXT NOT NULL DEFAULT '',
            side TEXT NOT NULL DEFAULT '',
            created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            used_by INTEGER REFERENCES people(id) ON DELETE SET NULL
        )""",
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            reporter_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            resolved_at TEXT,
            UNIQUE (proposal_id, reporter_id)
        )""",
        "CREATE INDEX reports_open ON reports (resolved_at, proposal_id)",
        """CREATE TABLE moderation_log (
            id INTEGER PRIMARY KEY,
            actor_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            reason TEXT,
            at TEXT NOT NULL
        )""",
        "ALTER TABLE people ADD COLUMN blocked_at TEXT",
        "ALTER TABLE proposals ADD COLUMN hidden_reason TEXT",
    ],
    # 6: updates already handled (Telegram may deliver one again after a crash)
    [
        """CREATE TABLE processed_updates (
            update_id INTEGER PRIMARY KEY,
            processed_at TEXT NOT NULL
        )""",
        "CREATE INDEX processed_updates_by_time ON processed_updates (processed_at)",
    ],
    # 7: pages of proposals in either order, read from an index instead of sorting the forum.
    # The WHERE must match VISIBLE in store/proposals.py word for word, or SQLite (and
    # PostgreSQL) will not use these partial indexes; a test checks the query plans.
    [
        """CREATE INDEX proposals_page_newest
           ON proposals (forum_id, created_at DESC, id DESC)
           WHERE hidden = 0 AND status NOT IN ('withdrawn', 'submitted')""",
        """CREATE INDEX proposals_page_top
           ON proposals (forum_id, support_count DESC, created_at DESC, id DESC)
           WHERE hidden = 0 AND status NOT IN ('withdrawn', 'submitted')""",
    ],
    # 8: which private message carried each prompt (and its reminder) to each person, so a
    # swipe-reply to it, or text typed while it waits for an answer, can be taken as the answer
    [
        "ALTER TABLE prompt_recipients ADD COLUMN message_id INTEGER",
        "ALTER TABLE prompt_recipients ADD COLUMN reminder_message_id INTEGER",
        "ALTER TABLE prompt_recipients ADD COLUMN delivered_at TEXT",
        """CREATE INDEX prompt_recipients_by_person
           ON prompt_recipients (person_id, delivered_at)""",
    ],
    # 9: who may see what (issue 18). ``published``: the proposal has been open to everyone at
    # some point; a young person's proposal withdrawn before approval never was, and is seen by
    # no one but its author, ever. A pause records the forum side it was made in (only that
    # side's convenors see and lift it). A pause, and the day's proposals for the daily limit,
    # outlive /forget under a one-way hash of the Telegram id (see store/privacy.py).
    [
        "ALTER TABLE proposals ADD COLUMN published INTEGER NOT NULL DEFAULT 1",
        """UPDATE proposals SET published = 0
           WHERE status = 'submitted' OR (status = 'withdrawn' AND NOT EXISTS (
               SELECT 1 FROM status_history h
               WHERE h.proposal_id = proposals.id AND h.to_status = 'open'))""",
        "ALTER TABLE people ADD COLUMN blocked_forum TEXT",
        "ALTER TABLE people ADD COLUMN blocked_side TEXT",
        # Pauses made before this migration: the forum side of the proposal they were made from
        # (its reference is the log's reason); any left without one only admins see.
        """UPDATE people SET (blocked_forum, blocked_side) = (
               SELECT p.forum_id, p.side FROM moderation_log l
               JOIN proposals p ON l.reason = printf('P-%04d', p.id)
               WHERE l.action = 'block' AND l.target = 'person:' || people.id
               ORDER BY l.id DESC LIMIT 1)
           WHERE blocked_at IS NOT NULL""",
        """CREATE TABLE departed_pauses (
            telegram_key TEXT PRIMARY KEY,
            forum_id TEXT,
            side TEXT,
            paused_at TEXT NOT NULL,
            departed_at TEXT NOT NULL
        )""",
        """CREATE TABLE departed_posts (
            telegram_key TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX departed_posts_by_key ON departed_posts (telegram_key, created_at)",
    ],
    # The first administrator: wrong /setup codes, counted (no one's id) to slow guessing.
    [
        """CREATE TABLE setup_attempts (
            attempted_at TEXT NOT NULL
        )""",
        "CREATE INDEX setup_attempts_by_time ON setup_attempts (attempted_at)",
    ],
    # Closing the loop: officers' replies, when a proposal was first answered (a status change
    # past "open" or a reply), the once-only overdue notice, and supporters who follow.
    [
        """CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            proposal_id INTEGER NOT NULL REFERENCES proposals(id),
            officer_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX responses_by_proposal ON responses (proposal_id)",
        "ALTER TABLE proposals ADD COLUMN first_answer_at TEXT",
        "ALTER TABLE proposals ADD COLUMN overdue_notified_at TEXT",
        """UPDATE proposals SET first_answer_at = (
               SELECT MIN(h.changed_at) FROM status_history h
               WHERE h.proposal_id = proposals.id AND h.from_status = 'open'
                 AND h.to_status NOT IN ('open', 'withdrawn'))""",
        """CREATE INDEX proposals_awaiting_answer ON proposals (created_at)
           WHERE first_answer_at IS NULL AND status = 'open'""",
        "ALTER TABLE supports ADD COLUMN following INTEGER NOT NULL DEFAULT 1",
    ],
    # "Did it close the loop?": the author's answers four weeks after a decision (counted,
    # never shown with a name; the author link goes with /forget).
    [
        """CREATE TABLE follow_ups (
            proposal_id INTEGER PRIMARY KEY REFERENCES proposals(id),
            author_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            side TEXT NOT NULL,
            clear TEXT,
            happened TEXT,
            comment TEXT,
            answered_at TEXT
        )""",
    ],
    # Finding common ground (issue 14): conversations (``rounds``), their statements, and votes.
    # A voter is a number for one conversation (``round_voters.id``); /forget unlinks the person
    # and keeps the votes (with the side and community they were cast from), so results stay.
    [
        """CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            forum_id TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth', 'both')),
            question_cy TEXT,
            question_en TEXT,
            created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            opened_at TEXT NOT NULL,
            closes_at TEXT NOT NULL
        )""",
        "CREATE INDEX rounds_by_forum ON rounds (forum_id, closes_at)",
        """CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            author_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            side TEXT,
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('waiting', 'shown', 'hidden')),
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX statements_by_round ON statements (round_id, state)",
        """CREATE TABLE round_voters (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            side TEXT NOT NULL,
            community_id TEXT,
            UNIQUE (round_id, person_id)
        )""",
        """CREATE TABLE votes (
            statement_id INTEGER NOT NULL REFERENCES statements(id),
            voter_id INTEGER NOT NULL REFERENCES round_voters(id),
            vote INTEGER NOT NULL CHECK (vote IN (-1, 0, 1)),
            voted_at TEXT NOT NULL,
            PRIMARY KEY (statement_id, voter_id)
        )""",
        "CREATE INDEX votes_by_voter ON votes (voter_id)",
        """CREATE TABLE statement_reports (
            statement_id INTEGER NOT NULL REFERENCES statements(id),
            voter_id INTEGER NOT NULL REFERENCES round_voters(id),
            reported_at TEXT NOT NULL,
            PRIMARY KEY (statement_id, voter_id)
        )""",
    ],
    # Indicators the forums choose (issue 14): suggestions, who backs them, and the one-tap
    # answers put with check-ins (an ask per person and indicator, at most once a month).
    [
        """CREATE TABLE indicators (
            id INTEGER PRIMARY KEY,
            forum_id TEXT NOT NULL,
            question TEXT NOT NULL,
            language TEXT NOT NULL,
            author_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            side TEXT,
            state TEXT NOT NULL
                CHECK (state IN ('waiting', 'suggested', 'adopted', 'dropped', 'retired')),
            goal TEXT,
            created_at TEXT NOT NULL,
            decided_at TEXT
        )""",
        "CREATE INDEX indicators_by_forum ON indicators (forum_id, state)",
        """CREATE TABLE indicator_supports (
            id INTEGER PRIMARY KEY,
            indicator_id INTEGER NOT NULL REFERENCES indicators(id),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            UNIQUE (indicator_id, person_id)
        )""",
        """CREATE TABLE indicator_asks (
            id INTEGER PRIMARY KEY,
            indicator_id INTEGER NOT NULL REFERENCES indicators(id),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            prompt_id INTEGER REFERENCES prompts(id),
            side TEXT,
            asked_at TEXT NOT NULL,
            value INTEGER CHECK (value BETWEEN 1 AND 5),
            answered_at TEXT
        )""",
        """CREATE INDEX indicator_asks_by_person
           ON indicator_asks (person_id, indicator_id, asked_at)""",
        "CREATE INDEX indicator_asks_by_answer ON indicator_asks (indicator_id, answered_at)",
    ],
    # Quick sense checks: something put to a forum side as good / not sure / concerned.
    [
        """CREATE TABLE sense_checks (
            id INTEGER PRIMARY KEY,
            forum_id TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth', 'both')),
            subject TEXT NOT NULL,
            proposal_id INTEGER REFERENCES proposals(id),
            created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE sense_answers (
            check_id INTEGER NOT NULL REFERENCES sense_checks(id),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            side TEXT NOT NULL,
            feeling TEXT NOT NULL CHECK (feeling IN ('good', 'unsure', 'concerned')),
            reason TEXT,
            answered_at TEXT NOT NULL,
            UNIQUE (check_id, person_id)
        )""",
    ],
    # Forum groups linked in the chat (/link, /unlink): a row wins over the config file.
    [
        """CREATE TABLE group_links (
            forum_id TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth')),
            chat_id INTEGER,
            thread_id INTEGER,
            linked_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            linked_at TEXT NOT NULL,
            PRIMARY KEY (forum_id, side)
        )""",
    ],
    # Forum meetings (issue 15): who was invited, and their answers.
    [
        """CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            forum_id TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('adult', 'youth', 'both')),
            starts_at TEXT NOT NULL,
            place TEXT NOT NULL,
            created_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            cancelled_at TEXT
        )""",
        "CREATE INDEX meetings_by_start ON meetings (starts_at)",
        """CREATE TABLE meeting_invited (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            PRIMARY KEY (meeting_id, person_id)
        )""",
        """CREATE TABLE meeting_replies (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            side TEXT NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN ('coming', 'maybe', 'cant')),
            answered_at TEXT NOT NULL,
            UNIQUE (meeting_id, person_id)
        )""",
    ],
    # How many came to a forum meeting, as its convenor records it (no names).
    [
        "ALTER TABLE meetings ADD COLUMN attended_adults INTEGER",
        "ALTER TABLE meetings ADD COLUMN attended_youth INTEGER",
    ],
    # Open Space at forum meetings: sessions people offer to host, who signs up, and the
    # slots and spaces the convenor sets ("19:15 19:45"; JSON [[name, capacity], ...]).
    [
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id),
            host_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            topic TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE session_signups (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            UNIQUE (session_id, person_id)
        )""",
        "ALTER TABLE meetings ADD COLUMN slots TEXT",
        "ALTER TABLE meetings ADD COLUMN spaces TEXT",
    ],
    # The harvest: each Open Space session's notes, from its host, after the meeting.
    [
        "ALTER TABLE sessions ADD COLUMN notes TEXT",
        "ALTER TABLE sessions ADD COLUMN notes_at TEXT",
    ],
    # Meeting input recorded from a meeting's notes names the meeting it came from.
    ["ALTER TABLE proposals ADD COLUMN meeting_id INTEGER REFERENCES meetings(id)"],
    # A young person's Open Space session waits for a youth convenor (as their posts do).
    ["ALTER TABLE sessions ADD COLUMN state TEXT NOT NULL DEFAULT 'shown'"],
    # Why a member reported a proposal (one of domain.moderation.ReportReason; NULL before).
    ["ALTER TABLE reports ADD COLUMN reason TEXT"],
    # A photo sent with a proposal: Telegram's file id (the picture stays with Telegram).
    ["ALTER TABLE proposals ADD COLUMN photo_file_id TEXT"],
    # An 18–25's chosen side ('adult' or 'youth'; NULL: the youth side, as before).
    ["ALTER TABLE people ADD COLUMN side_choice TEXT"],
    # Who took part, week by week (the digest's trend), read from the indexes alone: a count
    # of distinct people over 12 weeks of supports took 440 ms on 500,000 supports, 160 ms so.
    [
        "DROP INDEX supports_by_created",
        "CREATE INDEX supports_by_created ON supports (created_at, side, person_id)",
        "DROP INDEX answers_by_created",
        "CREATE INDEX answers_by_created ON answers (created_at, side, person_id)",
        "DROP INDEX proposals_by_created",
        "CREATE INDEX proposals_by_created ON proposals (created_at, side, author_id)",
    ],
    # What admins set in the chat with /settings (store/settings.py): forums and communities
    # changed or added (the config file is the starting point), and the council's settings.
    [
        """CREATE TABLE place_settings (
            kind TEXT NOT NULL CHECK (kind IN ('forum', 'community')),
            id TEXT NOT NULL,
            name_cy TEXT NOT NULL,
            name_en TEXT NOT NULL,
            goals TEXT,
            archived INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL,
            PRIMARY KEY (kind, id)
        )""",
        "CREATE TABLE council_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ],
    # The Open Space agenda last sent (which session in which slot and space), so a change
    # made by sign-ups or new sessions is sent again, and an unchanged one is not.
    ["ALTER TABLE meetings ADD COLUMN agenda_sent TEXT"],
    # The language(s) a meeting is held in: 'cy', 'en' or 'both'.
    ["ALTER TABLE meetings ADD COLUMN language TEXT NOT NULL DEFAULT 'both'"],
    # Photos of flip charts sent by a session's host with the notes (Telegram file ids, JSON).
    ["ALTER TABLE sessions ADD COLUMN notes_photos TEXT"],
]
