import type { Text } from "./text.js";
import { type Entities, takeEntities } from "./tokens.js";
import type { CallFilter } from "./types.js";
import { emptyFilterWords, type FilterWords, takeFilterWords } from "./vocabulary.js";

/** The filter words shared by searches and digests: users and rooms first, then vocabulary. */
export function takeFilter(text: Text): {
  filter: CallFilter;
  entities: Entities;
  forks: FilterWords["forks"];
} {
  const entities = takeEntities(text);
  const words = emptyFilterWords();
  takeFilterWords(text, words);
  const filter: CallFilter = {
    results: [...words.results],
    callTypes: [...words.callTypes],
    mediaTypes: [...words.mediaTypes],
    users: {
      caller: [...new Set(entities.caller)],
      callee: [...new Set(entities.callee)],
      either: [...new Set(entities.either)],
    },
  };
  if (entities.rooms.length > 0) filter.rooms = [...new Set(entities.rooms)];
  return { filter, entities, forks: words.forks };
}

/** No words narrow it: every call. Digests and `digest now` decide "the channel's own filter" by it. */
export function isEmptyFilter(filter: CallFilter): boolean {
  const { results, callTypes, mediaTypes, users, rooms } = filter;
  return (
    results.length +
      callTypes.length +
      mediaTypes.length +
      users.caller.length +
      users.callee.length +
      users.either.length +
      (rooms?.length ?? 0) ===
    0
  );
}

/** The filter that keeps every call (a fresh object: callers may narrow it). */
export function everyCall(): CallFilter {
  return {
    results: [],
    callTypes: [],
    mediaTypes: [],
    users: { caller: [], callee: [], either: [] },
  };
}
