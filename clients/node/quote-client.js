'use strict';
// Quote Platform client for Node.js: @grpc/grpc-js with the repository's .proto files loaded at
// run time by @grpc/proto-loader (no generated code). int64 fields arrive as Numbers: every time
// and volume the platform sends is far below 2^53.
const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', 'protos');
const PERIODS = { '1m': 1, '5m': 2, '15m': 3, '30m': 4, '60m': 5, '1d': 6 };
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const definition = protoLoader.loadSync(['quoteplatform/query/v1/query.proto'], {
  includeDirs: [PROTO_ROOT],
  keepCase: true,
  longs: Number,
  enums: Number,
  defaults: true,
});
const { QueryService } = grpc.loadPackageDefinition(definition).quoteplatform.query.v1;

/** Midnight of a Beijing trading date ("2025-06-06") as epoch ms. */
function beijingMidnight(date) {
  const midnightUtc = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(midnightUtc)) throw new Error(`date '${date}' is not a date like 2025-06-06 (YYYY-MM-DD)`);
  return midnightUtc - BEIJING_OFFSET_MS;
}

/** Bar END time in Beijing, ISO-8601 with +08:00 (the shape `quote synth` writes). */
function beijingTime(unixMs) {
  return new Date(unixMs + BEIJING_OFFSET_MS).toISOString().replace(/\.000Z$|Z$/, '+08:00');
}

/** The read key: keyFile, else the file QP_READ_KEY_FILE names, else QP_READ_KEY; undefined when none is set. */
function readKey(keyFile = process.env.QP_READ_KEY_FILE) {
  if (keyFile) {
    const key = fs.readFileSync(keyFile, 'utf8').trim();
    if (!key) throw new Error(`the read key file ${keyFile} is empty`);
    return key;
  }
  return process.env.QP_READ_KEY || undefined;
}

/** Cleartext HTTP/2 for host:port or http://; TLS for https:// (system CAs, or caFile / QP_CA_FILE for a private CA). */
function channelCredentials(target, caFile = process.env.QP_CA_FILE) {
  if (!target.startsWith('https://')) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(caFile ? fs.readFileSync(caFile) : null);
}

class QuoteClient {
  /**
   * target: the gRPC address "host:port" (cleartext, QP_QUERY_URL) or "https://host:port" (TLS).
   * The read key (Query:ReadApiKeys) comes from keyFile, QP_READ_KEY_FILE or QP_READ_KEY, never a command line.
   */
  constructor(target, { timeoutMs = 30_000, keyFile, caFile } = {}) {
    this.query = new QueryService(target.replace(/^https?:\/\//, ''), channelCredentials(target, caFile));
    this.metadata = new grpc.Metadata();
    const key = readKey(keyFile);
    if (key) this.metadata.set('x-api-key', key);
    this.timeoutMs = timeoutMs;
  }

  call(method, request) {
    return new Promise((resolve, reject) => {
      this.query[method](request, this.metadata, { deadline: Date.now() + this.timeoutMs }, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }

  /** Every bar of the trading dates fromDate..toDate (inclusive), oldest first, following pages. */
  async bars(symbol, period, fromDate, toDate) {
    if (!(period in PERIODS)) throw new Error(`period '${period}' is not one of ${Object.keys(PERIODS).join(', ')}`);
    const request = {
      symbol,
      period: PERIODS[period],
      from_unix_ms: beijingMidnight(fromDate),
      to_unix_ms: beijingMidnight(toDate) + DAY_MS,
      page_token: '',
    };
    const bars = [];
    for (;;) {
      const response = await this.call('GetBars', request);
      bars.push(...response.bars);
      if (!response.next_page_token) return bars;
      request.page_token = response.next_page_token;
    }
  }

  /** Latest quotes; no symbol gives 000001.SZ. */
  async latest(symbols = []) {
    return (await this.call('GetQuotes', { symbols })).quotes;
  }

  close() {
    this.query.close();
  }
}

module.exports = { QuoteClient, beijingTime, PERIODS, grpc };
