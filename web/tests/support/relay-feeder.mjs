import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { BatchStatus, IngestService, PublishRequestSchema } from "../gen/quoteplatform/ingest/v1/ingest_pb.js";

/**
 * Publishes bars and quotes through the real relay over gRPC, as the Windows ingest does: the
 * test's market feed. Each batch gets the next sequence (starting from the clock, so reruns
 * against the same relay never collide with an earlier run's sequences).
 */
export class RelayFeeder {
  #client;
  #apiKey;
  #producer;
  #sequence = BigInt(Date.now()) * 1000n;

  constructor(relayUrl, apiKey, producer) {
    this.#client = createClient(IngestService, createGrpcTransport({ baseUrl: relayUrl }));
    this.#apiKey = apiKey;
    this.#producer = producer;
  }

  /** Sends one batch (bars, quotes, trading calendars, instrument details) and returns the relay's answer; anything but WRITTEN without rejections throws. */
  async publish({ bars = [], quotes = [], calendars = [], instruments = [] }) {
    const request = create(PublishRequestSchema, {
      producerId: this.#producer,
      sequence: ++this.#sequence,
      bars,
      quotes,
      calendars,
      instruments,
      createdUnixMs: BigInt(Date.now()),
    });
    const answers = [];
    for await (const answer of this.#client.publish(once(request), { headers: { "x-api-key": this.#apiKey }, timeoutMs: 30_000 })) {
      answers.push(answer);
    }
    const answer = answers[0];
    if (answers.length !== 1 || answer.status !== BatchStatus.WRITTEN || answer.rejections.length > 0) {
      throw new Error(`relay did not write the batch: ${JSON.stringify(answers, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
    }
    return answer;
  }
}

async function* once(request) {
  yield request;
}
