import type { Failure } from "../api/errors";
import type { ChartPanel } from "../chart/chart-panel";
import type { QuotePanel } from "./quote-panel";
import { SymbolFeed } from "./symbol-feed";

/**
 * The symbol shown: one feed (a WatchSymbol stream) for the quote panel and the chart, made again
 * when the symbol or the period changes.
 */
export class LiveView {
  private feed: SymbolFeed | undefined;
  private symbol = "";

  constructor(
    private readonly quote: QuotePanel,
    private readonly chart: ChartPanel,
  ) {
    chart.onPeriodChange = () => this.follow();
  }

  show(symbol: string): void {
    this.symbol = symbol;
    this.quote.show(symbol);
    this.follow();
  }

  private follow(): void {
    this.feed?.stop();
    this.chart.show(this.symbol);
    this.feed = new SymbolFeed(this.symbol, this.chart.period, (signal) => this.chart.firstAfter(signal), {
      quotes: (quotes) => this.quote.quotes(quotes),
      forming: (bars) => this.chart.forming(bars),
      final: (bars) => this.chart.final(bars),
      caughtUp: () => {
        this.quote.caughtUp();
        void this.chart.caughtUp();
      },
      failed: (failure: Failure) => {
        this.quote.failed(failure);
        this.chart.failed(failure);
      },
    });
  }
}
