"""Handlers for council officers."""
