# Stand-in for redis:7.0 where no image registry is reachable (scripts/compose-test.sh): Debian 12's
# redis-server 7.0 package, data in /data (the working directory, as upstream), run as the "redis"
# user. Upstream builds Redis with protected mode off (a container is reached over its network, not
# loopback); the entrypoint does the same for a `redis-server` command, before its own arguments.
ARG BASE
FROM ${BASE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-server \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data \
    && chown redis:redis /data
COPY redis-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
WORKDIR /data
USER redis
EXPOSE 6379
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
ARG STANDIN
LABEL org.quote-platform.standin="${STANDIN}"
