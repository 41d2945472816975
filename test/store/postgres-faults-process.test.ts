import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type TestStore } from "../support/store.js";
import { connectAdmin, namedUrl, until } from "./pg-admin.js";

const postgres = backends().find((b) => b.name === "postgres");

describe.skipIf(!postgres?.available)("a replica process whose connections are ended", () => {
  let schemaHolder: TestStore;
  beforeAll(async () => {
    schemaHolder = await (postgres as NonNullable<typeof postgres>).open();
  });
  afterAll(async () => {
    await schemaHolder?.dispose();
  });

  it("keeps running: heartbeats go on after the termination and it exits cleanly", async () => {
    const name = `callscope-child-${schemaHolder.schema}`;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/store/fixtures/store-heartbeat-process.ts"],
      {
        env: {
          ...process.env,
          STORE_URL: namedUrl(schemaHolder.url, name),
          STORE_SCHEMA: schemaHolder.schema ?? "",
        },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const beats = () => out.split("\n").filter((line) => line.startsWith("beat "));
    const admin = await connectAdmin(schemaHolder.url);
    try {
      await until(() => beats().length >= 3, "the child beats", 20_000);
      const ended = await admin.terminate(name);
      expect(ended).toBeGreaterThanOrEqual(1);
      const before = beats().length;
      // Healthy again after the termination, and still holding its lease.
      await until(() => {
        // A crash ends the wait at once, with what the child said.
        if (child.exitCode !== null) throw new Error(`child exited ${child.exitCode}: ${err}`);
        return beats()
          .slice(before)
          .some((line) => line.endsWith(" held ok"));
      }, "a healthy beat after the termination");
      expect(
        beats()
          .slice(before)
          .some((line) => line.endsWith(" degraded")),
      ).toBe(true);
      expect(beats().every((line) => / held (ok|degraded)$/.test(line))).toBe(true);
      child.stdin.end("stop\n");
      expect(await exited).toBe(0);
    } finally {
      child.kill();
      await admin.end();
    }
  });
});
