import type { types } from "@slack/bolt";
import { CALL_TYPES, MEDIA_TYPES } from "../../callkit/schemas.js";
import type { Lang } from "../../query/types.js";
import { FORM_TEXT } from "../copy.js";
import {
  encodeOrigin,
  FORM_BLOCKS,
  type FormOrigin,
  RANGE_CHOICES,
  RESULT_CHOICES,
  USER_ROLES,
} from "../search-form.js";
import { context, section, truncate } from "./limits.js";

/** The search form's modal: pure, within Slack's view limits (title/submit/close ≤ 24). */

export const SEARCH_FORM_CALLBACK = "search_form";

export interface SearchFormContext {
  lang: Lang;
  timeZone: string;
  /** Today in the user's zone, YYYY-MM-DD: the date pickers start there. */
  today: string;
  origin: FormOrigin;
}

const plain = (text: string, max = 150) => ({
  type: "plain_text" as const,
  text: truncate(text, max),
});
const opt = (value: string, text: string) => ({ text: plain(text, 75), value });

function input(
  block: string,
  label: string,
  element: Record<string, unknown>,
  options: { optional?: boolean; hint?: string } = {},
): types.KnownBlock {
  return {
    type: "input",
    block_id: block,
    label: plain(label, 2000),
    optional: options.optional ?? true,
    ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
    element: { ...element, action_id: block },
  } as types.KnownBlock;
}

export function renderSearchForm(ctx: SearchFormContext): types.ModalView {
  const t = FORM_TEXT[ctx.lang];
  const presets = RANGE_CHOICES.map((choice) => opt(choice, t.presets[choice]));
  const results = RESULT_CHOICES.map((choice) => opt(choice, t.resultLabels[choice]));
  const roles = USER_ROLES.map((role) => opt(role, t.roleLabels[role]));
  const blocks: types.KnownBlock[] = [
    section(t.intro),
    input(
      FORM_BLOCKS.range,
      t.range,
      { type: "static_select", options: presets, initial_option: presets[2] },
      { optional: false },
    ),
    input(FORM_BLOCKS.startDate, t.startDate, { type: "datepicker", initial_date: ctx.today }),
    input(FORM_BLOCKS.startTime, t.startTime, { type: "timepicker", initial_time: "00:00" }),
    input(FORM_BLOCKS.endDate, t.endDate, { type: "datepicker", initial_date: ctx.today }),
    input(FORM_BLOCKS.endTime, t.endTime, { type: "timepicker", initial_time: "23:59" }),
    context(t.zoneHint(ctx.timeZone)),
    input(FORM_BLOCKS.results, t.results, {
      type: "multi_static_select",
      options: results,
      placeholder: plain(t.anyResult),
    }),
    input(FORM_BLOCKS.callTypes, t.callTypes, {
      type: "checkboxes",
      options: CALL_TYPES.map((k) => opt(k, t.typeLabels[k])),
    }),
    input(FORM_BLOCKS.media, t.media, {
      type: "checkboxes",
      options: MEDIA_TYPES.map((k) => opt(k, t.mediaLabels[k])),
    }),
    input(
      FORM_BLOCKS.users,
      t.users,
      { type: "plain_text_input", max_length: 700 },
      { hint: t.usersHint },
    ),
    input(FORM_BLOCKS.role, t.role, {
      type: "static_select",
      options: roles,
      initial_option: roles[0],
    }),
  ];
  return {
    type: "modal",
    callback_id: SEARCH_FORM_CALLBACK,
    title: plain(t.title, 24),
    submit: plain(t.submit, 24),
    close: plain(t.close, 24),
    private_metadata: encodeOrigin(ctx.origin),
    blocks,
  };
}
