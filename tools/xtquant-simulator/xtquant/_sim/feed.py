"""The simulator's own thread: steps the market on its clock and pushes to subscribers, with faults."""
import sys
import threading
import time
import traceback

from .market import Market


class Disconnected(Exception):
    pass


class Feed:
    """One simulated terminal connection. The market runs on from the first connect() whether or not
    anybody listens; delivery stops while disconnected or stalled."""

    def __init__(self, settings):
        self.settings = settings
        self.market = Market(settings)
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread = None
        self._next_seq = 1
        self._whole = {}  # seq -> [codes or None, callback, first push sent, dead]
        self._quotes = {}  # seq -> [code, callback, dead]
        self.connected = False
        self.connects = 0
        self.outage_until_ms = None
        self.stall_until_ms = None
        self._disconnect_ms = settings.disconnect_ms
        self._stall_ms = settings.stall_ms
        self.pushes = 0
        self.ticks_pushed = 0

    # ---- connection ------------------------------------------------------------------------
    def connect(self):
        with self._lock:
            if self.outage_until_ms is not None and self.now_ms() < self.outage_until_ms:
                raise Disconnected("无法连接行情服务 (simulated outage until "
                                   f"{_clock(self.outage_until_ms, self.settings.midnight_ms)})")
            self.outage_until_ms = None
            self.connected = True
            self.connects += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="xtsim-feed", daemon=True)
                self._thread.start()

    def require_connection(self):
        if not self.connected:
            raise Disconnected("行情服务连接断开 (simulated)")

    def now_ms(self):
        return self.market.now_ms if self.market.now_ms is not None else self.settings.start_ms

    def stop(self):
        self._stop.set()
        with self._lock:
            self.connected = False
            self._whole.clear()
            self._quotes.clear()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    # ---- subscriptions ---------------------------------------------------------------------
    def subscribe_whole(self, codes, callback):
        with self._lock:
            seq = self._take_seq()
            self._whole[seq] = [codes, callback, False, False]
            return seq

    def subscribe_quote(self, code, callback):
        with self._lock:
            seq = self._take_seq()
            self._quotes[seq] = [code, callback, False]
            return seq

    def unsubscribe(self, seq):
        with self._lock:
            self._whole.pop(seq, None)
            self._quotes.pop(seq, None)

    def _take_seq(self):
        seq = self._next_seq
        self._next_seq += 1
        return seq

    # ---- faults ----------------------------------------------------------------------------
    def inject(self, fault, seconds):
        with self._lock:
            now = self.now_ms()
            if fault == "disconnect":
                self._disconnect(now, seconds)
            elif fault == "stall":
                self._stall(now, seconds)
            else:
                raise ValueError("fault must be 'disconnect' or 'stall'")

    def _disconnect(self, now, seconds):
        self.connected = False
        self.outage_until_ms = now + int(seconds * 1000)
        self._whole.clear()
        self._quotes.clear()
        print(f"[xtsim] link lost at {_clock(now, self.settings.midnight_ms)} for {seconds:g} s (simulated)", file=sys.stderr)

    def _stall(self, now, seconds):
        # Subscriptions open now never push again: only resubscribing after the stall recovers.
        self.stall_until_ms = now + int(seconds * 1000)
        for entry in self._whole.values():
            entry[3] = True
        for entry in self._quotes.values():
            entry[2] = True
        print(f"[xtsim] pushes stall at {_clock(now, self.settings.midnight_ms)} for {seconds:g} s (simulated)", file=sys.stderr)

    # ---- the thread --------------------------------------------------------------------------
    def _run(self):
        settings = self.settings
        step_ms = int(settings.push_seconds * 1000)
        now = settings.start_ms
        # A shared anchor is wall-clock time (two processes agree on it); otherwise this one's start.
        clock = time.time if settings.clock_anchor_ms else time.monotonic
        started = settings.clock_anchor_ms / 1000.0 if settings.clock_anchor_ms else time.monotonic()
        started += settings.lag_ms / 1000.0
        while not self._stop.is_set():
            if settings.speed > 0:
                due = started + (now - settings.start_ms) / 1000.0 / settings.speed
                delay = due - clock()
                if delay > 0 and self._stop.wait(delay):
                    return
            with self._lock:
                changed = self.market.step(now)
                self._fire_faults(now)
                deliveries = self._deliveries(changed, now)
            for callback, payload in deliveries:
                try:
                    callback(payload)
                except Exception:  # xtquant swallows what a callback raises; so do we, loudly
                    traceback.print_exc()
            if self.market.day_over and now > settings.midnight_ms + 15 * 3600 * 1000 + 60_000:
                return  # the day is over: the state stays for get_full_tick / get_market_data_ex
            now += step_ms

    def _fire_faults(self, now):
        if self._disconnect_ms is not None and now >= self._disconnect_ms:
            self._disconnect_ms = None
            self._disconnect(now, self.settings.disconnect_seconds)
        if self._stall_ms is not None and now >= self._stall_ms:
            self._stall_ms = None
            self._stall(now, self.settings.stall_seconds)

    def _deliveries(self, changed, now):
        if not self.connected or (self.stall_until_ms is not None and now < self.stall_until_ms):
            return []
        market = self.market
        as_list = self.settings.tick_shape == "list"
        deliveries = []
        for entry in self._whole.values():
            codes, callback, sent, dead = entry
            if dead:
                continue
            stocks = market.stocks if not sent else changed
            payload = {}
            for stock in stocks:
                if codes is None or stock.code in codes:
                    tick = market.tick(stock)
                    payload[stock.code] = [tick] if as_list else tick
            entry[2] = True
            if payload:
                deliveries.append((callback, payload))
                self.pushes += 1
                self.ticks_pushed += len(payload)
        if self._quotes:
            changed_codes = {stock.code for stock in changed}
            for entry in self._quotes.values():
                code, callback, dead = entry
                if not dead and code in changed_codes:
                    deliveries.append((callback, {code: [market.forming_bar(market.by_code[code])]}))
        return deliveries


def _clock(unix_ms, midnight_ms):
    second = (unix_ms - midnight_ms) // 1000
    return f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}"
