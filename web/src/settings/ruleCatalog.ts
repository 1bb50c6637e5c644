import type { Option } from "../components/Select.tsx";
import type { Agent, Category, ChannelSummary, Team } from "./settingsApi.ts";

/** The workspace's own things a rule can name, for the builder's drop-downs. */
export interface RuleCatalog {
  teams: Team[];
  people: Agent[];
  categories: Category[];
  channels: ChannelSummary[];
}

/** Options for a field whose values are the workspace's ids or keys; undefined when any text goes. */
export function optionsForField(field: string, catalog: RuleCatalog): Option[] | undefined {
  switch (field) {
    case "team_id":
      return catalog.teams.map((t) => ({ value: t.id, label: t.name }));
    case "assignee_id":
      return catalog.people.map((p) => ({ value: p.id, label: p.name }));
    case "channel_id":
      return catalog.channels.map((c) => ({ value: c.id, label: c.name }));
    case "category":
      return catalog.categories.map((c) => ({ value: c.key, label: c.name }));
    default:
      return undefined;
  }
}

/** Each action type and the fields its form shows, in the order the API schema lists them. */
export const ACTION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  assign_agent: ["userId"],
  assign_team: ["teamId"],
  set_category: ["categoryKey"],
  set_priority: ["priority"],
  set_status: ["status"],
  add_label: ["label"],
  remove_label: ["label"],
  send_canned_reply: ["cannedReplyId", "visibility"],
  private_reply: ["text"],
  hide_comment: [],
  notify: ["userIds", "teamId", "text"],
  call_webhook: ["url"],
};

export const ACTION_TYPES = Object.keys(ACTION_FIELDS);
