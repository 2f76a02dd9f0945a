import { Code, ConnectError } from "@connectrpc/connect";

/** What went wrong, in the terms a panel shows. */
export type Failure =
  | { kind: "aborted" }
  | { kind: "unreachable"; text: string }
  | { kind: "unavailable"; text: string }
  | { kind: "not-found"; text: string }
  | { kind: "invalid"; text: string }
  | { kind: "unauthenticated"; text: string }
  | { kind: "other"; text: string };

export function describe(error: unknown): Failure {
  const connect = ConnectError.from(error);
  switch (connect.code) {
    case Code.Canceled:
      return { kind: "aborted" };
    case Code.Unavailable:
    case Code.DeadlineExceeded:
      // A fetch that never reached the server also ends up here (connect maps it to UNAVAILABLE).
      return connect.rawMessage.includes("Failed to fetch") || connect.rawMessage.includes("NetworkError")
        ? { kind: "unreachable", text: "The query service does not answer: retrying." }
        : { kind: "unavailable", text: `A backend is unavailable: ${connect.rawMessage}. Retrying.` };
    case Code.NotFound:
      return { kind: "not-found", text: connect.rawMessage };
    case Code.InvalidArgument:
      return { kind: "invalid", text: connect.rawMessage };
    case Code.Unauthenticated:
    case Code.PermissionDenied:
      return { kind: "unauthenticated", text: connect.rawMessage };
    default:
      return { kind: "other", text: `${Code[connect.code]}: ${connect.rawMessage}` };
  }
}
