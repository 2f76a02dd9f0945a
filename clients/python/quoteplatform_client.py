"""Quote Platform client for Python: bars as rows a pandas user expects, latest quotes, live bars.

Needs only Debian's python3-grpcio and python3-protobuf (plus python3-grpc-tools, which compiles the
.proto files of this repository on first use, offline, into ./_generated beside this file);
bars_frame also needs python3-pandas.

    from quoteplatform_client import QuoteClient
    client = QuoteClient("127.0.0.1:5090")              # the gRPC (h2c) address, QP_QUERY_URL
    rows = client.bars("600000.SH", "1m", "2025-06-06", "2025-06-06")
    daily = client.bars("000001.SZ", "1d", "2025-01-02", "2025-12-31", adjust="qfq")   # 前复权; "hfq" 后复权
    client.symbols("平安")                               # [{"symbol", "name", "type", "exchange"}, ...]
    import pandas as pd; df = pd.DataFrame(rows).set_index("time")   # if pandas is installed
    panel = client.bars_frame(None, "1m", "2025-06-06")  # every symbol's day, indexed by (time, symbol)
    ticks = client.ticks("600000.SH", "2025-06-06")     # the archived snapshots (分笔) of the day

A read key, when the service asks for one (Query:ReadApiKeys), comes from the file named by
QP_READ_KEY_FILE (or key_file=), else from QP_READ_KEY; never put it on a command line.
"https://host:port" connects over TLS: the system's trusted CAs, or ca_file= / QP_CA_FILE for a
private CA.
"""
import collections
import datetime as dt
import os
import sys
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "protos"))
GENERATED = os.path.join(HERE, "_generated")
SHANGHAI = ZoneInfo("Asia/Shanghai")
PERIODS = {"1m": 1, "5m": 2, "15m": 3, "30m": 4, "60m": 5, "1d": 6}
COLUMNS = ("time", "open", "high", "low", "close", "volume", "amount")
# adjust= as Tushare and AKShare spell it: None raw, "qfq" 前复权 (front), "hfq" 后复权 (back).
ADJUST = {None: 0, "qfq": 1, "hfq": 2}


def _ensure_stubs():
    """Compiles the .proto files once (and again when one is newer than the generated code)."""
    sources = []
    for folder, _, files in os.walk(PROTO_ROOT):
        sources += [os.path.relpath(os.path.join(folder, f), PROTO_ROOT) for f in files if f.endswith(".proto")]
    marker = os.path.join(GENERATED, ".complete")
    newest = max(os.path.getmtime(os.path.join(PROTO_ROOT, s)) for s in sources)
    if not os.path.exists(marker) or os.path.getmtime(marker) < newest:
        from grpc_tools import protoc  # Debian: apt-get install python3-grpc-tools
        os.makedirs(GENERATED, exist_ok=True)
        args = ["protoc", f"-I{PROTO_ROOT}", f"--python_out={GENERATED}", f"--grpc_python_out={GENERATED}", *sources]
        if protoc.main(args) != 0:
            raise RuntimeError(f"protoc failed on {PROTO_ROOT}")
        with open(marker, "w", encoding="utf-8"):
            pass
    if GENERATED not in sys.path:
        sys.path.insert(0, GENERATED)


_ensure_stubs()
import grpc  # noqa: E402
from quoteplatform.query.v1 import query_pb2, query_pb2_grpc  # noqa: E402


def _beijing_midnight_ms(date_text):
    day = dt.date.fromisoformat(date_text)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=SHANGHAI).timestamp() * 1000)


# StreamBarPanelResponse's packed columns by field number: name and little-endian numpy type.
_PANEL_COLUMNS = {3: ("frame_unix_ms", "<i8"), 4: ("open", "<f8"), 5: ("high", "<f8"), 6: ("low", "<f8"), 7: ("close", "<f8"),
                  8: ("volume_shares", "<i8"), 9: ("amount_cny", "<f8"), 10: ("quality_flags", "<u4")}
# The DataFrame's columns (as bars() names them) and the field each comes from.
_FRAME_COLUMNS = {"open": "open", "high": "high", "low": "low", "close": "close", "volume": "volume_shares", "amount": "amount_cny"}


def _varint(data, position):
    value = shift = 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def _panel_columns(data):
    """A serialized StreamBarPanelResponse as (symbols, bar counts, {column: [numpy arrays]}). The
    protobuf wire format puts a packed fixed-width field as its tag, its length and then the values
    exactly as a little-endian array, so numpy reads each column over the bytes without a copy."""
    import numpy as np
    symbols, counts, columns = [], [], {}
    position, end = 0, len(data)
    while position < end:
        key, position = _varint(data, position)
        field, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, position = _varint(data, position)
            if field == 2:
                counts.append(value)
        elif wire_type == 2:
            length, position = _varint(data, position)
            start, position = position, position + length
            if field == 1:
                symbols.append(data[start:position].decode("utf-8"))
            elif field == 2:
                while start < position:
                    value, start = _varint(data, start)
                    counts.append(value)
            elif field in _PANEL_COLUMNS:
                name, dtype = _PANEL_COLUMNS[field]
                columns.setdefault(name, []).append(np.frombuffer(data, dtype, length // np.dtype(dtype).itemsize, start))
        elif wire_type == 1:
            position += 8
        elif wire_type == 5:
            position += 4
        else:
            raise ValueError(f"StreamBarPanelResponse: unexpected wire type {wire_type} of field {field}")
    return symbols, counts, columns


def bar_row(bar):
    """One bar as a row: time is the bar END in Asia/Shanghai (09:31 covers 09:30-09:31)."""
    return {
        "time": dt.datetime.fromtimestamp(bar.frame_unix_ms / 1000, SHANGHAI),
        "open": bar.open,
        "high": bar.high,
        "low": bar.low,
        "close": bar.close,
        "volume": bar.volume_shares,
        "amount": bar.amount_cny,
    }


def read_key(key_file=None):
    """The read key: key_file, else the file QP_READ_KEY_FILE names, else QP_READ_KEY; None when none is set."""
    key_file = key_file or os.environ.get("QP_READ_KEY_FILE")
    if key_file:
        with open(key_file, encoding="utf-8") as file:
            key = file.read().strip()
        if not key:
            raise ValueError(f"the read key file {key_file} is empty")
        return key
    return os.environ.get("QP_READ_KEY") or None


class _CallDetails(collections.namedtuple("_CallDetails", ("method", "timeout", "metadata", "credentials", "wait_for_ready", "compression")),
                   grpc.ClientCallDetails):
    pass


class _ReadKey(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Sends the read key in the x-api-key header of every call."""

    def __init__(self, key):
        self._header = ("x-api-key", key)

    def _details(self, d):
        return _CallDetails(d.method, d.timeout, [*(d.metadata or ()), self._header], d.credentials, d.wait_for_ready, d.compression)

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._details(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._details(details), request)

    def intercept_stream_stream(self, continuation, details, requests):
        return continuation(self._details(details), requests)


def open_channel(target, key_file=None, ca_file=None):
    """host:port or http:// (cleartext HTTP/2), https:// (TLS, ca_file or QP_CA_FILE for a private CA); with the read key if one is set."""
    if target.startswith("https://"):
        ca_file = ca_file or os.environ.get("QP_CA_FILE")
        roots = None
        if ca_file:
            with open(ca_file, "rb") as file:
                roots = file.read()
        channel = grpc.secure_channel(target.removeprefix("https://"), grpc.ssl_channel_credentials(root_certificates=roots))
    else:
        channel = grpc.insecure_channel(target.removeprefix("http://"))
    key = read_key(key_file)
    return grpc.intercept_channel(channel, _ReadKey(key)) if key else channel
def tick_row(tick):
    """One archived tick as a row: times in Asia/Shanghai; volume in lots (手) as xtquant sends it;
    the book as bid1..bid5 / ask1..ask5 price and volume columns (None where a level is empty)."""
    row = {
        "time": dt.datetime.fromtimestamp(tick.time_unix_ms / 1000, SHANGHAI),
        "last_price": tick.last_price,
        "open": tick.open,
        "high": tick.high,
        "low": tick.low,
        "last_close": tick.last_close,
        "amount": tick.amount_cny,
        "volume": tick.volume_lots,
        "pvolume": tick.pvolume_shares,
        "stock_status": tick.stock_status,
        "transaction_num": tick.transaction_num,
    }
    for side, prices, volumes in (("bid", tick.bid_prices, tick.bid_volumes_lots), ("ask", tick.ask_prices, tick.ask_volumes_lots)):
        for level in range(5):
            row[f"{side}{level + 1}"] = prices[level] if level < len(prices) else None
            row[f"{side}{level + 1}_volume"] = volumes[level] if level < len(volumes) else None
    row["received"] = dt.datetime.fromtimestamp(tick.received_unix_ms / 1000, SHANGHAI)
    return row


class QuoteClient:
    def __init__(self, target, timeout_seconds=30.0, key_file=None, ca_file=None):
        self._channel = open_channel(target, key_file, ca_file)
        self._query = query_pb2_grpc.QueryServiceStub(self._channel)
        self._timeout = timeout_seconds

    def close(self):
        self._channel.close()

    def bars(self, symbol, period="1m", from_date=None, to_date=None, page_size=0, adjust=None):
        """Bars of the trading dates from_date..to_date (Beijing, inclusive), oldest first, all pages. adjust:
        None (prices as traded), "qfq" (前复权) or "hfq" (后复权), with QMT's formulas; volume and amount stay raw."""
        if adjust not in ADJUST:
            raise ValueError(f"adjust must be None, 'qfq' or 'hfq', not {adjust!r}")
        request = query_pb2.GetBarsRequest(
            adjust=ADJUST[adjust],
            symbol=symbol,
            period=PERIODS[period],
            from_unix_ms=_beijing_midnight_ms(from_date) if from_date else 0,
            to_unix_ms=_beijing_midnight_ms(to_date) + 86_400_000 if to_date else 0,
            page_size=page_size,
        )
        rows = []
        while True:
            response = self._query.GetBars(request, timeout=self._timeout)
            rows += [bar_row(b) for b in response.bars]
            if not response.next_page_token:
                return rows
            request.page_token = response.next_page_token

    def ticks(self, symbol, from_date, to_date=None):
        """Archived ticks of the trading dates from_date..to_date (Beijing, inclusive; to_date defaults to
        from_date), oldest first, all pages, as rows for pandas (see tick_row)."""
        request = query_pb2.GetTicksRequest(
            symbol=symbol,
            from_unix_ms=_beijing_midnight_ms(from_date),
            to_unix_ms=_beijing_midnight_ms(to_date or from_date) + 86_400_000,
            page_size=20_000,
        )
        rows = []
        while True:
            response = self._query.GetTicks(request, timeout=self._timeout)
            rows += [tick_row(t) for t in response.ticks]
            if not response.next_page_token:
                return rows
            request.page_token = response.next_page_token

    def bars_frame(self, symbols=None, period="1m", from_date=None, to_date=None):
        """Bars of many symbols (None: every symbol) over trading dates from_date..to_date (Beijing,
        inclusive; to_date defaults to from_date) as one pandas DataFrame indexed by (time, symbol),
        time the bar END in Asia/Shanghai, sorted by time then symbol; columns as bars() gives them.
        Read with StreamBarPanel, whose messages carry packed fixed-width columns: each is taken as a
        numpy array straight from the message's bytes (see _panel_columns), with no Python object per bar."""
        import numpy as np
        import pandas as pd
        to_date = to_date or from_date
        request = query_pb2.StreamBarPanelRequest(
            symbols=list(symbols or ()),
            period=PERIODS[period],
            from_unix_ms=_beijing_midnight_ms(from_date) if from_date else 0,
            to_unix_ms=_beijing_midnight_ms(to_date) + 86_400_000 if to_date else 0,
        )
        # No response deserializer: the call yields each message's bytes.
        stream = self._channel.unary_stream(
            "/quoteplatform.query.v1.QueryService/StreamBarPanel", request_serializer=query_pb2.StreamBarPanelRequest.SerializeToString)
        parts = {name: [] for name, _ in _PANEL_COLUMNS.values()}
        names, counts = [], []
        for data in stream(request, timeout=self._timeout):
            message_names, message_counts, columns = _panel_columns(data)
            names += message_names
            counts += message_counts
            for name, arrays in columns.items():
                parts[name] += arrays
        columns = {name: np.concatenate(parts[name]) if parts[name] else np.empty(0, dtype) for name, dtype in _PANEL_COLUMNS.values()}
        codes, categories = pd.factorize(np.array(names, dtype=object), sort=True)
        symbol_codes = np.repeat(codes, np.array(counts, dtype=np.int64))
        if any(len(values) != len(symbol_codes) for values in columns.values()):
            raise ValueError(f"StreamBarPanel: columns of {sorted({len(v) for v in columns.values()})} values for {len(symbol_codes)} bars counted")
        frames = columns["frame_unix_ms"]
        order = np.lexsort((symbol_codes, frames))
        index = pd.MultiIndex.from_arrays(
            [pd.to_datetime(frames[order], unit="ms", utc=True).tz_convert(SHANGHAI.key),
             pd.Categorical.from_codes(symbol_codes[order], categories=categories)],
            names=["time", "symbol"])
        # The gathered columns are new arrays already: copy=False keeps pandas from copying them again.
        return pd.DataFrame({column: columns[name][order] for column, name in _FRAME_COLUMNS.items()}, index=index, copy=False)

    def symbols(self, search=""):
        """Known symbols whose code starts with `search` or whose name contains it (all when empty), as rows
        {"symbol", "name", "type", "exchange"}; name and type are empty until the terminal sent details."""
        request = query_pb2.ListSymbolsRequest(search=search, page_size=10_000)
        rows = []
        while True:
            response = self._query.ListSymbols(request, timeout=self._timeout)
            rows += [{"symbol": s.symbol, "name": s.name, "type": s.type, "exchange": s.exchange} for s in response.symbols]
            if not response.next_page_token:
                return rows
            request.page_token = response.next_page_token

    def trading_days(self, from_date, to_date, market="SH"):
        """Trading days of from_date..to_date (Beijing, inclusive, at most 366 days) as dt.date, and the
        subset only assumed: weekdays no stored calendar covers (until the terminal sends one)."""
        response = self._query.GetTradingDays(
            query_pb2.GetTradingDaysRequest(market=market, from_date=from_date, to_date=to_date), timeout=self._timeout)
        return [dt.date.fromisoformat(d) for d in response.trading_dates], {dt.date.fromisoformat(d) for d in response.assumed_dates}

    def latest(self, symbols=()):
        """Latest quotes; no symbol gives 000001.SZ."""
        return list(self._query.GetQuotes(query_pb2.GetQuotesRequest(symbols=list(symbols)), timeout=self._timeout).quotes)

    def watch(self, symbols, group, consumer, periods=("1m",), mode="broadcast", start_id=""):
        """A live subscription to final bars (LiveService.Subscribe, live.proto); see LiveSubscription."""
        return LiveSubscription(self._channel, symbols, group, consumer, periods, mode, start_id)


class LiveSubscription:
    """Iterate for (shard, entry_id, rows) per delivery; ack(shard, entry_id) once a delivery is
    processed; close() when done. The group keeps its place on the server: reconnecting with the
    same group and consumer first gets what was delivered but not acknowledged, then new bars.

        with client.watch(["600000.SH"], group="me", consumer="laptop") as live:
            for shard, entry_id, rows in live:
                handle(rows)
                live.ack(shard, entry_id)
    """

    _MODES = {"broadcast": 1, "shard": 2, "hybrid": 3}

    def __init__(self, channel, symbols, group, consumer, periods, mode, start_id):
        import queue
        from quoteplatform.query.v1 import live_pb2, live_pb2_grpc
        self._live = live_pb2
        self._outgoing = queue.Queue()
        self._outgoing.put(live_pb2.SubscribeRequest(subscribe=live_pb2.Subscription(
            symbols=list(symbols), periods=[PERIODS[p] for p in periods], mode=self._MODES[mode],
            group=group, consumer=consumer, start_id=start_id)))
        self._call = live_pb2_grpc.LiveServiceStub(channel).Subscribe(self._requests())

    def _requests(self):
        while True:
            item = self._outgoing.get()
            if item is None:
                return
            yield item

    def __iter__(self):
        for response in self._call:
            if response.WhichOneof("kind") == "bars":
                delivery = response.bars
                yield delivery.shard, delivery.entry_id, [dict(bar_row(b), symbol=b.symbol) for b in delivery.bars]

    def ack(self, shard, entry_id):
        self._outgoing.put(self._live.SubscribeRequest(ack=self._live.Ack(
            deliveries=[self._live.DeliveryRef(shard=shard, entry_id=entry_id)])))

    def close(self):
        """Ends the request side, so the server applies every ack sent, and waits for it to finish."""
        self._outgoing.put(None)
        try:
            for _ in self._call:
                pass
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.CANCELLED:
                raise

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()
