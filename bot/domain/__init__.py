"""The domain core: people, forums, proposals, prompts, digests and roles.

Nothing in this package imports telegram; handlers translate Telegram updates into calls here.
"""
