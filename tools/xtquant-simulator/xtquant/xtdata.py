"""Simulated xtquant.xtdata: the calls Quote Platform uses, with the real module's names, arguments
and data shapes, over a simulated A-share trading day and the history before it (stdlib only).

Settings come from XTSIM_* environment variables (see _sim/settings.py and the README) or
sim_configure(**settings). The day `settings.day` is simulated live (ticks, pushes, its bars so far);
every trading day from 2025-01-02 up to the day before it has deterministic history (_sim/history.py:
the same values for the same seed, code and date, whichever chunk asks); later days have nothing. The
trading calendar has the exchanges' real 2025 and 2026 holidays (_sim/calendar.py); outside those years
every weekday is a trading day.

Differences from the real module: get_market_data_ex and get_divid_factors return a Frame (see
_sim/frame.py) instead of a pandas DataFrame, get_market_data_ex serves only periods '1m', '5m' and '1d'
and ignores fill_data; download_history_data(2) download nothing (history is made on demand, downloaded or not).
The real module's code these follow: xtquant's xtdata.py as shipped in 2025 (a public copy is in
github.com/specialsal/SilverQuant, xtquant/xtdata.py at da1b137).
"""
import bisect
import datetime
import threading
import time
import traceback
from array import array

from ._sim import adjust, calendar, history, instruments, reference, sessions
from ._sim.feed import Disconnected, Feed
from ._sim.frame import Frame
from ._sim.settings import Settings
from ._sim.settings import seconds_of_day as sessions_seconds

__all__ = [
    "connect", "get_sector_list", "get_stock_list_in_sector", "subscribe_whole_quote", "subscribe_quote", "unsubscribe_quote",
    "get_full_tick", "get_market_data_ex", "download_history_data", "download_history_data2",
    "get_trading_dates", "get_trading_calendar", "get_holidays", "download_holiday_data", "run",
    "get_instrument_detail", "get_instrument_type", "get_divid_factors",
    "sim_configure", "sim_inject", "sim_status", "sim_market_time_ms", "sim_stop", "sim_tamper",
]

_BEIJING = datetime.timezone(datetime.timedelta(hours=8))
_BAR_FIELDS = ["time", "open", "high", "low", "close", "volume", "amount", "settelementPrice", "openInterest",
               "preClose", "suspendFlag"]
_PERIODS = ("1m", "5m", "1d")
_BAR_COLUMNS = ("time", "open", "high", "low", "close", "volume", "amount")
_INTEGER_FIELDS = ("time", "volume", "suspendFlag", "openInterest")
_DAY_MS = 86_400_000
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


def get_sector_list():
    """The sectors the simulated terminal lists instruments in (the real one lists hundreds more)."""
    _require(_current())
    return list(instruments.SECTORS)


def get_stock_list_in_sector(sector_name, real_timetag=-1):
    """A shares ('沪深A股', '上证A股', '深证A股'), indices ('沪深指数', '沪市指数', '深市指数'), ETFs ('沪深ETF',
    '沪市ETF', '深市ETF') or convertible bonds ('沪深转债', '上证转债', '深证转债'); [] for another sector."""
    feed = _current()
    _require(feed)
    return instruments.in_sector(sector_name, [stock.code for stock in feed.market.stocks])


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
    """{code: Frame} of bars between start_time and end_time ('YYYYMMDD' or 'YYYYMMDDHHMMSS', Beijing; a
    date alone as end_time takes the whole day; '' = from the first history day / up to now), index
    'YYYYMMDDHHMMSS' ('YYYYMMDD' for 1d), `time` the bar's end in epoch ms (a 1d bar: the date's
    midnight). '1m' includes QMT's 09:30 opening-auction bar (241 a day); '5m' ends 09:35 (with the
    09:30 bar) .. 11:30, 13:05 .. 15:00; '1d' one bar a day. Past days come from the history, the live
    day from what the market did so far (its last bar still forming, as in QMT). count > 0: the last
    `count` bars up to end_time (start_time ignored), as the real one documents. A suspended day has no
    bars. dividend_type 'none', 'front', 'back', 'front_ratio' or 'back_ratio' adjusts open, high, low and
    close with the events get_divid_factors lists (_sim/adjust.py has QMT's formulas); fill_data is accepted
    and ignored. Signature as in xtquant's xtdata.get_market_data_ex."""
    feed = _current()
    _require(feed)
    _check_period(period)
    dividend_type = dividend_type or "none"
    if dividend_type not in adjust.TYPES:
        raise Exception(f"simulator: dividend_type '{dividend_type}' unknown, use one of {', '.join(adjust.TYPES)}")
    fields = list(field_list) or list(_BAR_FIELDS)
    unknown = [field for field in fields if field not in _BAR_FIELDS]
    if unknown:
        raise Exception(f"simulator: unknown field(s) {unknown}")
    market = feed.market
    start_ms = _parse_time(start_time, 0)
    end_ms = _parse_time(end_time, 10 ** 15, whole_day=True)
    limit = count if count is not None and count > 0 else 0
    first = history.FIRST_DAY if limit or not start_time else _day_of(start_ms)
    last = _day_of(end_ms) if end_time else market.past.live_day
    if limit:
        start_ms = 0
    past_days = market.past.days(first, last)
    live = first <= market.past.live_day <= last
    result = {}
    for code in _expand(stock_list, market):
        blocks = []
        if live:
            with feed._lock:
                block = _live_block(market, market.by_code[code], period, start_ms, end_ms)
            if block is not None:
                blocks.append(block)
        rows = sum(len(block[0]) for block in blocks)
        for day in reversed(past_days):
            if limit and rows >= limit:
                break
            block = _history_block(market.past, code, day, period, start_ms, end_ms)
            if block is not None:
                blocks.append(block)
                rows += len(block[0])
        blocks.reverse()
        frame = _frame(blocks, fields, limit)
        if dividend_type != "none":
            adjust.adjust(frame.sim_columns(), [label[:8] for label in frame.index], _known_events(market, code),
                          dividend_type)
        result[code] = frame
    return result


def get_instrument_detail(stock_code, iscomplete=False):
    """The instrument's details as xtquant returns them (a dict with its field names; None for a code the
    terminal does not know): name as of the live day (a stock renamed to ST shows the new name from that day
    on), IPO date, the live day's previous close and price limits, share counts (bonus shares add to them).
    The price tick by type: 0.01, or 0.001 for ETFs and convertible bonds; an index has no limit prices (0)
    and no share counts. VolumeMultiple is 1, as xtquant documents it for everything but futures."""
    feed = _current()
    _require(feed)
    market = feed.market
    day = market.past.live_day
    stock = market.by_code.get(stock_code)
    if stock is None:
        return None
    is_index = instruments.kind(stock_code) == instruments.INDEX
    number, exchange = stock_code.split(".")
    total, floating = (0.0, 0.0) if is_index else reference.total_shares(stock_code)
    for event in _known_events(market, stock_code):
        total *= 1.0 + event.bonus + event.gift
        floating *= 1.0 + event.bonus + event.gift
    suspended = stock.suspended
    return {
        "ExchangeID": exchange, "InstrumentID": number, "InstrumentName": reference.name_on(stock_code, day),
        "ProductID": None, "ProductName": None, "ExchangeCode": number, "UniCode": number, "CreateDate": "0",
        "OpenDate": reference.listed_on(stock_code).strftime("%Y%m%d"), "ExpireDate": 99999999,
        "PreClose": stock.last_close, "SettlementPrice": stock.last_close,
        "UpStopPrice": 0.0 if is_index else stock.up, "DownStopPrice": 0.0 if is_index else stock.down,
        "FloatVolume": round(floating) * 1.0, "TotalVolume": round(total) * 1.0,
        "LongMarginRatio": None, "ShortMarginRatio": None, "PriceTick": instruments.price_tick(stock_code),
        "VolumeMultiple": 1,
        "MainContract": None, "LastVolume": None, "InstrumentStatus": 1 if suspended else 0,
        "IsTrading": not suspended, "IsRecent": False,
    }


def get_instrument_type(stock_code, variety_list=None):
    """{type: bool} as xtquant's get_instrument_type returns it (None for an unknown code); an ETF is a fund
    too."""
    feed = _current()
    _require(feed)
    if stock_code not in feed.market.by_code:
        return None
    kind = instruments.kind(stock_code)
    kinds = {kind, "fund"} if kind == instruments.ETF else {kind}
    return {name: name in kinds for name in (variety_list or ("index", "stock", "fund", "etf", "bond"))}


def get_divid_factors(stock_code, start_time="", end_time=""):
    """The stock's ex-dividend events between start_time and end_time ('YYYYMMDD', '' = open), up to the live
    day, as a Frame indexed by the ex-date 'YYYYMMDD' with xtquant's columns: time (the date's midnight, epoch
    ms), interest (cash, yuan per share), stockBonus (送股) and stockGift (转增) shares per share, allotNum,
    allotPrice (配股, none here), gugai (0) and dr (the close before / the ex-rights reference price)."""
    feed = _current()
    _require(feed)
    market = feed.market
    first = _date(start_time) if start_time else datetime.date.min
    last = _date(end_time) if end_time else datetime.date.max
    events = [event for event in _known_events(market, stock_code) if first <= event.day <= last]
    columns = {"time": array("d", (history.midnight_ms(event.day) for event in events)),
               "interest": array("d", (event.interest for event in events)),
               "stockBonus": array("d", (event.bonus for event in events)),
               "stockGift": array("d", (event.gift for event in events)),
               "allotNum": array("d", (0.0 for _ in events)), "allotPrice": array("d", (0.0 for _ in events)),
               "gugai": array("d", (0.0 for _ in events)), "dr": array("d", (event.dr for event in events))}
    return Frame([event.day.strftime("%Y%m%d") for event in events], columns, integer=("time",))


def download_history_data(stock_code, period, start_time="", end_time="", incrementally=None):
    """Nothing to download: the simulator makes history on demand. Signature as in xtquant's
    xtdata.download_history_data (2025: incrementally=None means 'incremental when start_time is
    empty'); like the real one it returns nothing."""
    _require(_current())
    _check_period(period)


def download_history_data2(stock_list, period, start_time="", end_time="", callback=None, incrementally=None):
    """Downloads (here: nothing to fetch) the history of each code, reporting progress once per code to
    `callback` as xtquant does: {'finished': n, 'total': len(stock_list), 'stockcode': code,
    'message': ''}. As in the real module (its on_progress wrapper), the reports come from another
    thread (the terminal client's there, the simulator's 'xtsim-download' here) while the caller waits
    until finished >= total; an exception the callback raises is swallowed (printed here). Raises when
    the link is lost meanwhile, with the real message. An empty list reports nothing. Returns None."""
    feed = _current()
    _require(feed)
    _check_period(period)
    codes = [stock_list] if isinstance(stock_list, str) else list(stock_list)
    if not codes:
        return

    def download():
        total = len(codes)
        for finished, code in enumerate(codes, 1):
            if not feed.connected:
                return
            if callback is not None:
                try:
                    callback({"finished": finished, "total": total, "stockcode": code, "message": ""})
                except Exception:  # xtquant's wrapper swallows it silently; say so here
                    traceback.print_exc()

    worker = threading.Thread(target=download, name="xtsim-download", daemon=True)
    worker.start()
    worker.join()
    _require(feed)


def get_trading_dates(market, start_time="", end_time="", count=-1):
    """Trading days of market 'SH' or 'SZ' (others: []) as epoch ms of their midnight (Beijing), from
    start_time ('' = the terminal's first day, 2024-01-01 here) to end_time ('' or later than the live
    day = up to the live day: the terminal knows no future trading days here, get_trading_calendar
    does); count > 0 keeps the last `count` up to end_time. Signature and shape (list of int ms) as in
    xtquant's xtdata.get_trading_dates."""
    feed = _current()
    _require(feed)
    if market not in ("SH", "SZ"):
        return []
    live_day = feed.market.past.live_day
    first = calendar.FIRST_DAY if not start_time or (count is not None and count > 0) else _date(start_time)
    last = min(_date(end_time), live_day) if end_time else live_day
    days = calendar.trading_days(first, last)
    if count is not None and count > 0:
        days = days[-count:]
    return [history.midnight_ms(day) for day in days]


def get_holidays():
    """The exchanges' holiday closures the terminal knows (weekdays, 2025 and 2026 here), as 8-digit
    strings 'YYYYMMDD', as xtquant's xtdata.get_holidays returns them."""
    _require(_current())
    return [day.strftime("%Y%m%d") for day in calendar.HOLIDAYS]


def download_holiday_data(incrementally=True):
    """Nothing to download: the holidays are built in."""
    _require(_current())


def get_trading_calendar(market, start_time="", end_time=""):
    """Trading days 'YYYYMMDD' of 'SH' or 'SZ', past and future, the way xtquant's 2025
    get_trading_calendar builds them: the terminal's past trading days from start_time on (NOT cut at
    end_time: the real code does not cut them either), then the days after the last of them up to
    end_time ('' = Dec 31 of the last holiday year) that are weekdays and no holiday. Raises as the real
    one does for another market and for an end_time beyond the holiday data (after 2026 here)."""
    feed = _current()
    _require(feed)
    if market not in ("SH", "SZ"):
        raise Exception("暂不支持除SH,SZ以外市场的交易日历")
    known = calendar.trading_days(calendar.FIRST_DAY, feed.market.past.live_day)
    if not known:
        raise Exception("交易日列表为空")
    if end_time:
        last = _date(end_time)
        if last.year > calendar.LAST_HOLIDAY_YEAR:
            raise Exception(f"end_time({end_time}) 超出现有节假日数据({calendar.LAST_HOLIDAY_YEAR}1231)")
    else:
        last = datetime.date(calendar.LAST_HOLIDAY_YEAR, 12, 31)
    if start_time:
        first = _date(start_time)
        after = max(first - datetime.timedelta(days=1), known[-1])
    else:
        first, after = known[0], known[-1]
    days = [day for day in known if day >= first]
    days.extend(calendar.trading_days(after + datetime.timedelta(days=1), last))
    return [day.strftime("%Y%m%d") for day in days]


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


def _known_events(market, code):
    """The events the terminal knows on the live day: up to and including it."""
    if code not in market.by_code:
        return []
    return [event for event in market.past.events(code) if event.day <= market.past.live_day]


def _check_period(period):
    if period not in _PERIODS:
        raise Exception(f"simulator: period '{period}' has no history, use one of {', '.join(_PERIODS)}")


def _parse_time(text, default, whole_day=False):
    """'YYYYMMDD[HHMMSS[.mmm]]' (Beijing) -> epoch ms; a date alone is its midnight, or with whole_day
    its last millisecond."""
    text = str(text or "")
    if not text:
        return default
    if len(text) == 8:
        moment = datetime.datetime.strptime(text, "%Y%m%d").replace(tzinfo=_BEIJING)
        return int(moment.timestamp() * 1000) + (_DAY_MS - 1 if whole_day else 0)
    moment = datetime.datetime.strptime(text[:14], "%Y%m%d%H%M%S").replace(tzinfo=_BEIJING)
    return int(moment.timestamp() * 1000)


def _date(text):
    return datetime.datetime.strptime(str(text)[:8], "%Y%m%d").date()


def _day_of(unix_ms):
    return datetime.datetime.fromtimestamp(unix_ms / 1000, _BEIJING).date()


# A block: one stock's bars of one day, (index, {field: array('d')}, {field: value of every bar}).
_index_cache = {}
_DAY_LABELS = {"1m": sessions.all_labels(),
               "5m": [history.five_minute_label(second) for second in sessions.all_labels()[5::5]]}


def _labels(period, day, times, midnight):
    """Index strings of a day's bars: cached for whole days, made for a part of one."""
    full = _index_cache.get((period, day))
    if full is None:
        prefix = day.strftime("%Y%m%d")
        if period == "1d":
            full = [prefix]
        else:
            full = [prefix + _clock(second) for second in _DAY_LABELS[period]]
        if len(_index_cache) > 4096:
            _index_cache.clear()
        _index_cache[(period, day)] = full
    if len(times) == len(full):
        return full
    if period == "1d":
        return [full[0]] * len(times)
    prefix = full[0][:8]
    return [prefix + _clock(int(t - midnight) // 1000) for t in times]


def _clock(second):
    return f"{second // 3600:02d}{second // 60 % 60:02d}{second % 60:02d}"


def _columns(period, day, midnight, time, opens, highs, lows, closes, volumes, amounts, start_ms, end_ms):
    """One day's 1m columns -> (index, {field: array('d')}) of `period` within [start_ms, end_ms], or None."""
    columns = (time, opens, highs, lows, closes, volumes, amounts)
    if period != "1m":
        columns = [array("d", column) for column in history.roll_up(*columns, period, midnight)]
    time = columns[0]
    if len(time) and (time[0] < start_ms or time[-1] > end_ms):
        first, end = bisect.bisect_left(time, start_ms), bisect.bisect_right(time, end_ms)
        columns = [column[first:end] for column in columns]
        time = columns[0]
    if not len(time):
        return None
    return _labels(period, day, time, midnight), dict(zip(_BAR_COLUMNS, columns))


def _history_block(past, code, day, period, start_ms, end_ms):
    if period == "1d":  # straight from the day's minutes in cents: the same values, nothing converted
        midnight = history.midnight_ms(day)
        bar = None if not start_ms <= midnight <= end_ms else past.daily_bar(code, day)
        if bar is None:
            return None
        columns = dict(zip(_BAR_COLUMNS, (array("d", (value,)) for value in (midnight, *bar[:6]))))
        return (_labels(period, day, columns["time"], midnight), columns,
                {"preClose": bar[6], "suspendFlag": 0, "settelementPrice": 0.0, "openInterest": sessions.TRADING})
    bars = past.minute_bars(code, day)
    if bars is None:
        return None
    block = _columns(period, day, history.midnight_ms(day), bars.time, bars.open, bars.high, bars.low, bars.close,
                     bars.volume, bars.amount, start_ms, end_ms)
    if block is None:
        return None
    return (*block, {"preClose": bars.pre_close, "suspendFlag": 0, "settelementPrice": 0.0,
                     "openInterest": sessions.TRADING})


def _live_block(market, stock, period, start_ms, end_ms):
    midnight = market.midnight_ms
    rows = list(market.rows(stock, midnight, midnight + _DAY_MS - 1))
    if not rows:
        return None
    columns = [array("d", column) for column in zip(*rows)]
    columns[6] = array("d", (round(value, 2) for value in columns[6]))
    block = _columns(period, market.past.live_day, midnight, *columns, start_ms, end_ms)
    if block is None:
        return None
    if period != "1m":
        block[1]["amount"] = array("d", (round(value, 2) for value in block[1]["amount"]))
    return (*block, {"preClose": stock.last_close, "suspendFlag": 0, "settelementPrice": 0.0,
                     "openInterest": stock.status})


def _frame(blocks, fields, limit):
    """The blocks of one stock, in order, as a Frame of array('d') columns with a lazily made index."""
    columns = {field: array("d") for field in fields}
    for labels, arrays, values in blocks:
        for field, column in columns.items():
            part = arrays.get(field)
            column.extend(part if part is not None else array("d", (values[field],)) * len(labels))

    parts = [labels for labels, _arrays, _values in blocks]  # not the blocks: their arrays would stay alive

    def index():
        labels = [label for part in parts for label in part]
        return labels[-limit:] if limit else labels

    if limit and len(columns[fields[0]]) > limit:
        columns = {field: column[-limit:] for field, column in columns.items()}
    return Frame(index, columns, integer=_INTEGER_FIELDS)
