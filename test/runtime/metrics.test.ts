import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/slack-harness.js";

/** GET /metrics through the real app: what the records client and the log report, counted. */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe("/metrics", () => {
  it("counts vendor requests and Slack answers, in the Prometheus text format, with no ids", async () => {
    const { responseId } = await h.command("failed calls last 2 hours");
    await h.answer(responseId);
    const requests = await h.settledRequests();
    // The interaction's own log line (which the counter reads) comes once its answer is delivered.
    await expect.poll(() => h.logs("slack.command").length).toBe(1);

    const answer = await fetch(`${h.baseUrl}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toContain("text/plain");
    const text = await answer.text();
    expect(text).toContain("# TYPE callscope_vendor_requests_total counter");
    const ok = sample(
      text,
      "callscope_vendor_requests_total",
      'endpoint="get_records_by_filter",generation="v1",outcome="ok"',
    );
    const empty =
      sample(
        text,
        "callscope_vendor_requests_total",
        'endpoint="get_records_by_filter",generation="v1",outcome="empty"',
      ) ?? 0;
    expect((ok ?? 0) + empty).toBe(requests);
    // Every request waited for the rate limiter (if only 0 s): one observation each.
    expect(
      sample(text, "callscope_vendor_rate_wait_seconds_count", 'endpoint="get_records_by_filter"'),
    ).toBe(requests);
    // The command's scans of the vendor, each timed whole ("failed" is one vendor filter per
    // failing result: 6), and the command's HTTP acknowledgement.
    expect(sample(text, "callscope_scan_seconds_count", 'purpose="slack",outcome="done"')).toBe(6);
    expect(text.split("\n").find((l) => l.startsWith("callscope_slack_ack_seconds_count "))).toBe(
      "callscope_slack_ack_seconds_count 1",
    );
    expect(
      sample(text, "callscope_slack_interactions_total", 'kind="command",outcome="answered"'),
    ).toBe(1);
    expect(text).toContain("callscope_slack_answer_seconds_bucket");
    expect(text).toContain("callscope_process_resident_memory_bytes");
    expect(text).not.toContain("U0ALICE");
    expect(text).not.toContain("failed calls");
  });
});
