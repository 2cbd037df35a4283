# juesuan in a container, for docker-compose.yml. Provided as is: the project's own machines
# have no Docker engine, so this file is checked by a test for the paths and variables it
# shares with the code, never built there.
FROM swift:6.0-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev libssl-dev libpoppler-glib-dev libpoppler-private-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product juesuan

FROM swift:6.0-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libssl3 libpoppler-glib8 libpoppler126 util-linux \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/.build/release/juesuan /usr/local/bin/juesuan
# juesuan finds its SQL in share/juesuan/sql beside its bin/ folder.
COPY sql /usr/local/share/juesuan/sql
COPY etl /usr/local/share/juesuan/etl
COPY Tests/JuesuanETLTests/Fixtures /usr/local/share/juesuan/samples
RUN mkdir -p /var/lib/juesuan/inbox /var/lib/juesuan/processed /var/lib/juesuan/rejected /var/log/juesuan
ENV JUESUAN_INBOX=/var/lib/juesuan/inbox \
    JUESUAN_PROCESSED=/var/lib/juesuan/processed \
    JUESUAN_REJECTED=/var/lib/juesuan/rejected \
    JUESUAN_LOG_DIR=/var/log/juesuan \
    JUESUAN_SETTLE_SECONDS=60 \
    JUESUAN_INTERVAL_SECONDS=3600
# Migrate, then run the nightly wrapper every JUESUAN_INTERVAL_SECONDS.
CMD ["/bin/sh", "-c", "juesuan migrate && while true; do /usr/local/share/juesuan/etl/juesuan-nightly.sh; sleep \"$JUESUAN_INTERVAL_SECONDS\"; done"]
