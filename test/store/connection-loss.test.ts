import { describe, expect, it } from "vitest";
import { isConnectionLost, lossReason } from "../../src/store/connection-loss.js";
import { retryOnConnectionLoss } from "../../src/store/retry.js";

const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isConnectionLost", () => {
  it.each([
    ["admin shutdown", coded("57P01")],
    ["crash shutdown", coded("57P02")],
    ["cannot connect now (starting up)", coded("57P03")],
    ["connection failure", coded("08006")],
    ["reset", coded("ECONNRESET")],
    ["refused", coded("ECONNREFUSED")],
    ["socket ended", new Error("Connection terminated unexpectedly")],
    [
      "dead client reused",
      new Error("Client has encountered a connection error and is not queryable"),
    ],
    ["refused on every address", new AggregateError([coded("ECONNREFUSED")], "")],
  ])("%s: yes", (_, error) => {
    expect(isConnectionLost(error)).toBe(true);
  });

  it.each([
    ["unique violation", coded("23505")],
    ["syntax error", coded("42601")],
    ["our own close", new Error("Connection terminated")],
    ["not an error", "57P01"],
  ])("%s: no", (_, error) => {
    expect(isConnectionLost(error)).toBe(false);
  });

  it("names the loss by its code, never by the whole message", () => {
    expect(lossReason(coded("57P01", "terminating connection due to administrator command"))).toBe(
      "57P01",
    );
    expect(lossReason(new AggregateError([coded("ECONNREFUSED")], ""))).toBe("ECONNREFUSED");
  });
});

describe("retryOnConnectionLoss", () => {
  it("runs again after a lost connection and answers", async () => {
    let calls = 0;
    const answer = await retryOnConnectionLoss(
      async () => {
        if (++calls < 3) throw coded("57P01");
        return "ok";
      },
      { backoffMs: 1 },
    );
    expect({ answer, calls }).toEqual({ answer: "ok", calls: 3 });
  });

  it("gives up after the last try, and at once on any other error", async () => {
    let calls = 0;
    await expect(
      retryOnConnectionLoss(
        async () => {
          calls++;
          throw coded("ECONNREFUSED");
        },
        { attempts: 3, backoffMs: 1 },
      ),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      retryOnConnectionLoss(async () => {
        calls++;
        throw coded("23505");
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(calls).toBe(1);
  });
});
