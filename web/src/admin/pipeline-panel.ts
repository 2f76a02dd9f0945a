import { admin } from "../api/clients";
import { describe } from "../api/errors";
import type { FeedLease, ServiceStats } from "../gen/quoteplatform/admin/v1/admin_pb";
import type { BackendStatus } from "../ui/backend-status";
import { byId, cell, showMessage } from "../ui/dom";
import { ago, count, duration, rate } from "../ui/format";
import { Poller } from "../ui/poller";
import type { AdminPanel, AdminSession } from "./admin-session";

const refreshMs = 3000;

/**
 * What each service instance last published: rates, totals, errors, lag and its last write; and for
 * each hot-standby feed, who publishes, who waits, and the last failover.
 */
export class PipelinePanel implements AdminPanel {
  private readonly poller = new Poller((signal) => this.refresh(signal), refreshMs);

  constructor(
    private readonly session: AdminSession,
    private readonly status: BackendStatus,
  ) {}

  start(): void {
    showMessage("pipeline-message", "Loading pipeline statistics…");
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  private async refresh(signal: AbortSignal): Promise<void> {
    const headers = this.session.headers();
    if (headers === undefined) {
      return;
    }
    try {
      const response = await admin.getPipelineStats({}, { headers, signal });
      this.render(response.services);
      this.renderFeeds(response.feeds);
      this.status.report("pipeline", "ok");
    } catch (error) {
      const failure = describe(error);
      if (failure.kind === "aborted") {
        return;
      }
      if (failure.kind === "unauthenticated") {
        this.session.refused(`The admin key was refused: ${failure.text}.`);
        return;
      }
      showMessage("pipeline-message", "text" in failure ? failure.text : "", "error");
      this.status.report("pipeline", failure.kind === "unreachable" ? "down" : "degraded");
    }
  }

  private render(services: readonly ServiceStats[]): void {
    const now = Date.now();
    const rows = services.map((stats) => {
      const row = document.createElement("tr");
      row.dataset.service = stats.service;
      row.dataset.instance = stats.instance;
      row.append(
        cell(stats.service),
        cell(stats.instance),
        cell(rate(stats.barsPerSecond), "num"),
        cell(count(stats.barsTotal), "num"),
        cell(count(stats.errorsTotal), stats.errorsTotal > 0n ? "num bad" : "num"),
        cell(count(stats.rejectedTotal), stats.rejectedTotal > 0n ? "num warn" : "num"),
        cell(count(stats.lagEntries), "num"),
        cell(count(stats.pendingEntries), "num"),
        cell(ago(Number(stats.lastWriteUnixMs), now)),
        cell(ago(Number(stats.updatedUnixMs), now)),
      );
      return row;
    });
    byId("pipeline").querySelector("tbody")!.replaceChildren(...rows);
    byId("pipeline").hidden = services.length === 0;
    showMessage("pipeline-message", services.length === 0 ? "No service has published statistics in the last few seconds: are the relay and storage writer running?" : "", services.length === 0 ? "warn" : "info");
  }

  private renderFeeds(feeds: readonly FeedLease[]): void {
    const now = Date.now();
    const rows = feeds.map((feed) => {
      const row = document.createElement("tr");
      row.dataset.feed = feed.feed;
      const failedOver = feed.lastFailoverUnixMs > 0n;
      row.append(
        cell(feed.feed),
        cell(feed.holder === "" ? "nobody" : feed.released ? `${feed.holder} (released)` : feed.holder, feed.holder === "" || feed.released ? "bad" : undefined),
        cell(count(feed.holderEpoch), "num"),
        cell(ago(Number(feed.holderSeenUnixMs), now)),
        cell(feed.standby === "" ? "none" : feed.standby, feed.standby === "" ? "warn" : undefined),
        cell(count(feed.standbyEpoch), "num"),
        cell(failedOver ? `${ago(Number(feed.lastFailoverUnixMs), now)}: ${feed.lastFailoverFrom} → ${feed.lastFailoverTo}` : "never"),
        cell(failedOver ? duration(Number(feed.lastFailoverDurationMs)) : "", "num"),
        cell(count(feed.failovers), "num"),
      );
      return row;
    });
    byId("feeds").querySelector("tbody")!.replaceChildren(...rows);
    byId("feeds").hidden = feeds.length === 0;
  }
}
