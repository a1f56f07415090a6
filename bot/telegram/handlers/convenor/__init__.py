"""Handlers for forum convenors."""
