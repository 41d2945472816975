import { describe, expect, it } from "vitest";
import { AdmissionRefused, createAdmission } from "../../src/runtime/admission.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("admission of heavy scans", () => {
  it("runs at most maxTotal at once and queues the rest, saying how many are ahead", async () => {
    const admission = createAdmission({ maxTotal: 1, maxPerUser: 5, deadlineMs: 5000 });
    const first = await admission.admit("U1");
    const aheads: number[] = [];
    let secondStarted = false;
    const second = admission
      .admit("U2", { onQueued: (ahead) => aheads.push(ahead) })
      .then((permit) => {
        secondStarted = true;
        return permit;
      });
    const third = admission.admit("U3", { onQueued: (ahead) => aheads.push(ahead) });
    await tick();
    expect(aheads).toEqual([1, 2]);
    expect(secondStarted).toBe(false);
    expect(admission.counts()).toEqual({ running: 1, queued: 2 });
    first.release();
    (await second).release();
    (await third).release();
    expect(admission.counts()).toEqual({ running: 0, queued: 0 });
  });

  it("holds a user at their own limit without holding up anyone else", async () => {
    const admission = createAdmission({ maxTotal: 3, maxPerUser: 1, deadlineMs: 5000 });
    const alice = await admission.admit("UALICE");
    let aliceAgainAhead: number | undefined;
    const aliceAgain = admission.admit("UALICE", {
      onQueued: (ahead) => {
        aliceAgainAhead = ahead;
      },
    });
    const bob = await admission.admit("UBOB");
    expect(aliceAgainAhead).toBe(1);
    expect(admission.counts()).toEqual({ running: 2, queued: 1 });
    alice.release();
    const second = await aliceAgain;
    expect(admission.counts()).toEqual({ running: 2, queued: 0 });
    second.release();
    bob.release();
    // Releasing twice must not free a slot someone else holds.
    bob.release();
    expect(admission.counts()).toEqual({ running: 0, queued: 0 });
  });

  it("aborts the work's signal at the deadline, and refuses work that waited past it", async () => {
    const admission = createAdmission({ maxTotal: 1, maxPerUser: 1, deadlineMs: 50 });
    const running = await admission.admit("U1");
    const waiting = admission.admit("U2");
    await expect(waiting).rejects.toMatchObject({ reason: "deadline" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running.signal.aborted).toBe(true);
    expect(running.signal.reason).toBeInstanceOf(AdmissionRefused);
    expect((running.signal.reason as AdmissionRefused).reason).toBe("deadline");
    running.release();
    expect(admission.counts()).toEqual({ running: 0, queued: 0 });
  });

  it("on shutdown refuses the queue at once, then aborts what runs", async () => {
    const admission = createAdmission({ maxTotal: 1, maxPerUser: 1, deadlineMs: 5000 });
    const running = await admission.admit("U1");
    const queued = admission.admit("U2");
    admission.closeQueue();
    await expect(queued).rejects.toMatchObject({ reason: "shutdown" });
    await expect(admission.admit("U3")).rejects.toMatchObject({ reason: "shutdown" });
    expect(running.signal.aborted).toBe(false);
    admission.abortAll();
    expect((running.signal.reason as AdmissionRefused).reason).toBe("shutdown");
    running.release();
  });
});
