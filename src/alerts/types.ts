// The rule schemas live with the query language's types (src/query/alert-rule.ts) so the store,
// a leaf that may read query types only, parses stored rules with the same schemas.
export * from "../query/alert-rule.js";
