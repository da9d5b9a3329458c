"""The API's routers: the bootcamp's endpoints, /v1, admin and the Telegram webhook."""
