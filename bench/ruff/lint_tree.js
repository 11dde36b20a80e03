// Runs ruff's security rules (S) over every *.py file of a tree with ruff's WebAssembly build, one thread, the way
// bench/code.sh times it against Kingsnake and Bandit. Prints the file count, diagnostics per code and the seconds
// spent linting (files are read first, so the figure is ruff's own work). Usage: node lint_tree.js TREE
"use strict";
const fs = require("fs");
const path = require("path");
const { Workspace, PositionEncoding } = require("@astral-sh/ruff-wasm-nodejs");

function collect(directory, files) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === "__pycache__") continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) collect(full, files);
    else if (entry.isFile() && entry.name.endsWith(".py")) files.push(full);
  }
  return files;
}

const root = process.argv[2];
const sources = collect(root, []).map((file) => fs.readFileSync(file, "utf8"));
const workspace = new Workspace({ lint: { select: ["S"], preview: false } }, PositionEncoding.Utf8);
const counts = new Map();
const start = process.hrtime.bigint();
for (const source of sources) {
  for (const diagnostic of workspace.check(source)) {
    const code = diagnostic.code ?? "invalid-syntax";
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const total = [...counts].filter(([code]) => code !== "invalid-syntax").reduce((sum, [, n]) => sum + n, 0);
console.log(`${sources.length} files, ${total} findings, ${seconds.toFixed(2)} s linting`);
