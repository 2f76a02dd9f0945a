"""Quote Platform's side of the pythonnet boundary (stdlib only; works with the real xtquant too).

xtquant hands callbacks Python dicts. Reading them field by field from .NET costs a boundary crossing
per field; instead the payload is flattened here, on xtquant's thread, into one list of codes and one
array of doubles, which .NET copies straight from the arrays' memory. The codes travel as UTF-8 bytes
in an array('B'). A packed result is a tuple (codes array, values array, codes address, codes length,
values address, values count); callbacks hand .NET just the four ints. Passing Python objects into a
.NET delegate crashed the process here once the .NET GC finalized their wrappers. One adapter for both shapes QMT delivers:
{code: tick} and {code: [tick, ...]} (every tick of a list, in order).
"""
from array import array
from operator import itemgetter
from time import sleep

NAN = float("nan")
LEVELS = 5
# time, lastPrice, open, high, low, lastClose, amount, volume, stockStatus, then 5 bid prices,
# 5 bid volumes, 5 ask prices, 5 ask volumes.
TICK_WIDTH = 9 + 4 * LEVELS
# time (the bar's end, epoch ms), open, high, low, close, volume (lots), amount, preClose, suspendFlag.
BAR_WIDTH = 9
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
    pack_bars, one row per bar; read through to_dict('list'), which both provide."""
    codes = []
    values = array("d")
    for code, frame in frames.items():
        columns = frame.to_dict("list")
        times = columns.get("time") or []
        count = len(times)
        names = ("open", "high", "low", "close", "volume", "amount", "preClose", "suspendFlag")
        opens, highs, lows, closes, volumes, amounts, pre_closes, flags = (columns.get(name) or [0] * count for name in names)
        for i in range(count):
            codes.append(code)
            values.extend((float(times[i]), float(opens[i]), float(highs[i]), float(lows[i]), float(closes[i]),
                           float(volumes[i]), float(amounts[i]), float(pre_closes[i]), float(flags[i])))
    return _packed(codes, values)


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


def minute_history(xtdata, codes, start_time, end_time):
    """get_market_data_ex 1m history of `codes` between start_time and end_time (YYYYMMDD[HHMMSS]),
    fetched and flattened here in one call (as pack_frames), so the after-close comparison crosses
    the boundary once per chunk of symbols instead of once per value."""
    frames = xtdata.get_market_data_ex(field_list=HISTORY_FIELDS, stock_list=list(codes), period="1m",
                                       start_time=start_time, end_time=end_time)
    return pack_frames(frames)
