"""The bot in a sandbox: a fake Telegram Bot API and a scenario language (tests and the demo)."""
