#!/usr/bin/python3
"""Command-line example of the Python client.

    clients/python/quote_example.py --server 127.0.0.1:5090 bars 600000.SH --period 1m --from 2025-06-06 --to 2025-06-06
    clients/python/quote_example.py --server 127.0.0.1:5090 panel --period 1m --from 2025-06-06 [--to D] [--symbols A,B]
    clients/python/quote_example.py --server 127.0.0.1:5090 latest [SYMBOL ...]
    clients/python/quote_example.py --server 127.0.0.1:5090 calendar --from 2025-09-29 --to 2025-10-10 [--market SZ]
    clients/python/quote_example.py --server 127.0.0.1:5090 watch 600000.SH --group me --consumer laptop [--start-id 0] [--max-bars N]

The server defaults to QP_QUERY_URL. Exit codes: 0 done, 2 the server refused the request (bad
argument, unknown symbol: the message says which), 3 the server could not be reached.
"""
import argparse
import csv
import os
import sys

import grpc

from quoteplatform_client import COLUMNS, QuoteClient


def main():
    parser = argparse.ArgumentParser(description="Quote Platform query client (example)")
    parser.add_argument("--server", default=os.environ.get("QP_QUERY_URL"), help="gRPC address host:port (default: QP_QUERY_URL)")
    commands = parser.add_subparsers(dest="command", required=True)
    bars = commands.add_parser("bars", help="bars of one symbol as CSV: time (Asia/Shanghai), open, high, low, close, volume, amount")
    bars.add_argument("symbol")
    bars.add_argument("--period", default="1m", choices=["1m", "5m", "15m", "30m", "60m", "1d"])
    bars.add_argument("--from", dest="from_date", required=True, help="first trading date, YYYY-MM-DD")
    bars.add_argument("--to", dest="to_date", required=True, help="last trading date, YYYY-MM-DD")
    bars.add_argument("--adjust", default=None, choices=["qfq", "hfq"], help="前复权 (qfq) or 后复权 (hfq); default: as traded")
    panel = commands.add_parser("panel", help="bars of every symbol (or --symbols) as CSV indexed by time, symbol (pandas)")
    panel.add_argument("--symbols", default="", help="comma-separated symbols (default: every symbol)")
    panel.add_argument("--period", default="1m", choices=["1m", "5m", "15m", "30m", "60m", "1d"])
    panel.add_argument("--from", dest="from_date", required=True, help="first trading date, YYYY-MM-DD")
    panel.add_argument("--to", dest="to_date", help="last trading date, YYYY-MM-DD (default: --from)")
    symbols = commands.add_parser("symbols", help="symbols as CSV: symbol, name, type, exchange")
    symbols.add_argument("search", nargs="?", default="", help="start of the code or part of the name")
    latest = commands.add_parser("latest", help="latest quotes as CSV (no symbol: 000001.SZ)")
    latest.add_argument("symbols", nargs="*")
    calendar = commands.add_parser("calendar", help="trading days as CSV: date, assumed (1: no calendar stored, a weekday)")
    calendar.add_argument("--from", dest="from_date", required=True, help="first date, YYYY-MM-DD")
    calendar.add_argument("--to", dest="to_date", required=True, help="last date, YYYY-MM-DD")
    calendar.add_argument("--market", default="SH", choices=["SH", "SZ"])
    watch = commands.add_parser("watch", help="follow live 1m bars (one CSV line per bar)")
    watch.add_argument("symbols", nargs="+")
    watch.add_argument("--group", required=True)
    watch.add_argument("--consumer", required=True)
    watch.add_argument("--start-id", default="", help="where a new group starts: '' or '$' new bars only, '0' the oldest kept")
    watch.add_argument("--max-bars", type=int, default=0, help="stop after this many bars (0: follow until interrupted)")
    args = parser.parse_args()
    if not args.server:
        parser.error("give --server host:port or set QP_QUERY_URL")

    client = QuoteClient(args.server)
    out = csv.writer(sys.stdout, lineterminator="\n")
    try:
        if args.command == "bars":
            rows = client.bars(args.symbol, args.period, args.from_date, args.to_date, adjust=args.adjust)
            out.writerow(COLUMNS)
            for row in rows:
                out.writerow([row["time"].isoformat()] + [row[c] for c in COLUMNS[1:]])
        elif args.command == "panel":
            symbols = [s for s in args.symbols.split(",") if s]
            frame = client.bars_frame(symbols or None, args.period, args.from_date, args.to_date)
            frame.to_csv(sys.stdout)
        elif args.command == "symbols":
            out.writerow(("symbol", "name", "type", "exchange"))
            for row in client.symbols(args.search):
                out.writerow((row["symbol"], row["name"], row["type"], row["exchange"]))
        elif args.command == "latest":
            quotes = client.latest(args.symbols)
            out.writerow(("symbol", "time_unix_ms", "last", "previous_close", "volume", "amount"))
            for q in quotes:
                out.writerow((q.symbol, q.time_unix_ms, q.last_price, q.previous_close, q.volume_shares, q.amount_cny))
        elif args.command == "calendar":
            days, assumed = client.trading_days(args.from_date, args.to_date, args.market)
            out.writerow(("date", "assumed"))
            for day in days:
                out.writerow((day.isoformat(), int(day in assumed)))
        else:
            out.writerow(("symbol",) + COLUMNS)
            sys.stdout.flush()
            received = 0
            with client.watch(args.symbols, args.group, args.consumer, start_id=args.start_id) as live:
                for shard, entry_id, rows in live:
                    for row in rows:
                        out.writerow([row["symbol"], row["time"].isoformat()] + [row[c] for c in COLUMNS[1:]])
                    sys.stdout.flush()
                    live.ack(shard, entry_id)
                    received += len(rows)
                    if args.max_bars and received >= args.max_bars:
                        break
    except grpc.RpcError as error:
        unreachable = error.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
        print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        return 3 if unreachable else 2
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
