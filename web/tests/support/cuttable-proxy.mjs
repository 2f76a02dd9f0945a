import net from "node:net";

/**
 * A loopback TCP proxy in front of the query service's web port: the page is opened through it,
 * so a test can drop the network under the page (reset every open connection, and refuse new ones
 * for a while) as a lost Wi-Fi or a restarted load balancer would, or silence it without an error.
 */
export async function startCuttableProxy(targetUrl) {
  const target = new URL(targetUrl);
  const sockets = new Set();
  const pairs = new Set();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
    }
    client.pipe(upstream);
    upstream.pipe(client);
    const pair = { client, upstream };
    pairs.add(pair);
    client.on("close", () => {
      pairs.delete(pair);
      upstream.destroy();
    });
    upstream.on("close", () => client.destroy());
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `${target.protocol}//127.0.0.1:${server.address().port}`,
    /** Resets every open connection; with `refuse`, every new one too until `restore`. */
    cut({ refuse = false } = {}) {
      refusing = refuse;
      for (const socket of sockets) {
        socket.resetAndDestroy();
      }
    },
    /** Open connections stop carrying data but stay open (a half-open link: no error, only silence); new ones work. */
    stall() {
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
      pairs.clear();
    },
    restore() {
      refusing = false;
    },
    close() {
      for (const socket of sockets) {
        socket.destroy();
      }
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
