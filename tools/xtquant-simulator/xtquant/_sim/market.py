"""The simulated market: every stock's cumulative day, its order book and its 1m bars so far."""
import datetime
import random
from array import array

from . import calendar, instruments, sessions
from .history import FIRST_DAY, History
from .universe import build

_FIELDS_PER_ROW = 7  # label_ms, open, high, low, close, volume (lots), amount


class Stock:
    __slots__ = ("code", "index", "last_close", "price", "open", "high", "low", "volume", "amount", "trades",
                 "status", "activity", "sigma", "drift", "up", "down", "bar", "history", "changed", "updated_ms",
                 "tick_size", "digits", "lot", "is_index")

    def __init__(self, code, index, ratio, rng, last_close=None):
        """ratio: the daily price limit (None: none, an index); the price tick, digits and lot size
        (units a lot of volume counts) by the code's type (_sim/instruments.py)."""
        self.code = code
        self.index = index
        self.tick_size = instruments.price_tick(code)
        self.digits = instruments.digits(code)
        self.lot = instruments.lot(code)
        self.is_index = instruments.kind(code) == instruments.INDEX
        drawn = round(min(300.0, max(1.5, rng.lognormvariate(2.4, 0.8))), 2)
        if instruments.kind(code) != instruments.STOCK:
            drawn = instruments.start_price(code)
        self.last_close = drawn if last_close is None else last_close
        # No limit (an index): bounds the path can never reach.
        self.up = round(self.last_close * (1 + ratio) + 1e-9, self.digits) if ratio is not None else self.last_close * 100
        self.down = round(self.last_close * (1 - ratio) + 1e-9, self.digits) if ratio is not None else self.tick_size
        self.price = self.last_close
        self.open = self.high = self.low = 0.0
        self.volume = 0
        self.amount = 0.0
        self.trades = 0
        kind = rng.random()
        # ~1% suspended, ~8% illiquid (a trade every minute or two), the rest trade most pushes.
        suspends = code != "000001.SZ" and not self.is_index
        self.status = sessions.SUSPENDED if kind < 0.01 and suspends else sessions.TRADING
        self.activity = 0.03 if kind < 0.09 else 0.55 + 0.4 * rng.random()
        self.sigma = 0.0008 + 0.0015 * rng.random()
        # ~2% run to a price limit and stay there (limit-up / limit-down).
        limit_kind = rng.random()
        self.drift = 0.004 if limit_kind < 0.01 else -0.004 if limit_kind < 0.02 else 0.0
        if self.is_index:
            self.drift = 0.0
        self.bar = None  # [open, high, low, close, volume, amount] of the forming 1m bar
        self.history = array("d")
        self.changed = False
        self.updated_ms = None  # when the snapshot last changed: the tick's time, as in get_full_tick

    @property
    def suspended(self):
        return self.status == sessions.SUSPENDED


class Market:
    def __init__(self, settings):
        self._settings = settings
        self._rng = random.Random(settings.seed * 7919 + 1)
        universe = build(settings.seed, settings.symbols)
        day = datetime.date.fromisoformat(settings.day)
        self.past = History(settings.seed, day)
        # The day opens at the close of the history's last day; with no history before it, at a drawn price.
        continues = calendar.previous_trading_day(day) >= FIRST_DAY
        self.stocks = [Stock(code, i, ratio, self._rng,
                             self.past.pre_close_price(code, day) if continues else None)
                       for i, (code, ratio) in enumerate(universe)]
        self.by_code = {stock.code: stock for stock in self.stocks}
        self.midnight_ms = settings.midnight_ms
        self.now_ms = None
        self._label = None  # second of day of the forming bar
        self._opened = self._closed = False

    # ---- stepping -------------------------------------------------------------------------
    def step(self, now_ms):
        """Advances the market to now_ms; returns the stocks whose snapshot changed."""
        self.now_ms = now_ms
        second = (now_ms - self.midnight_ms) // 1000
        phase = sessions.phase(second)
        for stock in self.stocks:
            stock.changed = False
        if second >= sessions.OPEN_MATCH and not self._opened:
            self._roll_to(sessions.MORNING)
            self._match_open()
        if phase == "auction":
            self._auction_book()
        elif phase == "continuous":
            self._roll_to(sessions.label(second))
            self._trade()
        elif phase == "lunch":
            self._finish_bar()
        elif phase == "close_auction":
            self._roll_to(sessions.label(second))
            self._auction_book()
        elif phase == "closed" and not self._closed:
            self._roll_to(sessions.CLOSE)
            self._match_close()
            self._finish_bar()
        changed = [stock for stock in self.stocks if stock.changed]
        for stock in changed:
            stock.updated_ms = now_ms
        return changed

    @property
    def day_over(self):
        return self._closed

    def _roll_to(self, label_second):
        if self._label == label_second:
            return
        self._finish_bar()
        self._label = label_second
        for stock in self.stocks:
            stock.bar = None

    def _finish_bar(self):
        """Closes the forming 1m bar of every trading stock: a minute without a trade is flat."""
        if self._label is None:
            return
        label_ms = self.midnight_ms + self._label * 1000
        for stock in self.stocks:
            if stock.suspended:
                continue
            bar = stock.bar or [stock.price, stock.price, stock.price, stock.price, 0, 0.0]
            stock.history.extend((label_ms, *bar))
            stock.bar = None
        self._label = None

    def _auction_book(self):
        for stock in self.stocks:
            if not stock.suspended and self._rng.random() < 0.3:
                stock.changed = True

    def _match_open(self):
        self._opened = True
        rng = self._rng
        for stock in self.stocks:
            if stock.suspended:
                continue
            if rng.random() < 0.97 or stock.drift:
                price = self._move(stock, stock.last_close, 3 * stock.sigma)
                self._fill(stock, price, max(1, int(rng.expovariate(1 / 300))))
            stock.changed = True

    def _match_close(self):
        self._closed = True
        rng = self._rng
        for stock in self.stocks:
            if not stock.suspended and rng.random() < 0.9:
                self._fill(stock, self._move(stock, stock.price, stock.sigma), max(1, int(rng.expovariate(1 / 200))))
                stock.changed = True

    def _trade(self):
        rng = self._rng
        for stock in self.stocks:
            if stock.suspended or rng.random() >= stock.activity:
                continue
            self._fill(stock, self._move(stock, stock.price, stock.sigma), max(1, int(rng.expovariate(1 / 40))))

    def _move(self, stock, price, sigma):
        moved = price * (1 + stock.drift + self._rng.gauss(0, sigma))
        return round(round(min(stock.up, max(stock.down, moved)) / stock.tick_size) * stock.tick_size, stock.digits)

    def _fill(self, stock, price, lots):
        stock.price = price
        if stock.open == 0:
            stock.open = stock.high = stock.low = price
        stock.high = max(stock.high, price)
        stock.low = min(stock.low, price)
        stock.volume += lots
        stock.amount += round(price * lots * stock.lot, 2)
        stock.trades += 1 + lots // 20
        bar = stock.bar
        if bar is None:
            stock.bar = [price, price, price, price, lots, round(price * lots * stock.lot, 2)]
        else:
            bar[1] = max(bar[1], price)
            bar[2] = min(bar[2], price)
            bar[3] = price
            bar[4] += lots
            bar[5] += round(price * lots * stock.lot, 2)
        stock.changed = True

    # ---- shapes as xtquant returns them ----------------------------------------------------
    def tick(self, stock):
        price = stock.price
        at_up, at_down = price >= stock.up, price <= stock.down
        step, digits = stock.tick_size, stock.digits
        if stock.suspended or stock.is_index:  # an index has no order book
            bid_prices = ask_prices = [0.0] * 5
            bid_vols = ask_vols = [0] * 5
        else:
            bid_prices = [0.0] * 5 if at_down else [round(max(step, price - step * (i + 1)), digits) for i in range(5)]
            ask_prices = [0.0] * 5 if at_up else [round(price + step * (i + 1), digits) for i in range(5)]
            seed = stock.volume + stock.index
            bid_vols = [0] * 5 if at_down else [(seed * (i + 3)) % 900 + 1 for i in range(5)]
            ask_vols = [0] * 5 if at_up else [(seed * (i + 7)) % 900 + 1 for i in range(5)]
        return {
            "time": stock.updated_ms or self.now_ms,
            "lastPrice": price,
            "open": stock.open,
            "high": stock.high,
            "low": stock.low,
            "lastClose": stock.last_close,
            "amount": round(stock.amount, 2),
            "volume": stock.volume,
            "pvolume": stock.volume * stock.lot,
            "stockStatus": stock.status,
            "openInt": stock.status,
            "lastSettlementPrice": 0.0,
            "askPrice": ask_prices,
            "bidPrice": bid_prices,
            "askVol": ask_vols,
            "bidVol": bid_vols,
            "transactionNum": stock.trades,
        }

    def forming_bar(self, stock):
        """The 1m bar still forming, as subscribe_quote(period='1m') pushes it (time = the bar's end)."""
        label_second = self._label if self._label is not None else sessions.label((self.now_ms - self.midnight_ms) // 1000)
        bar = stock.bar or [stock.price, stock.price, stock.price, stock.price, 0, 0.0]
        return bar_dict(self.midnight_ms + label_second * 1000, bar, stock)

    def rows(self, stock, start_ms, end_ms):
        """1m rows (label_ms, o, h, l, c, volume, amount) with start_ms <= label <= end_ms; as in QMT,
        the last one is the bar still forming."""
        history = stock.history
        for offset in range(0, len(history), _FIELDS_PER_ROW):
            label_ms = int(history[offset])
            if start_ms <= label_ms <= end_ms:
                yield (label_ms, *history[offset + 1:offset + _FIELDS_PER_ROW])
        if self._label is not None and not stock.suspended:
            label_ms = self.midnight_ms + self._label * 1000
            bar = stock.bar or [stock.price, stock.price, stock.price, stock.price, 0, 0.0]
            if start_ms <= label_ms <= end_ms:
                yield (label_ms, *bar)


def bar_dict(label_ms, bar, stock):
    return {
        "time": label_ms,
        "open": bar[0],
        "high": bar[1],
        "low": bar[2],
        "close": bar[3],
        "volume": int(bar[4]),
        "amount": round(bar[5], 2),
        "settelementPrice": 0.0,
        "openInterest": stock.status,
        "preClose": stock.last_close,
        "suspendFlag": 1 if stock.suspended else 0,
    }
