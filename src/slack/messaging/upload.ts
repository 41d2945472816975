import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { MessageChart } from "../../digest/channel.js";
import type { Logger } from "../../log.js";

/**
 * Uploading a picture with Slack's current flow (files.getUploadURLExternal, the bytes to the URL
 * it returns, files.completeUploadExternal), which is what WebClient's filesUploadV2 does. No
 * channel is given: the file stays the app's own until a message's `image` block names it by
 * `slack_file.id`, so the picture appears inside that message and nowhere else.
 *
 * Never throws: without `files:write` (missing_scope), or when any step fails, it answers
 * undefined and the message goes with its text chart instead.
 */
export async function uploadChart(
  client: webApi.WebClient,
  chart: Pick<MessageChart, "png" | "filename" | "title" | "altText">,
  logger: Logger,
): Promise<string | undefined> {
  try {
    const answer = await client.filesUploadV2({
      file: Buffer.from(chart.png),
      filename: chart.filename,
      title: chart.title,
      alt_text: chart.altText,
    });
    const id = fileIdOf(answer);
    if (!id) logger.warn("chart.upload_failed", { reason: "no file id in Slack's answer" });
    return id;
  } catch (error) {
    const coded = error as { data?: { error?: string; needed?: string } };
    if (coded.data?.error === "missing_scope")
      logger.info("chart.upload_skipped", { reason: "missing_scope", needed: coded.data.needed });
    else logger.warn("chart.upload_failed", { error });
    return undefined;
  }
}

/** filesUploadV2 answers `{ files: [completeUploadExternal's answer] }`. */
const uploadAnswerSchema = z.object({
  files: z.array(z.object({ files: z.array(z.object({ id: z.string().min(1) })).min(1) })).min(1),
});

function fileIdOf(answer: unknown): string | undefined {
  const parsed = uploadAnswerSchema.safeParse(answer);
  return parsed.success ? parsed.data.files[0]?.files[0]?.id : undefined;
}
