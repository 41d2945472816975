import type { CallRecord } from "../../src/callkit/schemas.js";
import type { WebhookApp } from "./webhook-app.js";

/**
 * The call the timeline tests tell through the vendor's v4 webhooks: 10010 calls 10086, who
 * answers 3 s in and goes offline later (heartbeat lost). Its record, and the events that tell it.
 */
export function offlineCall(callId: string, nowSeconds: number): CallRecord {
  return {
    callId,
    mediaType: "audio",
    roomId: "room-1",
    startCallTs: nowSeconds - 600,
    acceptTs: nowSeconds - 597,
    endTs: nowSeconds - 593,
    caller: "10010",
    totalUserNumber: 2,
    callType: "single",
    callResult: "offline",
    callees: ["10086"],
    generation: "v4",
  };
}

/** Start, Accept (3 s), Offline (`offlineAfterMs`) for `callId`, posted to the app's receiver. */
export async function sendOfflineEvents(
  app: WebhookApp,
  sdkAppId: number,
  callId: string,
  startMs: number,
  offlineAfterMs = 7000,
): Promise<void> {
  const send = (command: string, body: Record<string, unknown>) =>
    fetch(app.hookUrl(`SdkAppid=${sdkAppId}&CallbackCommand=${command}`), {
      method: "POST",
      body: JSON.stringify({ CallbackCommand: command, ...body }),
    });
  await send("Call.CallbackAfterStartCall", {
    CallInfo: { CallId: callId, CallMediaType: "Audio" },
    UserList: [
      { User_Account: 10010, Status: "Calling" },
      { User_Account: 10086, Status: "Waiting" },
    ],
    EventTime: startMs,
  });
  for (const [offset, action] of [
    [3000, "Accept"],
    [offlineAfterMs, "Offline"],
  ] as const) {
    await send("Call.CallbackAfterMemberChanged", {
      CallId: callId,
      UserList: [],
      ChangedUserList: [{ User_Account: 10086, ActionType: action }],
      EventTime: startMs + offset,
    });
  }
}
