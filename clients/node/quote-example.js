#!/usr/bin/env node
'use strict';
// node quote-example.js [--server host:port] bars SYMBOL [--period 1m] --from YYYY-MM-DD --to YYYY-MM-DD
// node quote-example.js [--server host:port] latest [SYMBOL ...]
// Prints one JSON object per line. Server: --server, else QP_QUERY_URL. Exit codes: 0 done,
// 1 bad command line, 2 the server refused the request (the message says why), 3 server unreachable.
const { QuoteClient, beijingTime, PERIODS, grpc } = require('./quote-client');

function parse(argv) {
  const options = { server: process.env.QP_QUERY_URL, period: '1m', positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--server' || arg === '--period' || arg === '--from' || arg === '--to') {
      options[arg.slice(2)] = argv[++i];
    } else if (arg === '--help' || arg === '-h') {
      options.help = true;
    } else {
      options.positional.push(arg);
    }
  }
  return options;
}

async function main() {
  const options = parse(process.argv.slice(2));
  const [command, ...rest] = options.positional;
  if (options.help || !command) {
    console.log('usage: quote-example.js [--server host:port] bars SYMBOL [--period 1m] --from DATE --to DATE | latest [SYMBOL ...]');
    return options.help ? 0 : 1;
  }
  if (!options.server) {
    console.error('error: give --server host:port or set QP_QUERY_URL');
    return 1;
  }
  const client = new QuoteClient(options.server);
  try {
    if (command === 'bars') {
      if (rest.length !== 1 || !options.from || !options.to || !(options.period in PERIODS)) {
        console.error('error: bars needs SYMBOL, --from and --to, and --period one of 1m 5m 15m 30m 60m 1d');
        return 1;
      }
      for (const bar of await client.bars(rest[0], options.period, options.from, options.to)) {
        console.log(JSON.stringify({
          symbol: bar.symbol,
          period: options.period,
          frame: beijingTime(bar.frame_unix_ms),
          open: bar.open,
          high: bar.high,
          low: bar.low,
          close: bar.close,
          volume: bar.volume_shares,
          amount: bar.amount_cny,
        }));
      }
    } else if (command === 'latest') {
      for (const quote of await client.latest(rest)) {
        console.log(JSON.stringify({ symbol: quote.symbol, time: beijingTime(quote.time_unix_ms), last: quote.last_price, volume: quote.volume_shares }));
      }
    } else {
      console.error(`error: unknown command '${command}' (bars, latest)`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error.code === undefined) throw error;
    console.error(`error: ${grpc.status[error.code]}: ${error.details}`);
    return error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED ? 3 : 2;
  } finally {
    client.close();
  }
}

main().then((code) => { process.exitCode = code; }, (error) => { console.error(`error: ${error.message}`); process.exitCode = 1; });
