import { admin } from "../api/clients";
import { describe } from "../api/errors";
import { ConsumerStatus, type ConsumerGroup } from "../gen/quoteplatform/admin/v1/admin_pb";
import type { BackendStatus } from "../ui/backend-status";
import { byId, cell, showMessage } from "../ui/dom";
import { count, duration, rate } from "../ui/format";
import { Poller } from "../ui/poller";
import type { AdminPanel, AdminSession } from "./admin-session";
import { StopConfirmation } from "./stop-confirmation";

const refreshMs = 2000;

const statusLabels: Record<ConsumerStatus, string> = {
  [ConsumerStatus.UNSPECIFIED]: "unknown",
  [ConsumerStatus.ACTIVE]: "active",
  [ConsumerStatus.IDLE]: "idle",
  [ConsumerStatus.STOPPING]: "stopping",
};

/** Consumer groups and their consumers; throughput is the change of a group's delivered count between refreshes. */
export class ConsumersPanel implements AdminPanel {
  private readonly poller = new Poller((signal) => this.refresh(signal), refreshMs);
  private readonly confirmation = new StopConfirmation();
  private previous = new Map<string, { delivered: bigint; atMs: number }>();

  constructor(
    private readonly session: AdminSession,
    private readonly status: BackendStatus,
  ) {}

  start(): void {
    showMessage("consumers-message", "Loading consumer groups…");
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
    this.previous.clear();
  }

  private async refresh(signal: AbortSignal): Promise<void> {
    const headers = this.session.headers();
    if (headers === undefined) {
      return;
    }
    try {
      const response = await admin.listConsumerGroups({}, { headers, signal });
      this.render(response.groups);
      this.status.report("consumers", "ok");
    } catch (error) {
      const failure = describe(error);
      if (failure.kind === "aborted") {
        return;
      }
      if (failure.kind === "unauthenticated") {
        this.session.refused(`The admin key was refused: ${failure.text}.`);
        return;
      }
      showMessage("consumers-message", "text" in failure ? failure.text : "", "error");
      this.status.report("consumers", failure.kind === "unreachable" ? "down" : "degraded");
    }
  }

  private render(groups: readonly ConsumerGroup[]): void {
    const now = performance.now();
    const rows: HTMLTableRowElement[] = [];
    const next = new Map<string, { delivered: bigint; atMs: number }>();
    for (const group of groups) {
      const before = this.previous.get(group.name);
      const throughput = before === undefined || now <= before.atMs
        ? Number.NaN
        : Number(group.delivered - before.delivered) / ((now - before.atMs) / 1000);
      next.set(group.name, { delivered: group.delivered, atMs: now });
      const consumers = group.consumers.length > 0 ? group.consumers : [undefined];
      for (const consumer of consumers) {
        const row = document.createElement("tr");
        row.dataset.group = group.name;
        row.append(cell(group.name), cell(group.kind));
        if (consumer === undefined) {
          row.append(cell("(no consumer)", "muted"), cell(""), cell(count(group.pending), "num"));
        } else {
          row.dataset.consumer = consumer.name;
          const label = statusLabels[consumer.status] ?? "unknown";
          row.append(cell(consumer.name), cell(label, `status status-${label}`), cell(count(consumer.pending), "num"));
        }
        row.append(
          cell(count(group.lag), "num"),
          cell(Number.isFinite(throughput) ? rate(Math.max(0, throughput)) : "…", "num"),
          cell(consumer === undefined ? "" : duration(Number(consumer.idleMs)), "num"),
          this.actions(group.name, consumer?.name, consumer?.status),
        );
        rows.push(row);
      }
    }
    this.previous = next;
    byId("consumers").querySelector("tbody")!.replaceChildren(...rows);
    byId("consumers").hidden = groups.length === 0;
    showMessage("consumers-message", groups.length === 0 ? "No consumer groups on the bar streams." : "");
  }

  private actions(group: string, consumer: string | undefined, status: ConsumerStatus | undefined): HTMLTableCellElement {
    const td = cell("");
    if (consumer === undefined) {
      return td;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "danger small";
    button.textContent = status === ConsumerStatus.STOPPING ? "Stopping…" : "Stop";
    button.disabled = status === ConsumerStatus.STOPPING;
    button.addEventListener("click", () => void this.confirmAndStop(group, consumer));
    td.append(button);
    return td;
  }

  private async confirmAndStop(group: string, consumer: string): Promise<void> {
    if (!(await this.confirmation.ask(group, consumer))) {
      return;
    }
    const headers = this.session.headers();
    if (headers === undefined) {
      return;
    }
    try {
      const response = await admin.stopConsumer({ group, consumer }, { headers });
      showMessage(
        "consumers-message",
        response.requested
          ? `Stop requested: ${consumer} finishes its batch and leaves ${group}.`
          : `${consumer} is no longer in ${group}.`,
      );
    } catch (error) {
      const failure = describe(error);
      showMessage("consumers-message", "text" in failure ? `Could not stop ${consumer}: ${failure.text}` : "", "error");
    }
    this.poller.start();
  }
}
