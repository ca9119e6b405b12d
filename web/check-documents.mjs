// Every document in src/lib/documents.js is valid against Tingwu's committed schema (run by the tests).
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import * as documents from './src/lib/documents.js';

const sdl = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
const schema = buildSchema(sdl, { assumeValidSDL: true });
let failed = 0;
for (const [name, text] of Object.entries(documents)) {
  const errors = validate(schema, parse(text));
  for (const error of errors) { failed += 1; console.error(`${name}: ${error.message}`); }
}
console.log(failed ? `${failed} problems` : `${Object.keys(documents).length} documents valid`);
process.exit(failed ? 1 : 0);
