/** Everything the Slack glue, the CLI and the demo render with. */
export { renderAccessDenied } from "./access.js";
export { renderParseError } from "./errors.js";
export { renderFailure } from "./failure.js";
export { formatDuration, formatRatio, localTime, slackDate } from "./format.js";
export { renderHelp } from "./help.js";
export { type KnownBlock, LIMITS, limitViolations, type SlackMessage } from "./limits.js";
export { type LookupRenderContext, renderLookup } from "./lookup.js";
export { renderSearch, type SearchRenderContext } from "./search.js";
export { withSharedBy } from "./share.js";
export { resultLabel } from "./text.js";
