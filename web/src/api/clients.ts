import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { AdminService } from "../gen/quoteplatform/admin/v1/admin_pb";
import { WatchService } from "../gen/quoteplatform/query/v1/live_pb";
import { QueryService } from "../gen/quoteplatform/query/v1/query_pb";
import { readKeyInterceptor } from "./read-key";

// The page is served by the query service itself, so its gRPC-Web API is on the same origin:
// no CORS, and the admin key never goes to another host.
const transport = createGrpcWebTransport({
  baseUrl: window.location.origin,
  // A deadline keeps a hung backend from freezing a panel; the watch stream opts out (timeoutMs: 0).
  defaultTimeoutMs: 10_000,
  interceptors: [readKeyInterceptor],
});

export const query: Client<typeof QueryService> = createClient(QueryService, transport);

export const admin: Client<typeof AdminService> = createClient(AdminService, transport);

export const watch: Client<typeof WatchService> = createClient(WatchService, transport);
