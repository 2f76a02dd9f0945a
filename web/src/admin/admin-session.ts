import { adminHeaders, forgetAdminKey, loadAdminKey, saveAdminKey } from "../api/admin-key";
import { byId, showMessage } from "../ui/dom";

/** Panels that need the admin key: started once a key is entered, stopped when it is refused. */
export interface AdminPanel {
  start(): void;
  stop(): void;
}

/** The admin key form and the panels that use the key. */
export class AdminSession {
  private readonly panels: AdminPanel[] = [];

  constructor() {
    byId<HTMLFormElement>("admin-key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = byId<HTMLInputElement>("admin-key");
      const key = input.value.trim();
      if (key.length === 0) {
        showMessage("consumers-message", "Enter the admin key (the query service's Admin:ApiKey).", "warn");
        return;
      }
      input.value = "";
      saveAdminKey(key);
      this.startPanels();
    });
    byId("admin-key-forget").addEventListener("click", () => this.refused("Admin key forgotten for this tab."));
  }

  register(panel: AdminPanel): void {
    this.panels.push(panel);
  }

  /** Starts the panels when this tab already holds a key (a reload keeps sessionStorage). */
  resume(): void {
    if (loadAdminKey() !== null) {
      this.startPanels();
    }
  }

  headers(): HeadersInit | undefined {
    const key = loadAdminKey();
    return key === null ? undefined : adminHeaders(key);
  }

  /** The service refused the key (or the user forgot it): drop it and ask again. */
  refused(reason: string): void {
    forgetAdminKey();
    for (const panel of this.panels) {
      panel.stop();
    }
    byId("admin-key-forget").hidden = true;
    byId("consumers").hidden = true;
    byId("pipeline").hidden = true;
    showMessage("consumers-message", `${reason} Enter the admin key to see consumer groups.`, "warn");
    showMessage("pipeline-message", "Enter the admin key to see pipeline statistics.");
  }

  private startPanels(): void {
    byId("admin-key-forget").hidden = false;
    for (const panel of this.panels) {
      panel.start();
    }
  }
}
