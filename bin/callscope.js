#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, resolved from this package so `npx callscope` and a global
// install work from any directory. Signals pass to the child; its exit code becomes ours.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(packageDir, "package.json"));
const tsx = pathToFileURL(require.resolve("tsx")).href;
const main = join(packageDir, "src", "cli", "main.ts");

const child = spawn(process.execPath, ["--import", tsx, main, ...process.argv.slice(2)], {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal === "SIGINT" ? 130 : 1);
});
