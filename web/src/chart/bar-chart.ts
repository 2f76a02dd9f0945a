import {
  CandlestickSeries,
  ColorType,
  HistogramSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from "lightweight-charts";
import type { Bar } from "../gen/quoteplatform/marketdata/v1/bar_pb";
import { chartTime } from "./trading-day";

// Chinese market colours: red rises, green falls.
const up = "#e0403a";
const down = "#1f9d55";

/** Candles with a volume histogram under them; knows nothing about where bars come from. */
export class BarChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<"Candlestick">;
  private readonly volume: ISeriesApi<"Histogram">;
  private finals = new Map<number, Bar>();
  private lastFinal = 0;
  private forming: Bar | undefined;
  // The newest frame drawn: lightweight-charts updates only the last candle or adds after it.
  private drawnUpTo = 0;

  constructor(private readonly element: HTMLElement) {
    this.chart = createChart(element, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: "#ffffff" }, textColor: "#333", attributionLogo: false },
      grid: { vertLines: { color: "#f0f0f0" }, horzLines: { color: "#f0f0f0" } },
      // A few bars (early in the day, or 60m) stay candle-sized rather than stretched across the chart.
      timeScale: { timeVisible: true, secondsVisible: false, maxBarSpacing: 48 },
      rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.28 } },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: up,
      downColor: down,
      borderVisible: false,
      wickUpColor: up,
      wickDownColor: down,
    });
    this.volume = this.chart.addSeries(HistogramSeries, { priceFormat: { type: "volume" }, priceScaleId: "volume" });
    this.volume.priceScale().applyOptions({ scaleMargins: { top: 0.78, bottom: 0 } });
  }

  /** Final bars shown. */
  get count(): number {
    return this.finals.size;
  }

  get lastFrame(): number {
    return this.lastFinal;
  }

  /** Replaces everything shown (a new symbol, period or day). */
  replace(bars: readonly Bar[]): void {
    this.finals = new Map(bars.map((bar) => [Number(bar.frameUnixMs), bar]));
    this.lastFinal = Math.max(0, ...this.finals.keys());
    this.forming = undefined;
    this.redraw();
    this.chart.timeScale().fitContent();
  }

  /**
   * Adds or corrects final bars; returns how many frames are new. A final bar replaces the forming
   * one of its frame. Bars in order are drawn one by one; an older one (a catch-up that overlaps)
   * redraws the whole series, which holds at most a day (1d: a year).
   */
  putFinals(bars: readonly Bar[]): number {
    let added = 0;
    let inOrder = true;
    for (const bar of bars) {
      const frame = Number(bar.frameUnixMs);
      if (!this.finals.has(frame)) {
        added++;
      }
      this.finals.set(frame, bar);
      if (frame < this.drawnUpTo) {
        inOrder = false;
      } else {
        this.draw(bar);
      }
      this.lastFinal = Math.max(this.lastFinal, frame);
    }
    if (this.forming !== undefined && Number(this.forming.frameUnixMs) <= this.lastFinal) {
      // Closed: a forming candle that got no final bar of its own must not stay drawn.
      inOrder &&= this.finals.has(Number(this.forming.frameUnixMs));
      this.forming = undefined;
    }
    if (!inOrder) {
      this.redraw();
    }
    if (added > 0) {
      // A day holds at most 240 bars (1d: a year): keep all of them in view.
      this.chart.timeScale().fitContent();
    }
    this.publish();
    return added;
  }

  /** The bar still forming moves with every push; ignored once its frame has a final bar. */
  putForming(bar: Bar): void {
    const frame = Number(bar.frameUnixMs);
    if (frame <= this.lastFinal || (this.forming !== undefined && frame < Number(this.forming.frameUnixMs))) {
      return;
    }
    const first = this.forming === undefined || Number(this.forming.frameUnixMs) !== frame;
    this.forming = bar;
    this.draw(bar);
    if (first) {
      this.chart.timeScale().fitContent();
    }
    this.publish();
  }

  private draw(bar: Bar): void {
    this.candles.update(candle(bar));
    this.volume.update(volumeBar(bar));
    this.drawnUpTo = Math.max(this.drawnUpTo, Number(bar.frameUnixMs));
  }

  private redraw(): void {
    const bars = [...this.finals.values()].sort((a, b) => Number(a.frameUnixMs - b.frameUnixMs));
    if (this.forming !== undefined) {
      bars.push(this.forming);
    }
    this.candles.setData(bars.map(candle));
    this.volume.setData(bars.map(volumeBar));
    this.drawnUpTo = bars.length === 0 ? 0 : Number(bars.at(-1)!.frameUnixMs);
    this.publish();
  }

  /** What the chart holds, as attributes: the canvas itself cannot be read by a test or a screen reader. */
  private publish(): void {
    const data = this.element.dataset;
    data.bars = String(this.finals.size);
    data.lastFrame = String(this.lastFinal);
    data.lastClose = (this.finals.get(this.lastFinal)?.close ?? 0).toFixed(2);
    if (this.forming === undefined) {
      delete data.formingFrame;
      delete data.formingClose;
    } else {
      data.formingFrame = String(this.forming.frameUnixMs);
      data.formingClose = this.forming.close.toFixed(2);
    }
  }
}

function candle(bar: Bar) {
  return { time: chartTime(Number(bar.frameUnixMs)) as UTCTimestamp, open: bar.open, high: bar.high, low: bar.low, close: bar.close };
}

function volumeBar(bar: Bar) {
  return {
    time: chartTime(Number(bar.frameUnixMs)) as UTCTimestamp,
    value: Number(bar.volumeShares),
    color: bar.close >= bar.open ? "rgba(224, 64, 58, 0.5)" : "rgba(31, 157, 85, 0.5)",
  };
}
