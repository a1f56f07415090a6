"""Handlers for administrators: setting up the install and running it from the chat."""
