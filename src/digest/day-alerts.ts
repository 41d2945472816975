/** One alert episode of the day, as the digest lists it (rule 0: callscope could not see calls). */
export interface DigestAlert {
  ruleNumber: number;
  /** The rule in words, as it was when the episode opened. */
  rule: string;
  openedAt: Date;
  resolvedAt?: Date;
  peak: number;
  unit: "percent" | "count";
}
