import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FakeSlack } from "../testbed/slack-standin/fake-slack.js";

/**
 * The demo's pictures: a reply whose image block names an uploaded file (`slack_file.id`) gets
 * that file, as the stand-in for Slack received it, written to `dir`, so the chart Slack would
 * show can be opened beside the rendered reply.
 */
export async function writeReplyCharts(
  message: { blocks?: unknown[] },
  slack: Pick<FakeSlack, "files">,
  dir: string,
): Promise<string[]> {
  const ids = (message.blocks ?? []).flatMap((block) => {
    const b = block as { type?: unknown; slack_file?: { id?: unknown } };
    return b.type === "image" && typeof b.slack_file?.id === "string" ? [b.slack_file.id] : [];
  });
  if (ids.length === 0) return [];
  const files = slack.files();
  const paths: string[] = [];
  for (const id of ids) {
    const file = files.find((f) => f.id === id);
    if (!file?.bytes) continue;
    await mkdir(dir, { recursive: true });
    // The stand-in's id keeps two digests of one day apart; the name keeps what Slack was told.
    const path = join(dir, file.filename.replace(/[^\w.-]+/g, "_"));
    await writeFile(path, file.bytes);
    paths.push(path);
  }
  return paths;
}
