// The GraphQL over HTTP spec's server audit (graphql-http's serverAudits) against a live Tingwu.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql  → one JSON line per audit, then a summary line.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql url>');
  process.exit(2);
}
const counts = { ok: 0, warn: 0, error: 0 };
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  counts[result.status] += 1;
  const line = { id: audit.id, name: audit.name, status: result.status };
  if (result.status !== 'ok') {
    line.reason = result.reason;
    if (result.response) {
      line.httpStatus = result.response.status;
      line.contentType = result.response.headers.get('content-type');
      try { line.body = (await result.response.text()).slice(0, 300); } catch { /* body already read */ }
    }
  }
  console.log(JSON.stringify(line));
}
console.log(JSON.stringify({ summary: counts }));
process.exit(counts.error || counts.warn ? 1 : 0);
