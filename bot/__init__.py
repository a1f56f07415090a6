"""Cydlais ("shared voice"): a bilingual Telegram bot for community co-production forums."""

import os

__version__ = "0.1.0"

# Opt in now to PTB's coming behaviour: durations such as RetryAfter.retry_after as timedelta.
os.environ.setdefault("PTB_TIMEDELTA", "1")
