"""Handlers for residents (and young people in the shadow forums)."""
