/**
 * Optional allow-lists. An empty list means "everyone"; when both are set, the user AND the
 * channel must be allowed. Checked before any upstream request is made.
 */

export interface AccessPolicy {
  allows(who: { userId: string; channelId?: string }): boolean;
}

export function createAccessPolicy(lists: {
  allowedUserIds: readonly string[];
  allowedChannelIds: readonly string[];
}): AccessPolicy {
  const users = new Set(lists.allowedUserIds);
  const channels = new Set(lists.allowedChannelIds);
  return {
    allows({ userId, channelId }) {
      if (users.size > 0 && !users.has(userId)) return false;
      if (channels.size > 0 && (channelId === undefined || !channels.has(channelId))) return false;
      return true;
    },
  };
}
