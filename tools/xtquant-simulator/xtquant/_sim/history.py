"""Deterministic history of past trading days: QMT's 241 1m bars per stock and day, made on demand.

Every value is a function of (seed, code, date) alone, so any chunk of symbols and days, asked in any
order, comes out the same. Nothing is stored: a month of the whole market is ~27 M bars.

- Daily close: base * exp(X), X = three slow sines of the trading-day index plus a bounded per-day
  noise. Closes one or two trading days apart differ by less than 8.5%, inside every price limit, so
  no path has to be walked: preClose(day) = close of the previous trading day (of the one before
  when that day was suspended) is computed directly.
- Intraday: one of 256 minute shapes per liquidity class (steps, which minutes trade, how far high
  and low reach, lots) is scaled to the stock's minute volatility and bent along its traded minutes
  so that the last trade lands on the day's close. Prices are whole cents, clamped to the limits.
  A minute without a trade is a flat bar at the last price with volume 0, as QMT records it.
- Suspended: about 0.4% of stock-days (never two in a row; 000001.SZ never): no bars at all.
- Bars as QMT labels them (bar END): 09:30 (the opening auction's own bar), 09:31..11:30,
  13:01..15:00; 5m bars end 09:35..11:30 and 13:05..15:00 (the 09:30 bar folded into 09:35); a 1d bar
  is labelled by the date's midnight (Beijing).

Columns are computed with C-level map() over the precomputed shapes and kept as array('d') (struct
packs them): under a microsecond of one core a bar, generated and packed.
"""
import datetime
import math
import random
import struct
import zlib
from array import array
from itertools import repeat
from operator import add, mul, sub, truediv
from statistics import NormalDist

from . import calendar, instruments, reference, sessions
from .universe import price_limit

FIRST_DAY = datetime.date(2025, 1, 2)  # the first day with history
BARS_PER_DAY = 241
_BEIJING = datetime.timezone(datetime.timedelta(hours=8))
_MASK = (1 << 64) - 1
_SHAPES = 256  # per liquidity class
# (share of minutes with a trade, mean lots of a traded minute, share of stocks)
_CLASSES = ((0.97, 120.0, 0.75), (0.75, 40.0, 0.17), (0.3, 8.0, 0.08))
_NO_SUSPENSION = frozenset({"000001.SZ"})  # the ingest's link check stock trades every day
# Sines of the daily close: (amplitude, period in trading days). Their steepest daily change plus two
# noise amplitudes stays below 8.5% over two trading days (see the module docstring).
_WAVES = ((0.12, 120.0), (0.05, 45.0), (0.02, 17.0))
_NOISE = 0.02
_STANDARD_NORMAL = NormalDist()
_PACK_DAY = struct.Struct(f"{BARS_PER_DAY}d").pack


def _doubles(values):
    """A day's 241 numbers -> array('d') (through struct: twice as fast as array('d', values))."""
    return array("d", _PACK_DAY(*values))


def _mix(value):
    """splitmix64's finaliser: 64 well-mixed bits from any integer."""
    value = (value + 0x9E3779B97F4A7C15) & _MASK
    value = ((value ^ (value >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    value = ((value ^ (value >> 27)) * 0x94D049BB133111EB) & _MASK
    return value ^ (value >> 31)


def _unit(bits):
    return (bits & 0xFFFFFFFF) / 4294967296.0


class _Shape:
    """One day's minute pattern for one liquidity class, in units of the stock's minute volatility."""
    __slots__ = ("steps", "traded", "reach_up", "reach_down", "lots")

    def __init__(self, steps, traded, reach_up, reach_down, lots):
        self.steps = steps  # cumulative price steps (index 0: the opening auction's gap)
        self.traded = traded  # cumulative count of traded minutes (the auction counts)
        self.reach_up = reach_up  # how far a minute's high goes beyond max(open, close), in half volatilities
        self.reach_down = reach_down  # (whole numbers; 0 if no trade)
        self.lots = lots  # lots before the stock's (whole) volume multiplier; 0 if no trade


_shape_table = None


def _shapes():
    """The shapes, made once per process from a fixed seed (the stock's seed picks among them)."""
    global _shape_table
    if _shape_table is not None:
        return _shape_table
    rng = random.Random(0x51A7_2025)
    gauss, uniform, expo = rng.gauss, rng.random, rng.expovariate
    draws = []
    for _ in range(_SHAPES):
        draws.append([(gauss(0.0, 1.0), uniform(), int(abs(gauss(0.0, 1.4))), int(abs(gauss(0.0, 1.4))), expo(1.0))
                      for _ in range(BARS_PER_DAY)])
    table = []
    for activity, mean_lots, _share in _CLASSES:
        shapes = []
        for minutes in draws:
            step, chance, up, down, size = minutes[0]
            level, count = 3.0 * step, 1.0  # the opening auction always matches, with a wider gap
            steps, traded, reach_up, reach_down = [level], [count], [0], [0]
            lots = [2 + round(5.0 * mean_lots * size)]
            for i in range(1, BARS_PER_DAY):
                step, chance, up, down, size = minutes[i]
                if chance < activity:
                    level += step
                    count += 1.0
                    reach_up.append(up)
                    reach_down.append(down)
                    # the 15:00 bar carries the closing auction
                    lots.append(1 + round(mean_lots * size * (4.0 if i == BARS_PER_DAY - 1 else 1.0)))
                else:
                    reach_up.append(0)
                    reach_down.append(0)
                    lots.append(0)
                steps.append(level)
                traded.append(count)
            shapes.append(_Shape(steps, traded, reach_up, reach_down, lots))
        table.append(shapes)
    _shape_table = table
    return table


class _Stock:
    """A code's constant traits, from (seed, code)."""
    __slots__ = ("key", "base", "limit", "shapes", "sigma", "volume", "waves", "noise", "suspends", "units", "amount_factor")

    def __init__(self, seed, code):
        self.key = _mix(_mix(seed) ^ zlib.crc32(code.encode()))
        bits = [_mix(self.key + i) for i in range(4)]
        normal = _inverse_normal(_unit(bits[0]))
        self.base = min(30000.0, max(150.0, 100.0 * math.exp(2.4 + 0.8 * normal)))  # cents
        # Prices are whole units of the price tick (cents; tenths of a cent for ETFs and bonds); an amount is
        # lots x units a lot x yuan. An index, ETF or bond starts at its own price; an index has no limit (None).
        self.units = instruments.price_units(code)
        self.amount_factor = instruments.lot(code) / self.units
        if instruments.kind(code) != instruments.STOCK:
            self.base = instruments.start_price(code) * self.units
        self.limit = price_limit(code)
        pick, cumulative = _unit(bits[0] >> 32), 0.0
        for index, (_activity, _lots, share) in enumerate(_CLASSES):
            cumulative += share
            if pick < cumulative or index == len(_CLASSES) - 1:
                self.shapes = _shapes()[index]
                break
        self.sigma = 0.0008 + 0.0015 * _unit(bits[1])
        self.volume = 2.0 + 8.0 * _unit(bits[1] >> 32)  # x 0.6 .. 1.4 a day, rounded: the lots multiplier
        scale = 0.5 + 0.5 * _unit(bits[2])
        self.waves = tuple((scale * amplitude, 2.0 * math.pi / period, 2.0 * math.pi * _unit(bits[3] >> (16 * i)))
                           for i, (amplitude, period) in enumerate(_WAVES))
        self.noise = _NOISE * (0.6 + 0.4 * _unit(bits[2] >> 32))
        self.suspends = code not in _NO_SUSPENSION and instruments.kind(code) != instruments.INDEX


def _inverse_normal(p):
    return _STANDARD_NORMAL.inv_cdf(min(max(p, 1e-9), 1 - 1e-9))


class DayBars:
    """One stock's 1m bars of one day as array('d') columns (prices in yuan, volume in lots): compact,
    since a month of the market is held at once by whoever asked for it."""
    __slots__ = ("day", "time", "open", "high", "low", "close", "volume", "amount", "pre_close")

    def __init__(self, day, time, open_, high, low, close, volume, amount, pre_close):
        self.day = day
        self.time = time
        self.open = open_
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.amount = amount
        self.pre_close = pre_close

    def __len__(self):
        return len(self.time)


class Event:
    """One ex-dividend day of a stock, as get_divid_factors lists it: interest (cash, yuan per share), stockBonus
    (送股) and stockGift (转增) shares per share, dr = the close before / the ex-rights reference price; plus
    the reference price itself (the day's preClose, whole cents) and the stock's price scale from that day on."""
    __slots__ = ("day", "interest", "bonus", "gift", "dr", "reference_cents", "scale")

    def __init__(self, day, interest, bonus, gift, dr, reference_cents, scale):
        self.day = day
        self.interest = interest
        self.bonus = bonus
        self.gift = gift
        self.dr = dr
        self.reference_cents = reference_cents
        self.scale = scale


class History:
    """The past trading days before the live simulated day (settings.day), from FIRST_DAY on."""

    def __init__(self, seed, live_day):
        self.seed = seed
        self.live_day = live_day
        self._stocks = {}
        self._times = {}
        self._events = {}

    # ---- days ------------------------------------------------------------------------------
    def days(self, first, last):
        """Trading days with history between first and last (dates, both included)."""
        first = max(first, FIRST_DAY)
        last = min(last, self.live_day - datetime.timedelta(days=1))
        return calendar.trading_days(first, last) if first <= last else []

    # ---- the daily path ---------------------------------------------------------------------
    def stock(self, code):
        stock = self._stocks.get(code)
        if stock is None:
            stock = self._stocks[code] = _Stock(self.seed, code)
        return stock

    def _day_bits(self, stock, day):
        return _mix(stock.key ^ ((day.toordinal() * 0x9E3779B97F4A7C15) & _MASK))

    def close_cents(self, code, day):
        """The close of a trading day (the model's, whether or not the day has bars), in the prices of that day:
        every ex-dividend day before it scaled the path down by its dr."""
        return round(self._model_cents(code, day) * self._scale(code, day))

    def _model_cents(self, code, day):
        stock = self.stock(code)
        bits = self._day_bits(stock, day)
        index = calendar.trading_index(day)
        level = stock.noise * (_unit(bits) + _unit(bits >> 32) - 1.0)
        for amplitude, angular, phase in stock.waves:
            level += amplitude * math.sin(angular * index + phase)
        return stock.base * math.exp(level)

    # ---- ex-dividend events -------------------------------------------------------------------
    def events(self, code):
        """The stock's ex-dividend events ([Event], ascending), whatever the live day: a day's prices depend
        only on the events up to it. An event on a day (or the day after one) without trading is left out."""
        events = self._events.get(code)
        if events is not None:
            return events
        events, scale = [], 1.0
        for day, cash, bonus, gift in reference.dividend_plan(self.seed, code):
            previous = calendar.previous_trading_day(day)
            if previous < FIRST_DAY or self.suspended(code, day) or self.suspended(code, previous):
                continue
            before = round(self._model_cents(code, previous) * scale)  # the close the event applies to
            interest = round(before * cash / 100, 3)
            exact = (before - 100 * interest) / (1.0 + bonus + gift)
            dr = before / exact
            scale /= dr
            events.append(Event(day, interest, bonus, gift, dr, round(exact), scale))
        self._events[code] = events
        return events

    def _scale(self, code, day):
        scale = 1.0
        for event in self.events(code):
            if event.day > day:
                break
            scale = event.scale
        return scale

    def _event_on(self, code, day):
        for event in self.events(code):
            if event.day == day:
                return event
        return None

    def suspended(self, code, day):
        stock = self.stock(code)
        if not stock.suspends or not self._raw_suspension(stock, day):
            return False
        return not self._raw_suspension(stock, calendar.previous_trading_day(day))

    def _raw_suspension(self, stock, day):
        return _unit(_mix(self._day_bits(stock, day)) >> 16) < 0.004

    def pre_close_price(self, code, day):
        """pre_close_cents in yuan (points for an index)."""
        return self.pre_close_cents(code, day) / self.stock(code).units

    def pre_close_cents(self, code, day):
        """The close of the last trading day before `day` on which the stock traded; on an ex-dividend day the
        ex-rights reference price the exchange publishes instead (limits and the day's path start from it)."""
        event = self._event_on(code, day)
        if event is not None:
            return event.reference_cents
        previous = calendar.previous_trading_day(day)
        if self.suspended(code, previous):
            previous = calendar.previous_trading_day(previous)
        return self.close_cents(code, previous)

    # ---- bars -------------------------------------------------------------------------------
    def minute_bars(self, code, day):
        """DayBars of a history day, or None when the stock was suspended that day."""
        cents = self._cents(code, day)
        if cents is None:
            return None
        pre, close, high, low, volume = cents
        # lots x 100 shares x yuan = lots x cents, at the minute's close (x amount_factor for other units)
        units, factor = self.stock(code).units, self.stock(code).amount_factor
        amount = _doubles(map(mul, volume, close)) if factor == 1 else _doubles(self._amounts(volume, close, factor))
        close_yuan = _doubles(map(truediv, close, repeat(units)))
        return DayBars(day, self.times(day), close_yuan[:1] + close_yuan[:-1], _doubles(map(truediv, high, repeat(units))),
                       _doubles(map(truediv, low, repeat(units))), close_yuan, _doubles(volume), amount, pre / units)

    def daily_bar(self, code, day):
        """(open, high, low, close, volume, amount, preClose) of a history day, exactly the roll-up of its
        minute_bars (prices are whole cents, amounts whole yuan: the sums are exact), or None when
        suspended. Cheaper than rolling up minute_bars: no column is converted."""
        cents = self._cents(code, day)
        if cents is None:
            return None
        pre, close, high, low, volume = cents
        units, factor = self.stock(code).units, self.stock(code).amount_factor
        amount = float(sum(map(mul, volume, close))) if factor == 1 else round(sum(self._amounts(volume, close, factor)), 2)
        return (close[0] / units, max(high) / units, min(low) / units, close[-1] / units, float(sum(volume)),
                amount, pre / units)

    @staticmethod
    def _amounts(volume, close, factor):
        """Minute amounts in yuan, to the fen, of a type whose amount is not lots x cents (ETFs, bonds)."""
        return [round(lots * price * factor, 2) for lots, price in zip(volume, close)]

    def _cents(self, code, day):
        """(preClose, close, high, low, volume) of a day's 241 minutes, prices in whole cents; None if suspended."""
        if self.suspended(code, day):
            return None
        stock = self.stock(code)
        pre = self.pre_close_cents(code, day)
        target = self.close_cents(code, day)
        limit = 100 if stock.limit is None else stock.limit  # no limit: bounds the path never reaches
        up = (pre * (100 + limit) + 50) // 100
        down = (pre * (100 - limit) + 50) // 100
        bits = _mix(self._day_bits(stock, day) ^ 0x5BD1E995)
        shape = stock.shapes[bits & (_SHAPES - 1)]
        scale = stock.sigma * pre * (1.0 if bits & 0x100 else -1.0)
        traded = shape.traded
        bend = (target - pre - scale * shape.steps[-1]) / traded[-1]
        # close_i = pre + scale * steps_i + bend * traded_i, in whole cents; the last one is the target.
        close = list(map(round, map(add, map(add, map(mul, shape.steps, repeat(scale)), map(mul, traded, repeat(bend))),
                                    repeat(float(pre)))))
        if min(close) < down or max(close) > up:
            close = [min(up, max(down, price)) for price in close]
        opens = close[:1] + close[:-1]
        reach = max(1, round(abs(scale) / 2))  # cents per reach unit
        high = list(map(add, map(max, opens, close), map(mul, shape.reach_up, repeat(reach))))
        if max(high) > up:
            high = [min(up, price) for price in high]
        low = list(map(sub, map(min, opens, close), map(mul, shape.reach_down, repeat(reach))))
        if min(low) < down:
            low = [max(down, price) for price in low]
        volume = list(map(mul, shape.lots, repeat(max(1, round(stock.volume * (0.6 + 0.8 * _unit(bits >> 9)))))))
        return pre, close, high, low, volume

    def times(self, day):
        """The 241 1m labels of a day, epoch ms as array('d') (shared: do not modify)."""
        times = self._times.get(day)
        if times is None:
            midnight = midnight_ms(day)
            times = self._times[day] = array("d", [midnight + second * 1000 for second in sessions.all_labels()])
        return times


def midnight_ms(day):
    return int(datetime.datetime(day.year, day.month, day.day, tzinfo=_BEIJING).timestamp() * 1000)


# ---- roll-ups as QMT labels them ------------------------------------------------------------------
def five_minute_label(second):
    """The 5m bar (its end, second of day) a 1m bar labelled `second` belongs to; 09:30 goes to 09:35."""
    return max(sessions.MORNING + 300, (second + 299) // 300 * 300)


_FULL_DAY_GROUPS = None


def five_minute_groups():
    """(first, end) index ranges of the 48 5m bars over a full day's 241 1m bars."""
    global _FULL_DAY_GROUPS
    if _FULL_DAY_GROUPS is None:
        _FULL_DAY_GROUPS = _groups([five_minute_label(second) for second in sessions.all_labels()])
    return _FULL_DAY_GROUPS


_FULL_DAY_SPANS = None


def _full_day_spans():
    """(5m labels as seconds of day, first and last 1m index, slice) of a full day's 48 5m bars."""
    global _FULL_DAY_SPANS
    if _FULL_DAY_SPANS is None:
        groups = five_minute_groups()
        labels = sessions.all_labels()
        _FULL_DAY_SPANS = ([five_minute_label(labels[end - 1]) for _first, end in groups],
                           [first for first, _end in groups], [end - 1 for _first, end in groups],
                           [slice(first, end) for first, end in groups])
    return _FULL_DAY_SPANS


def _groups(labels):
    groups, first = [], 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[first]:
            groups.append((first, i))
            first = i
    return groups


def roll_up(time, opens, highs, lows, closes, volumes, amounts, period, midnight):
    """1m columns of one day -> the same columns (lists) for '5m' or '1d' (any subset of the day's bars)."""
    if not len(time):
        return [], [], [], [], [], [], []
    if period == "1d":
        return [midnight], [opens[0]], [max(highs)], [min(lows)], [closes[-1]], [sum(volumes)], [sum(amounts)]
    if len(time) == BARS_PER_DAY:
        seconds, firsts, lasts, spans = _full_day_spans()
    else:
        labels = [five_minute_label(int(t - midnight) // 1000) for t in time]
        groups = _groups(labels)
        firsts = [first for first, _end in groups]
        lasts = [end - 1 for _first, end in groups]
        spans = [slice(first, end) for first, end in groups]
        seconds = [labels[last] for last in lasts]
    return ([midnight + second * 1000 for second in seconds], list(map(opens.__getitem__, firsts)),
            list(map(max, map(highs.__getitem__, spans))), list(map(min, map(lows.__getitem__, spans))),
            list(map(closes.__getitem__, lasts)), list(map(sum, map(volumes.__getitem__, spans))),
            list(map(sum, map(amounts.__getitem__, spans))))
