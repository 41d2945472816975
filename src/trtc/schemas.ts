import { z } from "zod";

/**
 * The five answers (the contents of `Response`, as the SDK resolves them), parsed with zod: a field
 * of the wrong type makes the whole answer `malformed`, never a half-read diagnosis. Arrays the
 * vendor may send as null read as empty; unknown fields pass through (looseObject).
 */

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === null || value === undefined ? [] : value), z.array(item));
const text = z.preprocess(
  (value) => (value === null || value === undefined ? "" : value),
  z.string(),
);
const int = z.number().int();

export const roomStateSchema = z.looseObject({
  CommId: z.string().min(1),
  RoomString: text,
  CreateTime: int,
  DestroyTime: int.nullable().optional(),
  IsFinished: z.boolean().optional(),
  UserId: text.optional(),
});
export type RoomState = z.infer<typeof roomStateSchema>;

export const roomInfoResponseSchema = z.looseObject({
  Total: int.optional(),
  RoomList: list(roomStateSchema),
  RequestId: z.string().optional(),
});

export const userInformationSchema = z.looseObject({
  RoomStr: text.optional(),
  UserId: z.string(),
  JoinTs: int,
  LeaveTs: int,
  DeviceType: text.optional(),
  SdkVersion: text.optional(),
  ClientIp: text.optional(),
  Finished: z.boolean().optional(),
});
export type UserInformation = z.infer<typeof userInformationSchema>;

export const userInfoResponseSchema = z.looseObject({
  Total: int.optional(),
  UserList: list(userInformationSchema),
  RequestId: z.string().optional(),
});

export const eventMessageSchema = z.looseObject({
  Time: int,
  EventId: int,
  ParamOne: int.optional().default(-1),
  ParamTwo: int.optional().default(-1),
  Type: int.optional().default(0),
});
export type EventMessage = z.infer<typeof eventMessageSchema>;

export const userEventResponseSchema = z.looseObject({
  Data: list(z.looseObject({ PeerId: text, Content: list(eventMessageSchema) })),
  RequestId: z.string().optional(),
});

export const qualitySeriesSchema = z.looseObject({
  UserId: z.string(),
  PeerId: text,
  DataType: z.string(),
  Content: list(z.looseObject({ Time: int, Value: z.number() })),
});
export type QualitySeries = z.infer<typeof qualitySeriesSchema>;

export const callDetailResponseSchema = z.looseObject({
  Total: int.optional(),
  UserList: list(userInformationSchema),
  Data: list(qualitySeriesSchema),
  RequestId: z.string().optional(),
});

export const abnormalExperienceSchema = z.looseObject({
  UserId: z.string(),
  ExperienceId: int,
  RoomId: text.optional(),
  AbnormalEventList: list(z.looseObject({ AbnormalEventId: int, PeerId: text.optional() })),
  EventTime: int,
});
export type AbnormalExperience = z.infer<typeof abnormalExperienceSchema>;

export const unusualEventResponseSchema = z.looseObject({
  Total: int.optional(),
  AbnormalExperienceList: list(abnormalExperienceSchema),
  RequestId: z.string().optional(),
});

/** What an SDK failure carries, read without trusting its shape. */
export const sdkErrorSchema = z.looseObject({
  name: z.string().optional(),
  message: z.string().optional(),
  code: z.string().optional(),
  requestId: z.string().optional(),
  httpCode: z.number().optional(),
  type: z.string().optional(),
});
