import { query } from "../api/clients";
import { describe, type Failure } from "../api/errors";
import type { Bar, Period } from "../gen/quoteplatform/marketdata/v1/bar_pb";
import { Adjust } from "../gen/quoteplatform/query/v1/query_pb";
import type { BackendStatus } from "../ui/backend-status";
import { byId, setText, showMessage } from "../ui/dom";
import { timeOfDay } from "../ui/format";
import { BarChart } from "./bar-chart";
import { defaultPeriod, periods, type PeriodChoice } from "./periods";
import { recentTradingDays } from "./trading-calendar";
import { daysBefore, startOfTradingDay, tradingDate } from "./trading-day";

// Look back this many trading days (from the stored calendar) for the latest one with bars, so a
// symbol suspended for a few days still shows its last day.
const lookBackTradingDays = 5;
const dailyHistoryDays = 366;
const pageSize = 10_000;

/**
 * The latest trading day's bars of one symbol in the chosen period (1d: the last year of daily
 * bars), as the symbol's feed pushes them: the final bars of the catch-up, then each bar as it
 * closes, and the forming bar moving with every push. Adjusted for dividends (前复权 / 后复权), the
 * bars are the query service's (GetBars with adjust, computed from the stored raw bars), read again
 * after the catch-up and whenever the feed brings a final bar; the forming candle moves only when
 * front-adjusted, because front adjustment leaves the latest prices as traded.
 */
export class ChartPanel {
  private readonly chart = new BarChart(byId("chart"));
  private symbol = "";
  private choice: PeriodChoice = defaultPeriod;
  private day = "";
  private latestTradingDay = "";
  private since = "";
  private isCaughtUp = false;
  private adjust = Adjust.NONE;
  private adjusting: AbortController | undefined;

  /** Called when the user picks another period or adjustment (the feed must be made again). */
  onPeriodChange: () => void = () => {};

  constructor(private readonly status: BackendStatus) {
    this.renderTabs();
    const switcher = byId<HTMLSelectElement>("adjust");
    switcher.addEventListener("change", () => {
      this.adjust = switcher.value === "front" ? Adjust.FRONT : switcher.value === "back" ? Adjust.BACK : Adjust.NONE;
      byId("chart").dataset.adjust = switcher.value;
      this.onPeriodChange();
    });
  }

  get period(): Period {
    return this.choice.period;
  }

  show(symbol: string): void {
    this.adjusting?.abort();
    this.symbol = symbol;
    this.day = "";
    this.isCaughtUp = false;
    this.chart.replace([]);
    this.setState("loading");
    setText("chart-day", "");
    showMessage("chart-message", `Loading ${this.choice.label} bars of ${symbol}…`);
  }

  /**
   * Where the first catch-up starts: the oldest of the last few trading days from the stored
   * calendar (a holiday is never among them), or a year back for daily bars.
   */
  async firstAfter(signal: AbortSignal): Promise<number> {
    const now = Date.now();
    if (!this.choice.intraday) {
      return daysBefore(now, dailyHistoryDays);
    }
    const days = (await recentTradingDays(this.symbol, now, signal)).slice(0, lookBackTradingDays);
    this.latestTradingDay = days[0] ?? "";
    this.since = days.at(-1) ?? tradingDate(now);
    return startOfTradingDay(this.since);
  }

  final(bars: readonly Bar[]): void {
    const shown = this.ofShownDay(bars);
    if (this.adjust !== Adjust.NONE) {
      if (this.isCaughtUp && shown.length > 0) {
        void this.loadAdjusted();
      }
      return;
    }
    if (shown.length > 0 && this.chart.putFinals(shown) > 0) {
      // The message always says what the chart holds, also while the catch-up is still arriving.
      this.describeContents();
      if (this.isCaughtUp) {
        this.setState("live");
      }
    }
  }

  forming(bars: readonly Bar[]): void {
    // A forming bar of a later day waits for that day's first final bar to start its chart.
    const bar = this.ofShownDay(bars, this.day === "").at(-1);
    if (bar !== undefined && this.adjust !== Adjust.BACK) {
      this.chart.putForming(bar);
    }
  }

  async caughtUp(): Promise<void> {
    this.isCaughtUp = true;
    if (this.adjust !== Adjust.NONE) {
      await this.loadAdjusted();
    }
    this.status.report("chart", "ok");
    if (this.chart.count === 0) {
      this.setState("empty");
      const range = this.choice.intraday ? `on the last ${lookBackTradingDays} trading days (since ${this.since})` : `in the last ${dailyHistoryDays} days`;
      showMessage("chart-message", `No ${this.choice.label} bars of ${this.symbol} stored ${range}.`, "warn");
      return;
    }
    this.setState("live");
    this.describeContents();
  }

  failed(failure: Failure): void {
    if (failure.kind === "aborted") {
      return;
    }
    const text = "text" in failure ? failure.text : "";
    if (failure.kind === "not-found") {
      this.setState("unknown");
      showMessage("chart-message", `No bars: unknown symbol ${this.symbol}.`, "error");
      this.status.report("chart", "ok");
      return;
    }
    this.setState("error");
    showMessage("chart-message", text, "error");
    this.status.report("chart", failure.kind === "unreachable" ? "down" : failure.kind === "invalid" ? "ok" : "degraded");
  }

  /**
   * Intraday: the bars of the newest trading day seen; a bar of a later day (the next session
   * begins) starts a new chart. Daily bars: all of them.
   */
  private ofShownDay(bars: readonly Bar[], mayStartDay = true): Bar[] {
    const mine = bars.filter((bar) => bar.symbol === this.symbol && bar.period === this.choice.period);
    if (!this.choice.intraday) {
      return mine;
    }
    const newest = mine.reduce((day, bar) => {
      const date = tradingDate(Number(bar.frameUnixMs));
      return date > day ? date : day;
    }, this.day);
    if (newest !== this.day && mayStartDay) {
      this.day = newest;
      this.chart.replace([]);
    }
    return mine.filter((bar) => tradingDate(Number(bar.frameUnixMs)) === this.day);
  }

  private describeContents(): void {
    const last = this.chart.lastFrame;
    setText("chart-day", this.choice.intraday ? this.day : "daily");
    showMessage(
      "chart-message",
      `${this.chart.count} ${this.choice.label} bars${this.adjustLabel()}${this.choice.intraday ? ` on ${this.day}` : ""}, last ${this.choice.intraday ? timeOfDay(last).slice(0, 5) : tradingDate(last)} (Beijing).${this.missingLatestDay()}`,
    );
  }

  private adjustLabel(): string {
    return this.adjust === Adjust.FRONT ? " (前复权, front-adjusted)" : this.adjust === Adjust.BACK ? " (后复权, back-adjusted)" : "";
  }

  /** The shown day's (1d: the year's) bars, adjusted by the query service, in place of the feed's raw ones. */
  private async loadAdjusted(): Promise<void> {
    this.adjusting?.abort();
    const controller = new AbortController();
    this.adjusting = controller;
    const fromUnixMs = this.choice.intraday ? startOfTradingDay(this.day || this.since) : daysBefore(Date.now(), dailyHistoryDays);
    const bars: Bar[] = [];
    try {
      let pageToken = "";
      do {
        const response = await query.getBars(
          { symbol: this.symbol, period: this.choice.period, fromUnixMs: BigInt(fromUnixMs), toUnixMs: 0n, pageSize, pageToken, adjust: this.adjust },
          { signal: controller.signal },
        );
        bars.push(...response.bars);
        pageToken = response.nextPageToken;
      } while (pageToken !== "");
    } catch (error) {
      this.failed(describe(error));
      return;
    }
    if (controller.signal.aborted) {
      return;
    }
    this.chart.replace(this.ofShownDay(bars));
    this.describeContents();
  }

  /** A trading day after the one shown (holidays are not trading days) has no bars: say so. */
  private missingLatestDay(): string {
    return this.choice.intraday && this.latestTradingDay > this.day ? ` None yet on ${this.latestTradingDay}, the latest trading day.` : "";
  }

  private select(choice: PeriodChoice): void {
    this.choice = choice;
    this.renderTabs();
    this.onPeriodChange();
  }

  private renderTabs(): void {
    const tabs = byId("periods");
    tabs.replaceChildren(...periods.map((choice) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.label;
      button.dataset.period = choice.label;
      button.setAttribute("role", "tab");
      button.setAttribute("aria-selected", String(choice === this.choice));
      button.addEventListener("click", () => this.select(choice));
      return button;
    }));
    byId("chart").dataset.period = this.choice.label;
  }

  private setState(state: string): void {
    byId("chart").dataset.state = state;
  }
}
