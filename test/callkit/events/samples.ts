/** The contract's example bodies (../shared/callkit-callbacks.md), as raw text and query. */

export const SDK_APP_ID = 1_400_123_456;

export const v1StatusBody = `{ "UserId": "mei.lin", "RoomId": "884201", "TotalNum": 2, "MediaType": "video",
  "CallType": "single", "CallId": "9b2f6c1e-3d4a-4f0e-8a77-2c51d0e4b913", "Role": "caller",
  "CallResult": "normal_end", "EventTime": 1764587412,
  "StartCallTs": 1764587190, "AcceptTs": 1764587197, "EndTs": 1764587411 }`;
export const v1StatusQuery = `sdkappid=${SDK_APP_ID}&command=normal_end&contenttype=json&clientip=203.0.113.7&optplatform=Android`;

export const v1EventBody = `{ "UserId": "tom.r", "RoomId": "884305", "TotalNum": 2, "MediaType": "audio",
  "CallType": "single", "CallId": "0c7d41aa-5e2b-4b90-9d1f-77e3a2c8f640", "Role": "callee",
  "Event": "reject_call", "CallResult": "", "EventTime": 1764588020,
  "StartCallTs": 1764588011, "AcceptTs": 0, "EndTs": 0 }`;
export const v1EventQuery = `sdkappid=${SDK_APP_ID}&command=callee_reject_call&contenttype=json&clientip=203.0.113.7&optplatform=iOS`;

export const V4_CALL = "5f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";

export const v4StartBody = `{ "CallbackCommand": "Call.CallbackAfterStartCall",
  "CallInfo": { "CallId": "${V4_CALL}", "CallMediaType": "Video",
                "ChatGroupId": "", "RoomId": "room-7f3a", "RoomIdType": 2 },
  "UserList": [ { "User_Account": "dispatch-07", "Status": "Calling" },
                { "User_Account": "field-112", "Status": "Waiting" } ],
  "EventTime": 1764590105123 }`;

export const v4EndBody = `{ "CallbackCommand": "Call.CallbackAfterEndCall",
  "CallRecord": { "CallId": "${V4_CALL}",
                  "Caller_Account": "dispatch-07", "MediaType": "Video", "CallType": "SingleCall",
                  "StartTime": 1764590105, "EndTime": 1764590391, "AcceptTime": 1764590113,
                  "CallResult": "Interrupt", "CalleeList_Account": ["dispatch-07", "field-112"],
                  "RoomId": "room-7f3a", "RoomIdType": 2 },
  "EventTime": 1764590391540 }`;

export const v4MemberBody = (action = "Accept", user = '"field-112"', time = 1764590113870) =>
  `{ "CallbackCommand": "Call.CallbackAfterMemberChanged",
  "CallId": "${V4_CALL}",
  "UserList": [ { "User_Account": "dispatch-07", "Status": "Calling" },
                { "User_Account": ${user}, "Status": "Calling" } ],
  "ChangedUserList": [ { "User_Account": ${user}, "ActionType": "${action}" } ],
  "EventTime": ${time} }`;

export const v4Query = (command: string, app = SDK_APP_ID) =>
  `SdkAppid=${app}&CallbackCommand=${command}&contenttype=json&ClientIP=203.0.113.9&OptPlatform=Android`;
