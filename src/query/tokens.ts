import { re, type Text } from "./text.js";

/**
 * Entity tokens: user ids, room ids, page sizes and callIds. They are consumed before any time
 * parsing, so the numbers in them (`user 20261125`, `room 7 at 9`) are never read as dates.
 */

export interface Entities {
  caller: string[];
  callee: string[];
  either: string[];
  rooms: string[];
  pageSize?: number;
}

const ID = "[A-Za-z0-9_@.\\-]*[A-Za-z0-9_]";
const IDS = `${ID}(?:\\s*,\\s*${ID})*`;

const TIME_WORDS =
  /^(?:now|noon|midnight|today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|mon|monday|tue|tues|tuesday|wed|wednesday|thu|thurs|thursday|fri|friday|sat|saturday|sun|sunday|jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december|last|this|the|next|a|an)$/;

/** Could this token after `from`/`to` start a time rather than be a user id? */
export function looksLikeTime(token: string): boolean {
  const word = token.toLowerCase();
  if (TIME_WORDS.test(word)) return true;
  const clock = /^(\d{1,2})(?:[:.]\d{2})?(?:am|pm|a|p|h)?$/.exec(word);
  if (clock) return Number(clock[1]) <= 24;
  return /^\d{1,4}[/-]\d{1,2}(?:[/-]\d{1,4})?$/.test(word);
}

function ids(raw: string): string[] {
  return raw.split(/\s*,\s*/).filter((id) => id.length > 0);
}

/** Consumes user, room and page-size tokens. */
export function takeEntities(text: Text): Entities {
  const entities: Entities = { caller: [], callee: [], either: [], rooms: [] };
  const role = (list: string[], timeAware: boolean) => (match: RegExpExecArray) => {
    const group = match[1] ?? "";
    const start = match.index + match[0].length - group.length;
    const raw = text.slice(start, start + group.length);
    if (timeAware && looksLikeTime(raw.split(/\s*,\s*/)[0] ?? raw)) return false;
    list.push(...ids(raw));
    return true;
  };
  // English: the keyword must stand alone; `from`/`to` yield to times (`from 3pm to 5pm`).
  text.take(
    re(`(?<![\\w])(?:callers?)(?![\\w])\\s*[:=]?\\s*(${IDS})`),
    role(entities.caller, false),
  );
  text.take(
    re(`(?<![\\w])(?:callees?)(?![\\w])\\s*[:=]?\\s*(${IDS})`),
    role(entities.callee, false),
  );
  text.take(
    re(`(?<![\\w])(?:users?|uid|userid|user_id|involving)(?![\\w])\\s*[:=]?\\s*(${IDS})`),
    role(entities.either, false),
  );
  text.take(
    re(`(?<![\\w])(?:rooms?|roomid|room_id|room id)(?![\\w])\\s*[:=#]?\\s*(${IDS})`),
    role(entities.rooms, false),
  );
  text.take(re(`(?<![\\w])from\\s+(${IDS})`), role(entities.caller, true));
  text.take(re(`(?<![\\w])(?<!one[\\s-]+)to\\s+(${IDS})`), role(entities.callee, true));
  text.take(re(`(?<![\\w])with\\s+(${IDS})`), role(entities.either, true));
  // Chinese: ids are Latin letters and digits, so they end where the Chinese resumes.
  const zhId = "([A-Za-z0-9_@.\\-]+(?:\\s*[,，]\\s*[A-Za-z0-9_@.\\-]+)*)";
  const zhRole = (list: string[]) => (match: RegExpExecArray) => {
    const group = match[1] ?? "";
    const start = match.index + match[0].length - group.length;
    list.push(
      ...text
        .slice(start, start + group.length)
        .split(/\s*[,，]\s*/)
        .filter(Boolean),
    );
  };
  text.take(
    re(`(?:主叫|呼叫方|发起人|发起方)(?:号码|用户|方)?\\s*[:：=]?\\s*${zhId}`),
    zhRole(entities.caller),
  );
  text.take(
    re(`(?:被叫|接听方|接收方)(?:号码|用户|方)?\\s*[:：=]?\\s*${zhId}`),
    zhRole(entities.callee),
  );
  text.take(re(`(?:用户|账号)\\s*[:：=]?\\s*${zhId}`), zhRole(entities.either));
  text.take(re(`房间号?\\s*[:：=#]?\\s*${zhId}`), zhRole(entities.rooms));
  // Page size: `limit 50`, `top 50`, `50 per page`, `每页50条`, `前50条`.
  const size = (match: RegExpExecArray) => {
    const value = Number(match[1] ?? match[2]);
    entities.pageSize = Math.min(100, Math.max(1, value));
  };
  text.take(
    /(?<![\w])(?:limit|top|first|page size|pagesize)\s*(\d{1,4})(?![\w:])|(?<![\w])(\d{1,4})\s*(?:per page|a page|rows)(?![\w])/g,
    size,
  );
  text.take(/(?:每页|前)\s*(\d{1,4})\s*条|(?<![\w])(\d{1,4})\s*条/g, size);
  return entities;
}
