/**
 * What a callId looks like: TUICallKit's ids are UUIDs. One definition for the query language
 * (a bare callId is a lookup), the message shortcut (every callId in an alert) and button values.
 * Word boundaries keep a UUID-shaped run inside a longer hex token from being taken for one.
 */

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ANYWHERE = new RegExp(`\\b${UUID}\\b`, "gi");
const WHOLE = new RegExp(`^${UUID}$`, "i");

/** Every callId in the text, lower-cased, without repeats, in order of appearance. */
export function findCallIds(text: string): string[] {
  return [...new Set([...text.matchAll(ANYWHERE)].map((match) => match[0].toLowerCase()))];
}

export function isCallId(text: string): boolean {
  return WHOLE.test(text);
}
