# briefbot: slim Python 3.11, non-root, the store baked in (mount over /app/knowledge and
# /app/seeds to replace it), runtime state on the /data volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BRIEFBOT_KNOWLEDGE_DIR=/app/knowledge \
    BRIEFBOT_SEEDS_DIR=/app/seeds \
    BRIEFBOT_DB=/data/briefbot.sqlite3

RUN useradd --create-home --uid 10001 briefbot && mkdir -p /data && chown briefbot /data
WORKDIR /app

# The locked versions and hashes first (a layer that changes only with the lock), then the
# bot itself with no dependencies and the locked setuptools.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install --no-deps --no-build-isolation .

COPY knowledge ./knowledge
COPY seeds ./seeds

USER briefbot
VOLUME ["/data"]
HEALTHCHECK --interval=60s --timeout=15s --start-period=30s --retries=3 CMD ["briefbot", "health"]
CMD ["briefbot", "run"]
