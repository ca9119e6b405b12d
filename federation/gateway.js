// The provincial gateway: composes Tingwu and the 12345 hotline subgraph (Apollo Federation v2).
//   TINGWU_URL      Tingwu's /graphql            (http://127.0.0.1:8000/graphql)
//   HOTLINE_URL     the hotline subgraph         (http://127.0.0.1:4001/graphql)
//   GATEWAY_PORT    where the gateway listens    (4000, on 127.0.0.1)
//   TINGWU_GATEWAY_KEY  sent as X-Tingwu-Gateway-Key when composing: Tingwu answers `_service { sdl }`
//                       in production only to the gateway.
// The caller's Authorization and Accept-Language headers go to every subgraph, so each subgraph decides
// what the caller may see (Tingwu resolves entities with its own visibility rules).
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";

const FORWARDED_HEADERS = ["authorization", "accept-language"];

const tingwuUrl = process.env.TINGWU_URL ?? "http://127.0.0.1:8000/graphql";
const hotlineUrl = process.env.HOTLINE_URL ?? "http://127.0.0.1:4001/graphql";
const port = Number(process.env.GATEWAY_PORT ?? 4000);
const introspectionHeaders = process.env.TINGWU_GATEWAY_KEY
  ? { "X-Tingwu-Gateway-Key": process.env.TINGWU_GATEWAY_KEY }
  : {};

class ForwardingDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    for (const name of FORWARDED_HEADERS) {
      if (context?.headers?.[name]) request.http.headers.set(name, context.headers[name]);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: new IntrospectAndCompose({
    subgraphs: [
      { name: "tingwu", url: tingwuUrl },
      { name: "hotline", url: hotlineUrl },
    ],
    introspectionHeaders,
  }),
  buildService: ({ url }) => new ForwardingDataSource({ url }),
});

const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port },
  context: async ({ req }) => ({
    headers: Object.fromEntries(FORWARDED_HEADERS.map((name) => [name, req.headers[name]])),
  }),
});
console.log(`provincial gateway ready at ${url} (tingwu: ${tingwuUrl}, hotline: ${hotlineUrl})`);
