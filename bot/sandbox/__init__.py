"""The bot in a sandbox: a fake Telegram Bot API, the update builder, a scenario language and
the scripted demo (tests, benchmarks and ``cydlais demo``).

It ships with the product so that ``cydlais demo`` works from a plain install, but nothing on
the path of ``cydlais run`` imports it (tests/test_codebase.py checks).
"""
