# Cydlais in a container: slim Python, a non-root user, the database on a volume.
#   docker build -t cydlais .
#   docker run -d --name cydlais --restart unless-stopped -e CYDLAIS_BOT_TOKEN=... \
#     -v cydlais-data:/data -v "$PWD/config.toml:/config/config.toml:ro" cydlais
# In config.toml set [database] path = "/data/cydlais.db".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CYDLAIS_HOME=/app \
    CYDLAIS_CONFIG=/config/config.toml

WORKDIR /app
COPY pyproject.toml README.md config.example.toml ./
COPY bot ./bot
COPY locales ./locales
RUN pip install --no-cache-dir . \
    && useradd --create-home --uid 10001 cydlais \
    && mkdir -p /data /config \
    && chown cydlais /data

# Run from the data volume: relative paths (the demo's demo-output/, backups) land somewhere the
# non-root user may write, not in root's /app.
WORKDIR /data
USER cydlais
VOLUME ["/data"]
CMD ["cydlais", "run"]
