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

// What browsers say when a request never got an HTTP answer, or its stream broke off (Chromium, Firefox, Safari).
const networkFailure = /Failed to fetch|NetworkError|network error|Load failed/;

export function describe(error: unknown): Failure {
  const connect = ConnectError.from(error);
  if (connect.code === Code.Canceled) {
    return { kind: "aborted" };
  }
  if (networkFailure.test(connect.rawMessage)) {
    return { kind: "unreachable", text: "The query service does not answer: retrying." };
  }
  switch (connect.code) {
    case Code.Unavailable:
    case Code.DeadlineExceeded:
      return { kind: "unavailable", text: `A backend is unavailable: ${connect.rawMessage}. Retrying.` };
    case Code.NotFound:
      return { kind: "not-found", text: connect.rawMessage };
    case Code.InvalidArgument:
      return { kind: "invalid", text: connect.rawMessage };
    case Code.Unauthenticated:
    case Code.PermissionDenied:
      return { kind: "unauthenticated", text: connect.rawMessage };
    default:
      return { kind: "other", text: `The query service failed (${Code[connect.code]}): ${connect.rawMessage}` };
  }
}
