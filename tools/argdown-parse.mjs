// Parse an Argdown file with @argdown/core (pinned in package.json) and print what it read as JSON:
// the parser's and the model's errors, every statement (equivalence class) and every relation.
// Used by the tests: node tools/argdown-parse.mjs docs/claims.argdown
import { readFileSync } from "node:fs";
import { ArgdownApplication, ParserPlugin, ModelPlugin, DataPlugin, PreselectionPlugin } from "@argdown/core";

const app = new ArgdownApplication();
app.addPlugin(new ParserPlugin(), "parse-input");
app.addPlugin(new DataPlugin(), "build-model");
app.addPlugin(new ModelPlugin(), "build-model");
const input = readFileSync(process.argv[2], "utf8");
const response = app.run({ input, process: ["parse-input", "build-model"], logLevel: "error" });
const errors = [...(response.parserErrors || []), ...(response.lexerErrors || [])].map((e) => String(e.message));
const statements = Object.keys(response.statements || {});
const argumentsFound = Object.keys(response.arguments || {});
const relations = (response.relations || []).map((r) => ({
  from: r.from && r.from.title,
  to: r.to && r.to.title,
  type: r.relationType,
}));
process.stdout.write(JSON.stringify({ errors, statements, arguments: argumentsFound, relations }, null, 1) + "\n");
