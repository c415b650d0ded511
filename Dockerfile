# plex_simkl_sync in a container. Build and run it from a checkout with compose.yaml beside this file
# (README, "Docker"), or by hand:
#   docker build --build-arg PLEX_SIMKL_SYNC_COMMIT=$(git rev-parse HEAD) -t plex_simkl_sync .
# JBang, the libraries and the compiled tool are in the image (fetched and built here, under
# /opt/plex_simkl_sync), so a container needs no download: its only requests are to Plex, SIMKL and
# the notification targets. Everything the tool keeps lives in the volume at /data: config.json,
# state.json and state.run.json, backups/, plans/, the journal, last_run.json, last_report.txt,
# simkl_pace.json and state.lock. The
# container starts as root only to give /data to PUID:PGID (1000:1000 unless set) and runs the tool
# as that user (scripts/docker-entrypoint).
FROM maven:3.9-eclipse-temurin-21

# The commit --version names (a git archive export has it in lib/cli/commit.txt already).
ARG PLEX_SIMKL_SYNC_COMMIT=

# The image's cache is read-only to the container's user, and the launcher's direct start keeps its
# records there: a container always goes through JBang (its JVM adds about 0.3 s to each command).
ENV PLEX_SIMKL_SYNC_DIR=/data \
    PLEX_SIMKL_SYNC_COMMAND="docker run --rm -it -v plex_simkl_sync:/data plex_simkl_sync" \
    PLEX_SIMKL_SYNC_CACHE=/opt/plex_simkl_sync/launcher \
    JBANG_DIR=/opt/plex_simkl_sync/jbang \
    JBANG_REPO=/opt/plex_simkl_sync/m2 \
    JBANG_NO_VERSION_CHECK=true \
    PLEX_SIMKL_SYNC_DIRECT=0

COPY plex_simkl_sync.java jbang-catalog.json /app/
COPY lib /app/lib
COPY scripts /app/scripts

# One run at build time fetches JBang (checked against scripts/jbang.lock) and the libraries, and
# compiles the tool; every later run finds them. Readable by whichever user PUID names.
RUN if [ -n "$PLEX_SIMKL_SYNC_COMMIT" ]; then printf '%s\n' "$PLEX_SIMKL_SYNC_COMMIT" >/app/lib/cli/commit.txt; fi \
    && bash /app/scripts/jbang /app/plex_simkl_sync.java --version \
    && chmod -R a+rX /app /opt/plex_simkl_sync \
    && chmod 755 /app/scripts/docker-entrypoint

# The user the tool runs as, 1000:1000 until PUID and PGID say otherwise (the base image's own user
# with that id, "ubuntu", makes way).
RUN if getent passwd 1000 >/dev/null; then userdel "$(getent passwd 1000 | cut -d: -f1)"; fi \
    && if getent group 1000 >/dev/null; then groupdel "$(getent group 1000 | cut -d: -f1)"; fi \
    && groupadd --gid 1000 plex_simkl_sync \
    && useradd --uid 1000 --gid 1000 --home-dir /data --no-create-home --shell /usr/sbin/nologin plex_simkl_sync \
    && mkdir -p /data && chown 1000:1000 /data && chmod 700 /data

ENV HOME=/data
VOLUME /data
WORKDIR /data
ENTRYPOINT ["/app/scripts/docker-entrypoint", "bash", "/app/scripts/jbang", "/app/plex_simkl_sync.java"]
# Healthy while the last sync ended well less than two hours ago (for --watch 30m; with a longer
# interval pass --health-cmd to docker run, or change compose.yaml's). Reads last_run.json in /data
# only: no request is made. It runs as PUID too, through the entrypoint.
HEALTHCHECK --interval=5m --timeout=60s --start-period=15m \
    CMD ["/app/scripts/docker-entrypoint", "bash", "/app/scripts/jbang", "/app/plex_simkl_sync.java", "--health", \
         "--max-age", "2h"]
