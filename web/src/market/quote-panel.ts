import type { Failure } from "../api/errors";
import type { Quote } from "../gen/quoteplatform/marketdata/v1/quote_pb";
import type { BackendStatus } from "../ui/backend-status";
import { byId, setText, showMessage } from "../ui/dom";
import { large, price, signed, timeOfDay } from "../ui/format";
import { directory } from "./directory";
import { nameOf } from "./symbols";

// While a shown symbol's name is missing: ask the directory again this often, this many times (a minute).
const nameRetryMs = 5_000;
const nameAttempts = 12;

/** Last price, change and volume of one symbol, rendered on every quote its feed pushes. */
export class QuotePanel {
  private symbol = "";
  private lastTime = 0n;

  constructor(private readonly status: BackendStatus) {}

  show(symbol: string): void {
    this.symbol = symbol;
    this.lastTime = 0n;
    setText("quote-symbol", symbol);
    setText("quote-name", nameOf(symbol));
    this.showNameWhenKnown(symbol);
    this.clear();
    this.setState("loading");
    showMessage("quote-message", `Loading the latest quote of ${symbol}…`);
  }

  /**
   * Names arrive with the symbol directory (at start, then each minute): show one as soon as it is known.
   * Details the ingest sends may be stored a moment after the page opened: while the name is missing,
   * ask again (the directory reloads at most every few seconds), for a minute at most.
   */
  private showNameWhenKnown(symbol: string, attempts = nameAttempts): void {
    void directory.refresh(nameOf(symbol) === "").then(() => {
      if (this.symbol !== symbol) {
        return;
      }
      setText("quote-name", nameOf(symbol));
      if (nameOf(symbol) === "" && attempts > 1) {
        window.setTimeout(() => this.showNameWhenKnown(symbol, attempts - 1), nameRetryMs);
      }
    });
  }

  quotes(quotes: readonly Quote[]): void {
    const quote = quotes.filter((q) => q.symbol === this.symbol && q.timeUnixMs !== 0n).at(-1);
    if (quote !== undefined) {
      this.status.report("quote", "ok");
      this.render(quote);
    }
  }

  /** The feed is connected and caught up: the relay's current quote, if any, has been sent. */
  caughtUp(): void {
    this.status.report("quote", "ok");
    if (this.lastTime === 0n) {
      this.setState("no-quote");
      showMessage("quote-message", `No live quote for ${this.symbol} yet: the relay has none (market closed or feed not running).`, "warn");
    } else if (byId("quote").dataset.state !== "live") {
      this.setState("live");
      showMessage("quote-message", "");
    }
  }

  failed(failure: Failure): void {
    switch (failure.kind) {
      case "aborted":
        return;
      case "not-found":
        this.clear();
        this.setState("unknown");
        showMessage("quote-message", `Unknown symbol ${this.symbol}: the platform has no quote or bars for it. Check the code, or pick one the search box suggests.`, "error");
        this.status.report("quote", "ok");
        return;
      case "invalid":
        this.setState("invalid");
        showMessage("quote-message", failure.text, "error");
        this.status.report("quote", "ok");
        return;
      case "unreachable":
        // The last known price stays on screen.
        this.setState("down");
        showMessage("quote-message", failure.text, "error");
        this.status.report("quote", "down");
        return;
      default:
        this.setState("down");
        showMessage("quote-message", failure.text, "error");
        this.status.report("quote", "degraded");
    }
  }

  private render(quote: Quote): void {
    const change = quote.lastPrice - quote.previousClose;
    const changePct = quote.previousClose > 0 ? (change / quote.previousClose) * 100 : Number.NaN;
    const direction = change > 0 ? "up" : change < 0 ? "down" : "flat";
    const digits = directory.priceDigitsOf(quote.symbol);
    setText("quote-price", price(quote.lastPrice, digits));
    setText("quote-change", signed(change, digits));
    setText("quote-change-pct", Number.isFinite(changePct) ? `${signed(changePct, 2)}%` : "—");
    setText("quote-volume", `${large(Number(quote.volumeShares))} 股`);
    setText("quote-amount", `${large(quote.amountCny)} 元`);
    setText("quote-open", price(quote.open, digits));
    setText("quote-high", price(quote.high, digits));
    setText("quote-low", price(quote.low, digits));
    setText("quote-prev", price(quote.previousClose, digits));
    setText("quote-time", timeOfDay(Number(quote.timeUnixMs)));
    byId("quote").dataset.direction = direction;
    if (quote.timeUnixMs !== this.lastTime) {
      this.lastTime = quote.timeUnixMs;
      // Restart the flash animation so each new quote is visibly new.
      const priceElement = byId("quote-price");
      priceElement.classList.remove("flash");
      void priceElement.offsetWidth;
      priceElement.classList.add("flash");
    }
    this.setState("live");
    showMessage("quote-message", "");
  }

  private clear(): void {
    for (const id of ["quote-price", "quote-change", "quote-change-pct", "quote-volume", "quote-amount", "quote-open", "quote-high", "quote-low", "quote-prev", "quote-time"]) {
      setText(id, "—");
    }
    delete byId("quote").dataset.direction;
  }

  private setState(state: string): void {
    byId("quote").dataset.state = state;
  }
}
