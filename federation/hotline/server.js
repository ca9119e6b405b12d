// The 12345 hotline subgraph: work orders that extend Tingwu's Hall and reference its Staff and Case.
//   HOTLINE_PORT (4001), HOTLINE_SEED_FILE (a JSON list of orders to start with). Listens on 127.0.0.1 only.
//   HOTLINE_NEXT_SCHEMA=1 serves the schema's next version (adds Query.hotlineOrderCount): the gateway's
//   integration test restarts the subgraph with it to see the gateway recompose without a restart.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import gql from "graphql-tag";
import { OrderBook } from "./orders.js";

const nextSchema = Boolean(process.env.HOTLINE_NEXT_SCHEMA);
const typeDefs = gql(
  readFileSync(new URL("./schema.graphql", import.meta.url), "utf-8") +
    (nextSchema ? '\nextend type Query {\n  "工单数"\n  hotlineOrderCount: Int!\n}\n' : ""),
);
const book = OrderBook.fromFile(process.env.HOTLINE_SEED_FILE);

const resolvers = {
  Query: {
    hotlineOrders: () => book.newestFirst(),
    hotlineOrder: (_, { number }) => book.byNumber(number),
  },
  Mutation: {
    recordHotlineOrder: (_, { input }) => book.add(input),
  },
  HotlineOrder: {
    __resolveReference: ({ id }) => book.byId(id),
    hall: (order) => ({ __typename: "Hall", id: order.hallId }),
    assignedStaff: (order) => (order.assignedStaffId ? { __typename: "Staff", id: order.assignedStaffId } : null),
    relatedCase: (order) =>
      order.relatedCaseSerialNumber ? { __typename: "Case", serialNumber: order.relatedCaseSerialNumber } : null,
  },
  Hall: {
    __resolveReference: ({ id }) => ({ id }),
    hotlineOrders: (hall) => book.forHall(hall.id),
  },
};

if (nextSchema) resolvers.Query.hotlineOrderCount = () => book.newestFirst().length;

const server = new ApolloServer({ schema: buildSubgraphSchema([{ typeDefs, resolvers }]) });
const port = Number(process.env.HOTLINE_PORT ?? 4001);
const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port } });
console.log(`12345 hotline subgraph ready at ${url}`);
