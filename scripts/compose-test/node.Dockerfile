# Stand-in for node:22-bookworm-slim where no image registry is reachable (scripts/compose-test.sh):
# Debian 12 plus this machine's Node.js and npm at the upstream image's paths (/usr/local/bin/node,
# /usr/local/lib/node_modules/npm), which is what the project's Dockerfile copies out of it.
# Context: a folder holding node and npm/, staged by the script.
ARG BASE
FROM ${BASE}
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
    && groupadd --gid 1000 node \
    && useradd --no-log-init --uid 1000 --gid node --create-home node
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
ARG STANDIN
LABEL org.quote-platform.standin="${STANDIN}"
