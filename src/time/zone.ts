// Building an Intl formatter costs ~0.3 ms: remember the answer per zone name (bounded).
const validity = new Map<string, boolean>();

/** Whether the runtime knows this IANA zone name (Intl throws a RangeError for unknown ones). */
export function isIanaZone(zone: string): boolean {
  if (typeof zone !== "string" || zone === "") return false;
  const known = validity.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (validity.size < 1000) validity.set(zone, valid);
  return valid;
}

/** The time zone if the runtime knows it, else UTC (a bad `tz` must not break a reply). */
export function safeTimeZone(timeZone: string): string {
  return isIanaZone(timeZone) ? timeZone : "UTC";
}

/** The machine's own zone (the CLI's and the demo's default). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
