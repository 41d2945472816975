import { z } from "zod";
import { DIAGNOSIS_VERSION } from "./model.js";

/** The Diagnosis as read back from the archive: the same shape as model.ts, checked. */

const percentiles = z.object({
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  max: z.number(),
  samples: z.number().int(),
});

const cause = z.enum([
  "network_lost",
  "background",
  "no_network_permission",
  "no_mic_permission",
  "no_camera_permission",
  "camera_failed",
  "enter_failed",
  "server_timeout",
  "left_timeout",
  "kicked",
  "web_signal_lost",
  "web_media_lost",
  "backend_signal_lost",
]);

const verdict = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("event"),
    userId: z.string(),
    cause,
    eventId: z.number().int(),
    paramOne: z.number().int(),
    secondsBeforeEnd: z.number(),
    callResult: z.string(),
    rttBeforeMs: z.number().optional(),
  }),
  z.object({
    kind: z.literal("abnormal"),
    userId: z.string(),
    experienceId: z.number().int(),
    eventId: z.number().int().optional(),
    peerId: z.string().optional(),
    callResult: z.string(),
  }),
  z.object({
    kind: z.literal("high_rtt"),
    userId: z.string(),
    rttBeforeMs: z.number(),
    callResult: z.string(),
  }),
  z.object({ kind: z.literal("no_room"), callResult: z.string() }),
  z.object({ kind: z.literal("nothing_found"), callResult: z.string() }),
]);

export const diagnosisSchema = z.object({
  version: z.literal(DIAGNOSIS_VERSION),
  callId: z.string(),
  roomId: z.string(),
  callResult: z.string(),
  callStart: z.number().int(),
  callEnd: z.number().int(),
  fetchedAt: z.number().int(),
  status: z.enum(["found", "no_room"]),
  room: z
    .object({
      commId: z.string(),
      createTime: z.number().int(),
      destroyTime: z.number().int().optional(),
    })
    .optional(),
  participants: z.array(
    z.object({
      userId: z.string(),
      entered: z.boolean(),
      joinTs: z.number().int().optional(),
      leaveTs: z.number().int().optional(),
      device: z.string().optional(),
      sdkVersion: z.string().optional(),
      clientIp: z.string().optional(),
    }),
  ),
  events: z.array(
    z.object({
      userId: z.string(),
      peerId: z.string(),
      timeMs: z.number().int(),
      eventId: z.number().int(),
      paramOne: z.number().int(),
      paramTwo: z.number().int(),
      cause: cause.optional(),
    }),
  ),
  abnormal: z.array(
    z.object({
      userId: z.string(),
      experienceId: z.number().int(),
      eventTime: z.number().int(),
      causes: z.array(z.object({ eventId: z.number().int(), peerId: z.string() })),
    }),
  ),
  quality: z.array(
    z.object({
      userId: z.string(),
      metrics: z.record(z.string(), percentiles),
      rttBeforeEndMs: z.number().optional(),
    }),
  ),
  verdict,
  gaps: z.array(
    z.object({
      part: z.enum(["users", "events", "quality", "abnormal"]),
      kind: z.string(),
      userId: z.string().optional(),
    }),
  ),
});
