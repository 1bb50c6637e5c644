/**
 * The fields and expansions every post read asks for: the author (name, handle, followers for reach), the post
 * it answers and the account it answers, and the mentions it makes (PLATFORMS.md §9.1).
 */
export const TWEET_QUERY = {
  "tweet.fields":
    "author_id,conversation_id,created_at,edit_history_tweet_ids,entities,in_reply_to_user_id,lang,referenced_tweets",
  expansions: "author_id,referenced_tweets.id,in_reply_to_user_id,entities.mentions.username",
  "user.fields": "name,username,public_metrics,verified",
} as const;

export const DM_QUERY = {
  "dm_event.fields": "id,text,event_type,created_at,dm_conversation_id,sender_id,participant_ids",
  event_types: "MessageCreate",
  expansions: "sender_id",
  "user.fields": "name,username,public_metrics",
} as const;
