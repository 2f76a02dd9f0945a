"""Quote Platform's side of the pythonnet boundary (stdlib only; works with the real xtquant too).

xtquant hands callbacks Python dicts. Reading them field by field from .NET costs a boundary crossing
per field; instead the payload is flattened here, on xtquant's thread, into one list of codes and one
array of doubles, which .NET copies straight from the arrays' memory. The codes travel as UTF-8 bytes
in an array('B'). A packed result is a tuple (codes array, values array, codes address, codes length,
values address, values count); callbacks hand .NET just the four ints. Passing Python objects into a
.NET delegate crashed the process here once the .NET GC finalized their wrappers. One adapter for both shapes QMT delivers:
{code: tick} and {code: [tick, ...]} (every tick of a list, in order).

History (get_market_data_ex) is packed the same way, BAR_WIDTH values a bar, column by column at C
speed (history_bars); trading_dates reads the calendar, and progress_callback hands .NET the progress
of download_history_data2 as two ints.
"""
import struct
from array import array
from operator import itemgetter
from time import sleep

NAN = float("nan")
LEVELS = 5
# time, lastPrice, open, high, low, lastClose, amount, volume, stockStatus, then 5 bid prices,
# 5 bid volumes, 5 ask prices, 5 ask volumes, then pvolume and transactionNum (0 when absent).
TICK_WIDTH = 11 + 4 * LEVELS
# time (the bar's end, epoch ms), open, high, low, close, volume (lots), amount, preClose, suspendFlag.
BAR_WIDTH = 9
_BAR_COLUMNS = ("open", "high", "low", "close", "volume", "amount", "preClose", "suspendFlag")
_EMPTY = (0.0,) * LEVELS


def _levels(values):
    if not values:
        return _EMPTY
    if len(values) == LEVELS:
        return values
    return (tuple(0.0 if value is None else value for value in values) + _EMPTY)[:LEVELS]


_SCALARS = itemgetter("time", "lastPrice", "open", "high", "low", "lastClose", "amount", "volume", "stockStatus")
_BOOK = itemgetter("bidPrice", "bidVol", "askPrice", "askVol")


def pack_ticks(payload):
    """{code: tick | [tick, ...]} -> (UTF-8 "code\ncode..." as array('B'), array('d') of TICK_WIDTH values per tick)."""
    codes = []
    values = array("d")
    append_code = codes.append
    extend = values.extend
    for code, item in payload.items():
        for tick in (item if isinstance(item, list) else (item,)):
            append_code(code)
            mark = len(values)
            try:
                # Fast path: every field present, numeric, five levels a side (C-speed getters).
                extend(_SCALARS(tick))
                for side in _BOOK(tick):
                    if len(side) != LEVELS:
                        raise ValueError
                    extend(side)
                extend((tick.get("pvolume") or 0, tick.get("transactionNum") or 0))
            except (KeyError, TypeError, ValueError):
                del values[mark:]
                _pack_tick_slowly(tick, extend)
    return _packed(codes, values)


def _pack_tick_slowly(tick, extend):
    """Missing fields, None values or short books: defaults (NaN prices, empty levels)."""
    get = tick.get
    extend((get("time") or 0, _num(get("lastPrice")), _num(get("open")), _num(get("high")), _num(get("low")),
            _num(get("lastClose")), _num(get("amount")), _num(get("volume")), get("stockStatus") or 0))
    extend(_levels(get("bidPrice")))
    extend(_levels(get("bidVol")))
    extend(_levels(get("askPrice")))
    extend(_levels(get("askVol")))
    extend((_whole(get("pvolume")), _whole(get("transactionNum"))))


def _whole(value):
    return value if isinstance(value, (int, float)) and value == value else 0


def _codes(codes):
    return array("B", "\n".join(codes).encode("utf-8"))


def _packed(codes, values):
    code_bytes = _codes(codes)
    code_address, code_count = code_bytes.buffer_info()
    value_address, value_count = values.buffer_info()
    return code_bytes, values, code_address, code_count, value_address, value_count


def pack_bars(payload):
    """subscribe_quote pushes, {code: [bar, ...]} (or {code: bar}) -> (codes, array('d') of BAR_WIDTH per bar)."""
    codes = []
    values = array("d")
    for code, item in payload.items():
        for bar in (item if isinstance(item, list) else (item,)):
            get = bar.get
            codes.append(code)
            values.extend((get("time") or 0, _num(get("open")), _num(get("high")), _num(get("low")), _num(get("close")),
                           _num(get("volume")), _num(get("amount")), _num(get("preClose")), get("suspendFlag") or 0))
    return _packed(codes, values)


def pack_frames(frames):
    """get_market_data_ex's {code: DataFrame} (pandas, or the simulator's Frame) -> packed as
    pack_bars, one row per bar; read through to_dict('list'), which both provide (the simulator's Frame
    also hands over its array('d') columns as they are, sim_columns(): no Python number is made). A
    missing column packs as 0, None as NaN. Each column is converted once and laid into its place in
    the rows with a strided slice assignment: C speed, whatever the number of bars."""
    code_bytes = array("B")
    parts = []
    total = 0
    for code, frame in frames.items():
        stored = getattr(frame, "sim_columns", None)
        columns = stored() if stored is not None else frame.to_dict("list")
        times = columns.get("time")
        count = 0 if times is None else len(times)
        if count:
            code_bytes.frombytes((code + "\n").encode("utf-8") * count)
            parts.append((total, count, times, columns))
            total += count
    if code_bytes:
        code_bytes.pop()  # no separator after the last code
    values = array("d", (0.0,)) * (BAR_WIDTH * total)
    for first, count, times, columns in parts:
        start, stop = first * BAR_WIDTH, (first + count) * BAR_WIDTH
        values[start:stop:BAR_WIDTH] = _doubles(times)
        for offset, name in enumerate(_BAR_COLUMNS, 1):
            column = columns.get(name)
            if column is not None and len(column):
                values[start + offset:stop:BAR_WIDTH] = _doubles(column)
    code_address, code_count = code_bytes.buffer_info()
    value_address, value_count = values.buffer_info()
    return code_bytes, values, code_address, code_count, value_address, value_count


def _doubles(column):
    if isinstance(column, array) and column.typecode == "d":
        return column
    try:
        return array("d", struct.pack(f"{len(column)}d", *column))
    except (TypeError, struct.error):  # None (or numbers as strings) somewhere in the column
        return array("d", (NAN if value is None else float(value) for value in column))


def tick_callback(handler):
    """The callable given to subscribe_whole_quote: flattens, then calls .NET once per push with
    four ints (addresses and sizes) while the arrays are alive; no Python object crosses. .NET answers
    False when its queue is full: then this thread waits here, GIL released, and offers it again."""
    def callback(payload):
        code_bytes, values, code_address, code_count, value_address, value_count = pack_ticks(payload)
        while not handler(code_address, code_count, value_address, value_count):
            sleep(0.005)
    return callback


def bar_callback(handler):
    def callback(payload):
        code_bytes, values, code_address, code_count, value_address, value_count = pack_bars(payload)
        while not handler(code_address, code_count, value_address, value_count):
            sleep(0.005)
    return callback


def _num(value):
    return NAN if value is None else value


HISTORY_FIELDS = ["time", "open", "high", "low", "close", "volume", "amount", "preClose", "suspendFlag"]
HISTORY_CALL_CODES = 50  # codes per get_market_data_ex call in history_bars


def history_bars(xtdata, codes, period, start_time, end_time, dividend_type="none"):
    """get_market_data_ex bars ('1m', '5m', '1d', unadjusted) of `codes` between start_time and end_time
    (YYYYMMDD[HHMMSS]), fetched and flattened here in one .NET call, as pack_frames packs them: one
    boundary crossing per chunk of symbols instead of one per value. Asked HISTORY_CALL_CODES codes at a
    time, each answer packed and dropped before the next: the DataFrames of a big chunk never all exist
    at once. Works with the real xtquant (pandas) and the simulator (Frame) alike.
    The result takes 72 bytes a bar (then .NET copies it). Keep a call under ~32 MB (~450 k bars, e.g.
    80 symbols x 22 days or 400 x 4): glibc then reuses the memory of the previous call, where bigger
    arrays are fresh mmaps each time (page faults): a month of the simulated market went through at
    1.1 M bars/s in calls of 80 symbols, 0.7 M/s in calls of 200."""
    codes = list(codes)
    if len(codes) <= HISTORY_CALL_CODES:
        return pack_frames(_history_frames(xtdata, codes, period, start_time, end_time, dividend_type))
    code_bytes, values = array("B"), array("d")
    for first in range(0, len(codes), HISTORY_CALL_CODES):
        part = pack_frames(_history_frames(xtdata, codes[first:first + HISTORY_CALL_CODES], period, start_time, end_time,
                                           dividend_type))
        if part[0]:
            if code_bytes:
                code_bytes.append(10)  # '\n'
            code_bytes.extend(part[0])
            values.extend(part[1])
    code_address, code_count = code_bytes.buffer_info()
    value_address, value_count = values.buffer_info()
    return code_bytes, values, code_address, code_count, value_address, value_count


def _history_frames(xtdata, codes, period, start_time, end_time, dividend_type="none"):
    return xtdata.get_market_data_ex(field_list=HISTORY_FIELDS, stock_list=codes, period=period, start_time=start_time,
                                     end_time=end_time, count=-1, dividend_type=dividend_type, fill_data=True)


def minute_history(xtdata, codes, start_time, end_time):
    """history_bars for '1m' (the after-close comparison's call)."""
    return history_bars(xtdata, codes, "1m", start_time, end_time)


def trading_dates(xtdata, market, start_date, end_date):
    """Trading days 'YYYYMMDD' of `market` from start_date to end_date (both YYYYMMDD, included), from
    get_trading_calendar: past days and, as far as the terminal's holiday data goes, future ones.
    xtquant's (2025) calendar does not cut its past days at end_time, so they are cut here; an end_date
    beyond the holiday data (the real one raises) is asked as '' (to Dec 31 of the last holiday year)
    and the days beyond are simply not listed."""
    try:
        days = xtdata.get_trading_calendar(market, start_time=start_date, end_time=end_date)
    except Exception as error:
        if "超出" not in str(error):  # "end_time(...) 超出现有节假日数据(...)"
            raise
        days = xtdata.get_trading_calendar(market, start_time=start_date, end_time="")
    return [day for day in (str(day)[:8] for day in days) if start_date <= day <= end_date]


def progress_callback(handler):
    """The callable given to download_history_data2: hands .NET only the two ints of each progress
    report ({'finished': n, 'total': m, ...}), never the dict (see the module docstring)."""
    def callback(data):
        handler(int(data.get("finished", 0)), int(data.get("total", 0)))
    return callback


# get_instrument_detail fields, in the order instrument_details hands them over (numbers as float).
DETAIL_NUMBERS = ("PreClose", "UpStopPrice", "DownStopPrice", "PriceTick", "FloatVolume", "TotalVolume",
                  "VolumeMultiple", "InstrumentStatus")
_TYPES = ("stock", "index", "etf", "fund", "bond")


def instrument_details(xtdata, codes):
    """[(code, InstrumentName, ExchangeID, type, OpenDate, [DETAIL_NUMBERS...])] of the codes the terminal
    knows (get_instrument_detail; type the first of _TYPES get_instrument_type says true, else 'other').
    A missing or None number is 0; a code without details is left out."""
    result = []
    for code in codes:
        detail = xtdata.get_instrument_detail(code)
        if not detail:
            continue
        kinds = xtdata.get_instrument_type(code) or {}
        kind = next((name for name in _TYPES if kinds.get(name)), "other")
        numbers = [_number(detail.get(name)) for name in DETAIL_NUMBERS]
        result.append((code, str(detail.get("InstrumentName") or ""), str(detail.get("ExchangeID") or ""), kind,
                       str(detail.get("OpenDate") or ""), numbers))
    return result


DIVIDEND_COLUMNS = ("interest", "stockBonus", "stockGift", "allotNum", "allotPrice", "gugai", "dr")


def divid_factors(xtdata, codes):
    """[(code, ex-date 'YYYYMMDD', [DIVIDEND_COLUMNS...])] of get_divid_factors for each code (a pandas
    DataFrame indexed by the date, or the simulator's Frame)."""
    result = []
    for code in codes:
        frame = xtdata.get_divid_factors(code)
        if frame is None or len(frame) == 0:
            continue
        columns = frame.to_dict("list")
        for i, date in enumerate(list(frame.index)):
            result.append((code, str(date)[:8], [_number(columns[name][i]) if name in columns else 0.0
                                                 for name in DIVIDEND_COLUMNS]))
    return result


def _number(value):
    return 0.0 if value is None else float(value)


def last_trading_day(xtdata, market):
    """The terminal's latest trading day 'YYYYMMDD' (today on a trading day): get_trading_dates(count=1), epoch ms
    of the day's midnight in Beijing."""
    days = xtdata.get_trading_dates(market, start_time="", end_time="", count=1)
    if not days:
        return ""
    import datetime
    moment = datetime.datetime.fromtimestamp(int(days[-1]) / 1000, datetime.timezone(datetime.timedelta(hours=8)))
    return moment.strftime("%Y%m%d")
