/**
 * The X API v2 shapes Parley reads, after xdevplatform/twitter-api-typescript-sdk's generated OpenAPI types
 * (PLATFORMS.md §9). Every id is a string: X's ids are 64-bit and v2 writes them quoted.
 */
export interface XTweet {
  id: string;
  text: string;
  /** Every version of the post, oldest first: [0] is the logical post an edit keeps. */
  edit_history_tweet_ids?: string[];
  author_id?: string;
  conversation_id?: string;
  created_at?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: "retweeted" | "quoted" | "replied_to"; id: string }[];
  entities?: { mentions?: { start: number; end: number; username: string; id?: string }[] };
  lang?: string;
  public_metrics?: Record<string, number>;
}

export interface XUser {
  id: string;
  name: string;
  username: string;
  public_metrics?: { followers_count?: number };
  verified?: boolean;
}

export interface XIncludes {
  users?: XUser[];
  tweets?: XTweet[];
}

/** One line of the filtered stream, and the shape Parley stores every post in (a timeline page is cut into these). */
export interface XTweetEnvelope {
  data: XTweet;
  includes?: XIncludes;
  matching_rules?: { id: string; tag?: string }[];
  /** Parley's own note of where the post came from: "stream" lines may be listening captures. */
  parley_source?: "stream" | "mentions";
}

/** GET /2/dm_events item (DmEvent). */
export interface XDmEvent {
  id: string;
  event_type: "MessageCreate" | "ParticipantsJoin" | "ParticipantsLeave" | string;
  text?: string;
  sender_id?: string;
  dm_conversation_id?: string;
  created_at?: string;
  participant_ids?: string[];
}

export interface XDmEnvelope {
  data: XDmEvent;
  includes?: XIncludes;
}

/** Account Activity API: one direct_message_events item with the users it names (v1.1 shape, ids as strings). */
export interface XActivityDm {
  for_user_id: string;
  direct_message_events: {
    type: string;
    id: string;
    created_timestamp: string;
    message_create: {
      target: { recipient_id: string };
      sender_id: string;
      message_data: { text: string };
    };
  }[];
  users?: Record<string, { id: string; name: string; screen_name: string; followers_count?: number }>;
}

/** RFC 7807 problem as X writes it (Problem and its subtypes), or the legacy envelope. */
export interface XProblem {
  title?: string;
  detail?: string;
  type?: string;
  status?: number;
  period?: string;
  scope?: string;
}

export interface XErrorBody extends XProblem {
  errors?: ({ code?: number; message?: string } & XProblem)[];
}

export interface XRule {
  id: string;
  value: string;
  tag?: string;
}
