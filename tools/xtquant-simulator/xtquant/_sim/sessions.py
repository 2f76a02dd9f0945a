"""A-share trading phases and QMT's 1m bar labels (bar END; the 09:25 auction has its own 09:30 bar)."""

OPEN_AUCTION = 9 * 3600 + 15 * 60
OPEN_MATCH = 9 * 3600 + 25 * 60
MORNING = 9 * 3600 + 30 * 60
LUNCH = 11 * 3600 + 30 * 60
AFTERNOON = 13 * 3600
CLOSE_AUCTION = 14 * 3600 + 57 * 60
CLOSE = 15 * 3600

TRADING = 13  # stockStatus while the stock trades (the numbering Quote Platform's StockStatus uses)
SUSPENDED = 17  # 临时停牌


def phase(second):
    """'pre', 'auction', 'match_wait' (09:25-09:30), 'continuous', 'lunch', 'close_auction', 'closed'."""
    if second < OPEN_AUCTION:
        return "pre"
    if second < OPEN_MATCH:
        return "auction"
    if second < MORNING:
        return "match_wait"
    if second < LUNCH:
        return "continuous"
    if second < AFTERNOON:
        return "lunch"
    if second < CLOSE_AUCTION:
        return "continuous"
    if second < CLOSE:
        return "close_auction"
    return "closed"


def label(second):
    """Second of day of the 1m bar (its end) a trade at `second` belongs to, as QMT labels it."""
    if second < MORNING:
        return MORNING
    if second >= CLOSE:
        return CLOSE
    return (second // 60 + 1) * 60


def all_labels():
    """QMT's 241 1m labels of a day: 09:30 (opening auction), 09:31..11:30, 13:01..15:00."""
    return [MORNING] + list(range(MORNING + 60, LUNCH + 1, 60)) + list(range(AFTERNOON + 60, CLOSE + 1, 60))
