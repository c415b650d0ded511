# plex_simkl_sync in a container. Build it from a checkout:
#   docker build -t plex_simkl_sync .
# Everything the tool keeps lives under /data, so mount a volume there: config.json, state.json
# and backups/ at the top, and the JBang and Maven caches under /data/cache (fetched on the first
# run, reused by every later one). README, "Docker", has the sign-in and service commands.
FROM maven:3.9-eclipse-temurin-21
COPY plex_simkl_sync.java jbang-catalog.json /app/
COPY lib /app/lib
COPY scripts /app/scripts
ENV HOME=/data/cache \
    PLEX_SIMKL_SYNC_DIR=/data \
    PLEX_SIMKL_SYNC_COMMAND="docker run --rm -it -v plex_simkl_sync:/data plex_simkl_sync" \
    JBANG_NO_VERSION_CHECK=true
VOLUME /data
WORKDIR /data
ENTRYPOINT ["bash", "/app/scripts/jbang", "/app/plex_simkl_sync.java"]
# Healthy while the last sync ended well less than two hours ago (for --watch 30m; with a longer
# interval pass --health-cmd to docker run). Reads last_run.json in /data only: no request is made.
HEALTHCHECK --interval=5m --timeout=60s --start-period=15m \
    CMD ["bash", "/app/scripts/jbang", "/app/plex_simkl_sync.java", "--health", "--max-age", "2h"]
