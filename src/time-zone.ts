/** Whether the runtime knows this IANA zone name (Intl throws a RangeError for unknown ones). */
export function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
