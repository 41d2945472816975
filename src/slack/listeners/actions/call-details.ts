import type { App } from "@slack/bolt";
import { isCallId } from "../../../callkit/call-id.js";
import type { ButtonPayload } from "../../button-value.js";
import type { ListenerDeps } from "../../deps.js";
import { replyEphemeral } from "../../messaging/reply.js";
import { detailsAnswer } from "../answers.js";
import { replyDetails } from "../details-reply.js";
import { buttonProblem } from "../notices.js";
import { onButton } from "./click.js";

/** Renderers default a Details button's value to the callId itself: accept that too. */
function readBareCallId(value: string): ButtonPayload | undefined {
  return isCallId(value) ? { kind: "lookup", callIds: [value], lang: "en" } : undefined;
}

/** A call's details (and the story around it) as a new ephemeral reply; the list stays. */
export function register(app: App, deps: ListenerDeps): void {
  onButton(
    app,
    deps,
    "call_details",
    async ({ payload, target, userId, timeZone, zoneFellBack, client }, interaction) => {
      if (payload.kind !== "lookup") {
        interaction.outcome = "button_tampered";
        interaction.route = await replyEphemeral(
          target,
          buttonProblem("This button does not name a call. Please run `/calls` again."),
        );
        return;
      }
      interaction.understood = `lookup ${payload.callIds.join(" ")}`;
      const answer = await detailsAnswer(deps, payload.callIds, payload.lang, timeZone, {
        userId,
        zoneFellBack,
      });
      interaction.route = await replyDetails(deps, target, answer, {
        lang: payload.lang,
        timeZone,
        uploadClient: client,
      });
      if (answer.update) await replyEphemeral(target, await answer.update);
    },
    readBareCallId,
  );
}
