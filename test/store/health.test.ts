import { afterEach, describe, expect, it } from "vitest";
import { createHealthMonitor, type HealthMonitor } from "../../src/store/health.js";
import { until } from "./pg-admin.js";

describe("store health monitor", () => {
  let monitor: HealthMonitor | undefined;
  afterEach(() => monitor?.stop());

  it("is degraded from a lost connection until the probe answers, probing often meanwhile", async () => {
    let up = false;
    let probes = 0;
    monitor = createHealthMonitor({
      probe: async () => {
        probes++;
        if (!up)
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
            code: "ECONNREFUSED",
          });
      },
      okIntervalMs: 60_000,
      degradedIntervalMs: 20,
    });
    expect(monitor.reading().status).toBe("ok");
    monitor.lost(Object.assign(new Error("terminating connection"), { code: "57P01" }));
    expect(monitor.reading()).toMatchObject({ status: "degraded", reason: "57P01" });
    await until(() => probes >= 2, "the probe runs while degraded");
    // Still down, now refusing: the reason follows.
    expect(monitor.reading()).toMatchObject({ status: "degraded", reason: "ECONNREFUSED" });
    up = true;
    await until(() => monitor?.reading().status === "ok", "the probe answers");
    const reading = monitor.reading();
    expect(reading.reason).toBeUndefined();
    expect(reading.lastOkAt).toBe(reading.since);
    // Back to the slow interval: no further probe soon.
    const after = probes;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(probes).toBe(after);
  });
});
