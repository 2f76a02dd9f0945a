import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LiveService, SubscribeRequestSchema, SubscriptionMode } from "../gen/quoteplatform/query/v1/live_pb.js";

/**
 * A live subscriber holding one consumer of a shard-mode group open on the query service: the
 * consumer the browser test stops from the page. `ended` settles when the server ends the call
 * (an administrator's stop ends it with FAILED_PRECONDITION).
 */
export function subscribe(queryUrl, group, consumer) {
  const client = createClient(LiveService, createGrpcTransport({ baseUrl: queryUrl }));
  const controller = new AbortController();
  let release;
  const closed = new Promise((resolve) => (release = resolve));
  async function* requests() {
    yield create(SubscribeRequestSchema, {
      kind: { case: "subscribe", value: { mode: SubscriptionMode.SHARD, group, consumer, symbols: [] } },
    });
    await closed;
  }
  let subscribed;
  const ready = new Promise((resolve, reject) => (subscribed = { resolve, reject }));
  const ended = (async () => {
    try {
      for await (const response of client.subscribe(requests(), { signal: controller.signal })) {
        if (response.kind.case === "subscribed") {
          subscribed.resolve(response.kind.value);
        }
      }
      return { code: 0 };
    } catch (error) {
      subscribed.reject(error);
      return { code: error.code, message: error.rawMessage ?? String(error) };
    }
  })();
  return {
    ready,
    ended,
    close: () => {
      release();
      controller.abort();
    },
  };
}
