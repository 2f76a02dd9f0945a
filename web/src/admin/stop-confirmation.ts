import { byId, setText } from "../ui/dom";

/** The "stop consumer?" dialog: stopping takes a consumer out of its group, so it is never one click. */
export class StopConfirmation {
  private readonly dialog = byId<HTMLDialogElement>("confirm-stop");

  ask(group: string, consumer: string): Promise<boolean> {
    setText("confirm-stop-group", group);
    setText("confirm-stop-consumer", consumer);
    return new Promise((resolve) => {
      this.dialog.addEventListener("close", () => resolve(this.dialog.returnValue === "stop"), { once: true });
      this.dialog.returnValue = "";
      this.dialog.showModal();
      byId("confirm-stop-cancel").focus();
    });
  }
}
