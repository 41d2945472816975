import { describe, expect, it } from "vitest";
import { parseJsonKeepingIds, quoteLongIntegers } from "../../../src/callkit/events/json.js";
import { readCallbackRequest } from "../../../src/callkit/events/request.js";
import {
  SDK_APP_ID,
  V4_CALL,
  v1EventBody,
  v1EventQuery,
  v1StatusBody,
  v1StatusQuery,
  v4EndBody,
  v4MemberBody,
  v4Query,
  v4StartBody,
} from "./samples.js";

const read = (query: string, body: string) =>
  readCallbackRequest(new URLSearchParams(query), body, SDK_APP_ID);

function event(query: string, body: string) {
  const result = read(query, body);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.event;
}

describe("quoteLongIntegers", () => {
  it.each([
    ['{"a":123456789012345678}', '{"a":"123456789012345678"}'],
    ['{"a":[144115212830834855,1]}', '{"a":["144115212830834855",1]}'],
    ['{"a":-1234567890123456789}', '{"a":"-1234567890123456789"}'],
    ['{"a":1764590105123}', '{"a":1764590105123}'],
    ['{"a":"x 123456789012345678 y"}', '{"a":"x 123456789012345678 y"}'],
    ['{"a":"\\"123456789012345678"}', '{"a":"\\"123456789012345678"}'],
    ['{"a":1234567890123456.5}', '{"a":1234567890123456.5}'],
    ['{"a":12345678901234567e2}', '{"a":12345678901234567e2}'],
  ])("%s → %s", (input, output) => {
    expect(quoteLongIntegers(input)).toBe(output);
  });

  it("keeps every digit of an 18-digit id that JSON.parse would round", () => {
    const text = '{"User_Account":123456789012345678}';
    expect(String((JSON.parse(text) as { User_Account: number }).User_Account)).not.toBe(
      "123456789012345678",
    );
    expect(parseJsonKeepingIds(text)).toEqual({ User_Account: "123456789012345678" });
  });
});

describe("readCallbackRequest: the contract's samples", () => {
  it("v1 status callback → an end with the call's record", () => {
    const e = event(v1StatusQuery, v1StatusBody);
    expect(e).toMatchObject({
      generation: "v1",
      kind: "v1_status",
      command: "normal_end",
      callId: "9b2f6c1e-3d4a-4f0e-8a77-2c51d0e4b913",
      eventTimeMs: 1764587412000,
      steps: [{ userId: "mei.lin", action: "ended", role: "caller", word: "normal_end" }],
      record: {
        callId: "9b2f6c1e-3d4a-4f0e-8a77-2c51d0e4b913",
        caller: "mei.lin",
        callResult: "normal_end",
        startCallTs: 1764587190,
        acceptTs: 1764587197,
        endTs: 1764587411,
        mediaType: "video",
        callType: "single",
        generation: "v1",
      },
    });
  });

  it("v1 event callback → one step", () => {
    const e = event(v1EventQuery, v1EventBody);
    expect(e.kind).toBe("v1_event");
    expect(e.record).toBeUndefined();
    expect(e.steps).toEqual([
      { userId: "tom.r", action: "rejected", role: "callee", word: "reject_call" },
    ]);
  });

  it("v4 start → the caller started, the others invited", () => {
    const e = event(v4Query("Call.CallbackAfterStartCall"), v4StartBody);
    expect(e).toMatchObject({ generation: "v4", kind: "v4_start", callId: V4_CALL });
    expect(e.eventTimeMs).toBe(1764590105123);
    expect(e.steps.map((s) => [s.userId, s.action])).toEqual([
      ["dispatch-07", "started"],
      ["field-112", "invited"],
    ]);
  });

  it("v4 end → the record in v1's words", () => {
    const e = event(v4Query("Call.CallbackAfterEndCall"), v4EndBody);
    expect(e.record).toMatchObject({
      callId: V4_CALL,
      caller: "dispatch-07",
      callees: ["field-112"],
      callResult: "interrupt",
      callType: "single",
      mediaType: "video",
      startCallTs: 1764590105,
      acceptTs: 1764590113,
      endTs: 1764590391,
      generation: "v4",
    });
  });
});

describe("the vendor's odd spellings", () => {
  it.each([
    ["Answer", "answered"],
    ["Accept", "answered"],
    ["Reject", "rejected"],
    ["NotAnswer", "no_answer"],
    ["Hangup", "hung_up"],
    ["HangUp", "hung_up"],
    ["Hang Up", "hung_up"],
    ["Join", "joined"],
    ["Offline", "offline"],
    ["Invite", "invited"],
    ["Invited", "invited"],
    ["Cancel_Invite", "cancelled"],
    ["Canncel_Invite", "cancelled"],
    ["SomethingNew", "other"],
  ])("v4 ActionType %s → %s", (word, action) => {
    const e = event(v4Query("Call.CallbackAfterMemberChanged"), v4MemberBody(word));
    expect(e.steps).toEqual([{ userId: "field-112", action, word }]);
  });

  it.each([
    ["Caller", "caller_start_call", "started"],
    ["caller", "caller_call_accepted", "connected"],
    ["CALLEE", "callee_accept_call", "answered"],
    ["Callee", "callee_receive_call", "ringing"],
    ["callee", "callee_not_answer_call", "no_answer"],
    ["caller", "invite_user", "invited"],
    ["callee", "join_in_group_call", "joined"],
  ])("v1 Role %s, command %s → %s", (role, command, action) => {
    const body = v1EventBody
      .replace('"callee"', `"${role}"`)
      .replace('"Event": "reject_call", ', "");
    const query = v1EventQuery.replace("callee_reject_call", command);
    expect(event(query, body).steps[0]?.action).toBe(action);
  });

  it.each([["Normal_end"], ["NORMAL_END"], ["normal_end"]])("v1 CallResult %s", (result) => {
    const body = v1StatusBody.replace('"normal_end"', `"${result}"`);
    expect(event(v1StatusQuery, body).record?.callResult).toBe("normal_end");
  });

  it("v1 casing of MediaType/CallType/Role from the tables", () => {
    const body = v1StatusBody
      .replace('"video"', '"Video"')
      .replace('"single"', '"Single"')
      .replace('"caller"', '"Caller"');
    expect(event(v1StatusQuery, body).record).toMatchObject({
      mediaType: "video",
      callType: "single",
      caller: "mei.lin",
    });
  });

  it("the query's names in other casings still tell the generation and app", () => {
    const query = `sdkappid=${SDK_APP_ID}&callbackcommand=Call.CallbackAfterStartCall`;
    expect(event(query, v4StartBody).generation).toBe("v4");
  });
});

describe("numeric user ids", () => {
  it.each([
    ["123456789012345678", "123456789012345678"],
    ["144115212830834855", "144115212830834855"],
    ["10086", "10086"],
  ])("User_Account %s as a JSON number reads as %s", (raw, id) => {
    const e = event(v4Query("Call.CallbackAfterMemberChanged"), v4MemberBody("Offline", raw));
    expect(e.steps[0]?.userId).toBe(id);
    expect(e.key).toContain(id);
  });

  it("v4 start with bare 18-digit members", () => {
    const body = v4StartBody
      .replace('"dispatch-07"', "144115212830834855")
      .replace('"field-112"', "123456789012345678");
    expect(event(v4Query("Call.CallbackAfterStartCall"), body).steps.map((s) => s.userId)).toEqual([
      "144115212830834855",
      "123456789012345678",
    ]);
  });

  it("v1 UserId as an 18-digit number", () => {
    const body = v1EventBody.replace('"tom.r"', "123456789012345678");
    expect(event(v1EventQuery, body).steps[0]?.userId).toBe("123456789012345678");
  });

  it("v4 end record with short numeric accounts", () => {
    const body = v4EndBody
      .replace('"Caller_Account": "dispatch-07"', '"Caller_Account": 10010')
      .replace('["dispatch-07", "field-112"]', "[10010, 10086]");
    const record = event(v4Query("Call.CallbackAfterEndCall"), body).record;
    expect(record?.caller).toBe("10010");
    expect(record?.callees).toEqual(["10086"]);
  });

  it("v4 end record with numeric accounts", () => {
    const body = v4EndBody
      .replace('"Caller_Account": "dispatch-07"', '"Caller_Account": 123456789012345678')
      .replace('["dispatch-07", "field-112"]', "[123456789012345678, 144115212830834855]");
    const record = event(v4Query("Call.CallbackAfterEndCall"), body).record;
    expect(record?.caller).toBe("123456789012345678");
    expect(record?.callees).toEqual(["144115212830834855"]);
  });
});

describe("idempotency keys", () => {
  const member = (body: string) => event(v4Query("Call.CallbackAfterMemberChanged"), body).key;
  it("the same body twice has the same key; another action or time another", () => {
    expect(member(v4MemberBody("Hangup"))).toBe(member(v4MemberBody("Hangup")));
    expect(member(v4MemberBody("Hangup"))).toBe(member(v4MemberBody("HangUp")));
    expect(member(v4MemberBody("Hangup"))).not.toBe(member(v4MemberBody("Accept")));
    expect(member(v4MemberBody("Hangup", '"field-112"', 1))).not.toBe(
      member(v4MemberBody("Hangup", '"field-112"', 2)),
    );
  });
  it("v1: the same user's event at two times, or two users', are two events", () => {
    const base = event(v1EventQuery, v1EventBody).key;
    expect(event(v1EventQuery, v1EventBody.replace("1764588020", "1764588021")).key).not.toBe(base);
    expect(event(v1EventQuery, v1EventBody.replace('"tom.r"', '"ann"')).key).not.toBe(base);
    expect(event(v1EventQuery, v1EventBody).key).toBe(base);
  });
  it("v4 end: one per call whatever its EventTime", () => {
    const q = v4Query("Call.CallbackAfterEndCall");
    expect(event(q, v4EndBody).key).toBe(
      event(q, v4EndBody.replace("1764590391540", "1764590399999")).key,
    );
  });
});

describe("refusals", () => {
  it.each([
    [
      "wrong app (v4)",
      v4Query("Call.CallbackAfterStartCall", 1400000099),
      v4StartBody,
      "wrong_app",
    ],
    ["wrong app (v1)", v1StatusQuery.replace(String(SDK_APP_ID), "1"), v1StatusBody, "wrong_app"],
    ["no app", "command=normal_end", v1StatusBody, "wrong_app"],
    ["not JSON", v1StatusQuery, "{ UserId: mei", "malformed"],
    ["a JSON array", v1StatusQuery, "[1,2]", "malformed"],
    ["v1 without CallId", v1StatusQuery, '{"UserId":"a","EventTime":1}', "malformed"],
    [
      "v1 unknown command",
      v1StatusQuery.replace("normal_end", "drop_tables"),
      v1StatusBody,
      "unknown_command",
    ],
    ["v4 unknown command", v4Query("Call.CallbackBeforeX"), v4StartBody, "unknown_command"],
    ["v4 body of another command", v4Query("Call.CallbackAfterEndCall"), v4StartBody, "malformed"],
    [
      "v4 member change without changes",
      v4Query("Call.CallbackAfterMemberChanged"),
      `{"CallbackCommand":"Call.CallbackAfterMemberChanged","CallId":"x","ChangedUserList":[],"EventTime":1}`,
      "malformed",
    ],
  ])("%s → %s", (_name, query, body, reason) => {
    const result = read(query, body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.message.length).toBeGreaterThan(5);
    }
  });
});
