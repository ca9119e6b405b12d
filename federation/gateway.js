// The provincial gateway: Hive Gateway (MIT, Apollo Federation v2) over Tingwu and the 12345 hotline subgraph.
//   TINGWU_URL      Tingwu's /graphql            (http://127.0.0.1:8000/graphql)
//   HOTLINE_URL     the hotline subgraph         (http://127.0.0.1:4001/graphql)
//   GATEWAY_PORT    where the gateway listens    (4000, on 127.0.0.1)
//   GATEWAY_POLL_SECONDS  how often the subgraphs' schemas are fetched and the supergraph recomposed (10)
//   TINGWU_GATEWAY_KEY  sent as X-Tingwu-Gateway-Key when composing: Tingwu answers `_service { sdl }`
//                       in production only to the gateway.
// The caller's Authorization and Accept-Language headers go to every subgraph, so each subgraph decides
// what the caller may see (Tingwu resolves entities with its own visibility rules). Subscriptions (a hall's
// calling screen) come in over WebSocket (graphql-transport-ws at /graphql) and go to Tingwu the same way.
// Errors are masked: a subgraph's or the gateway's internals (stack traces, messages of unexpected errors)
// never reach the caller; a subgraph's typed errors (with extensions.code) pass unchanged.
import { createServer } from "node:http";

import { createGatewayRuntime, getGraphQLWSOptions } from "@graphql-hive/gateway-runtime";
import { composeServices, compositionHasErrors } from "@theguild/federation-composition";
import { parse } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";

const FORWARDED_HEADERS = ["authorization", "accept-language"];

const subgraphs = [
  { name: "tingwu", url: process.env.TINGWU_URL ?? "http://127.0.0.1:8000/graphql" },
  { name: "hotline", url: process.env.HOTLINE_URL ?? "http://127.0.0.1:4001/graphql" },
];
const port = Number(process.env.GATEWAY_PORT ?? 4000);
const pollSeconds = Number(process.env.GATEWAY_POLL_SECONDS ?? 10);
const compositionHeaders = {
  "content-type": "application/json",
  ...(process.env.TINGWU_GATEWAY_KEY ? { "X-Tingwu-Gateway-Key": process.env.TINGWU_GATEWAY_KEY } : {}),
};

async function subgraphSdl({ name, url }) {
  const response = await fetch(url, {
    method: "POST",
    headers: compositionHeaders,
    body: JSON.stringify({ query: "{ _service { sdl } }" }),
  });
  const body = await response.json();
  if (!body?.data?._service?.sdl) {
    const reason = body?.errors?.map((e) => e.extensions?.code ?? e.message).join(", ") ?? response.status;
    throw new Error(`subgraph ${name} gave no SDL (${reason})`);
  }
  return body.data._service.sdl;
}

let lastSupergraph = null;

// Fetch every subgraph's SDL and compose the supergraph; called at start and every pollSeconds. A subgraph
// that is down or a composition that fails keeps the last good supergraph (and says so on stderr).
async function composeSupergraph() {
  try {
    const services = await Promise.all(
      subgraphs.map(async (s) => ({ name: s.name, url: s.url, typeDefs: parse(await subgraphSdl(s)) })),
    );
    const result = composeServices(services);
    if (compositionHasErrors(result)) {
      throw new Error(result.errors.map((e) => e.message).join("; "));
    }
    if (lastSupergraph !== null && lastSupergraph !== result.supergraphSdl) {
      console.log("gateway: a subgraph's schema changed; the supergraph was recomposed");
    }
    lastSupergraph = result.supergraphSdl;
  } catch (error) {
    if (lastSupergraph === null) throw error;
    console.error(`gateway: keeping the last supergraph: ${error.message}`);
  }
  return lastSupergraph;
}

const gateway = createGatewayRuntime({
  supergraph: composeSupergraph,
  pollingInterval: pollSeconds * 1000,
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers = {};
      for (const name of FORWARDED_HEADERS) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
  transportEntries: {
    // Subscriptions go to the subgraph over graphql-transport-ws, on the same path as queries.
    "*.http": { options: { subscriptions: { kind: "ws", location: "/graphql" } } },
  },
  maskedErrors: true,
  graphiql: false,
  landingPage: false,
  logging: process.env.GATEWAY_LOG_LEVEL ?? "info",
});

const server = createServer(gateway);
const sockets = new WebSocketServer({ server, path: gateway.graphqlEndpoint });
useServer(
  getGraphQLWSOptions(gateway, (ctx) => ({ req: ctx.extra?.request, socket: ctx.extra?.socket })),
  sockets,
);

server.listen(port, "127.0.0.1", () => {
  console.log(
    `provincial gateway ready at http://127.0.0.1:${port}${gateway.graphqlEndpoint} ` +
      `(${subgraphs.map((s) => `${s.name}: ${s.url}`).join(", ")}; polling every ${pollSeconds}s)`,
  );
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    sockets.close();
    server.close(() => process.exit(0));
    gateway.dispose?.();
  });
}
