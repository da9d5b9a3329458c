# moviebot: the Telegram bot with the demo catalogue built in.
#   docker build -t moviebot .
#   docker run -d --name moviebot -e TELEGRAM_BOT_TOKEN=123:AA... -e ADMIN_IDS=11111111 \
#       -v moviebot-data:/data moviebot
# Full Kaggle data: mount it read-only and build the catalogue into the data volume, then
# /reload from an admin chat (or restart):
#   docker run --rm -v moviebot-data:/data -v ~/the-movies-dataset:/kaggle:ro moviebot \
#       moviebot etl --source /kaggle
# The HTTP API (and, with --webhook-url, the bot on the same port):
#   docker run -d -p 8000:8000 -v moviebot-data:/data moviebot moviebot serve --host 0.0.0.0
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MOVIEBOT_DB=/data/movies.duckdb \
    MOVIEBOT_SAMPLE=/app/data/sample \
    MOVIEBOT_ALIASES=/app/data/aliases_es.csv \
    MPLCONFIGDIR=/tmp/matplotlib \
    MOVIEBOT_PORT=8000

WORKDIR /app

# Dependencies and code from the project's own files (pyproject.toml), nothing else.
COPY pyproject.toml README.md ./
COPY etl ./etl
COPY core ./core
COPY bot ./bot
COPY cli ./cli
COPY api ./api
COPY data/sample ./data/sample
COPY data/aliases_es.csv ./data/aliases_es.csv
RUN pip install . && rm -rf build *.egg-info

RUN useradd --create-home --uid 10001 moviebot \
    && mkdir -p /data \
    && chown moviebot:moviebot /data
USER moviebot

# The demo catalogue, built into the data folder (a named volume starts with it).
RUN moviebot etl --source /app/data/sample --db /data/movies.duckdb --quiet

VOLUME ["/data"]

# 8000: `moviebot serve` (the API, and the webhook with --webhook-url); 8443: the bot's own
# webhook mode (moviebot run --webhook-url https://... --port 8443).
EXPOSE 8000 8443

# Both modes: the API's /health on $MOVIEBOT_PORT when it listens, else (the bot)
# `moviebot health`: the catalogue, its self-check and the bot's polling state.
HEALTHCHECK --interval=120s --timeout=30s --start-period=60s --retries=3 \
    CMD ["moviebot", "probe"]

# Runs the bot when TELEGRAM_BOT_TOKEN is set (else the console chat, for `docker run -it`).
CMD ["moviebot", "start"]
