"""Simulated xtquant.xtdata: the calls Quote Platform uses, with the real module's names, arguments
and data shapes, over a simulated A-share trading day (stdlib only).

Settings come from XTSIM_* environment variables (see _sim/settings.py and the README) or
sim_configure(**settings). Differences from the real module: get_market_data_ex returns a Frame
(see _sim/frame.py) instead of a pandas DataFrame; only periods '1m' and '1d' have history; history
exists only for the simulated day.
"""
import datetime
import threading
import time

from ._sim import sessions
from ._sim.feed import Disconnected, Feed
from ._sim.frame import Frame
from ._sim.settings import Settings
from ._sim.settings import seconds_of_day as sessions_seconds

__all__ = [
    "connect", "get_stock_list_in_sector", "subscribe_whole_quote", "subscribe_quote", "unsubscribe_quote",
    "get_full_tick", "get_market_data_ex", "download_history_data", "run",
    "sim_configure", "sim_inject", "sim_status", "sim_market_time_ms", "sim_stop", "sim_tamper",
]

_BEIJING = datetime.timezone(datetime.timedelta(hours=8))
_BAR_FIELDS = ["time", "open", "high", "low", "close", "volume", "amount", "settelementPrice", "openInterest",
               "preClose", "suspendFlag"]
_lock = threading.Lock()
_feed = None


def _current():
    global _feed
    with _lock:
        if _feed is None:
            _feed = Feed(Settings())
        return _feed


class XtQuantClient:
    """What connect() returns; the real one is a C++ client object."""

    def __init__(self, feed):
        self._feed = feed

    def is_connected(self):
        return self._feed.connected

    def get_server_tag(self):
        settings = self._feed.settings
        return {"server": "xtquant simulator (Quote Platform)", "trading_day": settings.day,
                "speed": settings.speed, "symbols": len(self._feed.market.stocks)}

    def __repr__(self):
        return f"XtQuantClient(simulated, connected={self._feed.connected})"


# ---- the xtdata API ------------------------------------------------------------------------------
def connect(ip="", port=None, remember_if_success=True):
    feed = _current()
    try:
        feed.connect()
    except Disconnected as error:
        raise Exception(str(error)) from None
    return XtQuantClient(feed)


def get_stock_list_in_sector(sector_name, real_timetag=-1):
    feed = _current()
    _require(feed)
    codes = [stock.code for stock in feed.market.stocks]
    if sector_name == "沪深A股":
        return codes
    if sector_name == "上证A股":
        return [code for code in codes if code.endswith(".SH")]
    if sector_name == "深证A股":
        return [code for code in codes if code.endswith(".SZ")]
    return []


def subscribe_whole_quote(code_list, callback=None):
    """Pushes {code: tick} (or {code: [tick]} with XTSIM_TICK_SHAPE=list) about every 3 s: the
    first push the full snapshot, then only the codes that changed. Returns the subscription number,
    or -1 when refused."""
    feed = _current()
    _require(feed)
    if "whole" in feed.settings.refused:
        return -1
    markets = {item for item in code_list if item in ("SH", "SZ")}
    codes = {item for item in code_list if item not in markets}
    for stock in feed.market.stocks:
        if stock.code[-2:] in markets:
            codes.add(stock.code)
    return feed.subscribe_whole(codes, callback)


def subscribe_quote(stock_code, period="1d", start_time="", end_time="", count=0, callback=None):
    """Pushes {code: [bar]} with the bar still forming whenever the stock trades; period '1m' only.
    Returns the subscription number, or -1 when refused."""
    feed = _current()
    _require(feed)
    if period != "1m":
        raise Exception(f"simulator: period '{period}' is not simulated, use '1m'")
    if "quote" in feed.settings.refused or stock_code not in feed.market.by_code:
        return -1
    ratio = feed.settings.refuse_quote_ratio
    if ratio > 0 and (hash(stock_code) % 1000) / 1000.0 < ratio:
        return -1
    return feed.subscribe_quote(stock_code, callback)


def unsubscribe_quote(seq):
    _current().unsubscribe(seq)


def get_full_tick(code_list):
    feed = _current()
    _require(feed)
    if "tick" in feed.settings.refused:
        raise Exception("simulator: get_full_tick refused (XTSIM_REFUSE=tick)")
    market = feed.market
    with feed._lock:
        if market.now_ms is None:
            return {}
        wanted = _expand(code_list, market)
        return {code: market.tick(market.by_code[code]) for code in wanted}


def get_market_data_ex(field_list=[], stock_list=[], period="1d", start_time="", end_time="", count=-1,
                       dividend_type="none", fill_data=True):
    """{code: Frame} of completed bars, index 'YYYYMMDDHHMMSS'; '1m' bars are labelled by their end
    and include QMT's 09:30 opening-auction bar (241 a day)."""
    feed = _current()
    _require(feed)
    if period not in ("1m", "1d"):
        raise Exception(f"simulator: period '{period}' has no history, use '1m' or '1d'")
    fields = list(field_list) or list(_BAR_FIELDS)
    unknown = [field for field in fields if field not in _BAR_FIELDS]
    if unknown:
        raise Exception(f"simulator: unknown field(s) {unknown}")
    market = feed.market
    start_ms = _parse_time(start_time, market.midnight_ms, 0)
    end_ms = _parse_time(end_time, market.midnight_ms, 10 ** 15)
    result = {}
    with feed._lock:
        for code in _expand(stock_list, market):
            stock = market.by_code[code]
            rows = list(market.rows(stock, start_ms, end_ms))
            if period == "1d":
                rows = _daily(rows, market.midnight_ms)
            if count is not None and count > 0:
                rows = rows[-count:]
            result[code] = _frame(rows, fields, stock, period)
    return result


def download_history_data(stock_code, period, start_time="", end_time="", incrementally=None):
    """Nothing to download: the simulated day's history is in memory."""
    _require(_current())


def run():
    """Blocks while the link holds; raises when it is lost (as the real run() does)."""
    feed = _current()
    while True:
        if not feed.connected:
            raise Exception("行情服务连接断开 (simulated)")
        time.sleep(0.05)


# ---- control of the simulator (not in the real module) -------------------------------------------
def sim_configure(**settings):
    """Starts a new simulated day with these settings (names as in _sim/settings.py, defaults from
    XTSIM_*): the old feed stops and its subscriptions end."""
    global _feed
    fresh = Feed(Settings(**settings))
    with _lock:
        old, _feed = _feed, fresh
    if old is not None:
        old.stop()
    return fresh.settings.as_dict()


def sim_stop():
    """Stops the simulated market's thread (before the interpreter shuts down); the next connect()
    starts a fresh day with the current settings."""
    global _feed
    with _lock:
        old, _feed = _feed, None
    if old is not None:
        old.stop()


def sim_inject(fault, seconds):
    """fault 'disconnect' (link lost, connect() refused for `seconds` simulated seconds) or 'stall'
    (open subscriptions go silent for good; new ones push again after `seconds`)."""
    _current().inject(fault, seconds)


def sim_tamper(code, bar_end, field, value=None):
    """Alters the history get_market_data_ex returns for one completed 1m bar (bar_end 'HH:MM', the
    label), as a terminal with bad data would: `field` one of open, high, low, close, volume, amount
    set to `value`; or field 'delete' removes the bar. What was pushed stays as it was. Returns
    True when the bar existed."""
    feed = _current()
    columns = ("open", "high", "low", "close", "volume", "amount")
    if field != "delete" and field not in columns:
        raise ValueError(f"field must be one of {columns} or 'delete', not {field!r}")
    with feed._lock:
        market = feed.market
        label_ms = market.midnight_ms + sessions_seconds(bar_end) * 1000
        history = market.by_code[code].history
        for offset in range(0, len(history), 7):
            if int(history[offset]) == label_ms:
                if field == "delete":
                    del history[offset:offset + 7]
                else:
                    history[offset + 1 + columns.index(field)] = float(value)
                return True
    return False


def sim_status():
    feed = _current()
    return {"market_time_ms": feed.market.now_ms, "connected": feed.connected, "connects": feed.connects,
            "pushes": feed.pushes, "ticks_pushed": feed.ticks_pushed, "day_over": feed.market.day_over,
            "symbols": len(feed.market.stocks)}


def sim_market_time_ms():
    """The simulated market clock (epoch ms), None before the first connect()."""
    return _current().market.now_ms


# ---- helpers -------------------------------------------------------------------------------------
def _require(feed):
    try:
        feed.require_connection()
    except Disconnected as error:
        raise Exception(str(error)) from None


def _expand(code_list, market):
    codes = []
    for item in code_list:
        if item in ("SH", "SZ"):
            codes.extend(stock.code for stock in market.stocks if stock.code.endswith("." + item))
        elif item in market.by_code:
            codes.append(item)
    return codes


def _parse_time(text, midnight_ms, default):
    text = str(text or "")
    if not text:
        return default
    if len(text) == 8:
        text += "000000"
    moment = datetime.datetime.strptime(text[:14], "%Y%m%d%H%M%S").replace(tzinfo=_BEIJING)
    return int(moment.timestamp() * 1000)


def _daily(rows, midnight_ms):
    if not rows:
        return []
    return [(midnight_ms, rows[0][1], max(r[2] for r in rows), min(r[3] for r in rows), rows[-1][4],
             sum(r[5] for r in rows), sum(r[6] for r in rows))]


def _frame(rows, fields, stock, period):
    pattern = "%Y%m%d%H%M%S" if period == "1m" else "%Y%m%d"
    index = [datetime.datetime.fromtimestamp(row[0] / 1000, _BEIJING).strftime(pattern) for row in rows]
    values = {
        "time": [int(row[0]) for row in rows],
        "open": [row[1] for row in rows],
        "high": [row[2] for row in rows],
        "low": [row[3] for row in rows],
        "close": [row[4] for row in rows],
        "volume": [int(row[5]) for row in rows],
        "amount": [round(row[6], 2) for row in rows],
        "settelementPrice": [0.0] * len(rows),
        "openInterest": [stock.status] * len(rows),
        "preClose": [stock.last_close] * len(rows),
        "suspendFlag": [0] * len(rows),
    }
    return Frame(index, {field: values[field] for field in fields})
