import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { openStore } from "../../src/store/database.js";

const url = inject("postgresUrl");

describe.skipIf(!url)("migrations on a shared PostgreSQL", () => {
  // Replicas and test files share one database; Kysely's check for its own tables introspects
  // every schema, which used to fail when another client dropped one at that moment.
  it("open while other schemas are created and dropped around them", async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const ours: string[] = [];
    let stop = false;
    const churn = (async () => {
      while (!stop) {
        const other = `t_${randomBytes(6).toString("hex")}`;
        await admin.query(`create schema ${other}`);
        await admin.query(`create table ${other}.x (id serial primary key)`);
        await admin.query(`drop schema ${other} cascade`);
      }
    })();
    const failures: string[] = [];
    try {
      for (let i = 0; i < 30; i++) {
        const schema = `t_${randomBytes(6).toString("hex")}`;
        ours.push(schema);
        await admin.query(`create schema ${schema}`);
        const store = await openStore(url, { schema }).catch((error: unknown) => {
          failures.push(String(error));
        });
        await store?.close();
      }
    } finally {
      stop = true;
      await churn;
      for (const schema of ours) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
    expect(failures).toEqual([]);
  });
});
