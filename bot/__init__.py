"""Chat commands, the Telegram and console adapters, and the `moviebot` CLI."""
