"""The HTTP API (FastAPI): the bootcamp's endpoints, /v1, admin and the Telegram webhook."""
