/**
 * Colours chosen for Slack's light and dark themes alike: every chart is drawn on an opaque
 * light card (BACKGROUND), so dark text and these mid-tone series read the same in both themes.
 */

export const BACKGROUND = "#ffffff";
export const TEXT = "#1d1c1d";
export const MUTED_TEXT = "#616061";
export const GRID_LINE = "#e4e4e4";
export const COMPARISON_LINE = "#1d1c1d";

const RESULT_COLOURS: Record<string, string> = {
  normal_end: "#2e9d5b",
  interrupt: "#e8912d",
  cancel: "#8d99a6",
  reject: "#d64545",
  not_answer: "#8e5ad6",
  call_busy: "#c79a00",
  offline: "#3d6fd1",
};

const OTHER_COLOURS = ["#6b4f3a", "#1f8a99", "#b04e8d", "#5a6b2e"];

/** Completed first, then the failure kinds, then results we do not know (stable order). */
export const RESULT_ORDER = Object.keys(RESULT_COLOURS);

export function resultColour(result: string, otherIndex = 0): string {
  return RESULT_COLOURS[result] ?? OTHER_COLOURS[otherIndex % OTHER_COLOURS.length] ?? "#777777";
}

/** The results in drawing order: the known ones in RESULT_ORDER, then the rest by name. */
export function orderResults(results: Iterable<string>): string[] {
  const all = [...new Set(results)];
  const known = RESULT_ORDER.filter((r) => all.includes(r));
  const other = all.filter((r) => !RESULT_ORDER.includes(r)).sort();
  return [...known, ...other];
}

/** The font families drawn, Latin first; png.ts loads both from node_modules. */
export const FONT_FAMILY = "DejaVu Sans, Noto Sans Hans";
