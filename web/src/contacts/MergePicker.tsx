import { useEffect, useState } from "react";
import { PlatformBadge } from "../ConversationList.tsx";
import { type ContactHit, contactApi } from "./contactApi.ts";
import { useContactsT } from "./contactsI18n.ts";

/** Finds another customer by name to merge into this one: merging by hand, when no suggestion shows. */
export function MergePicker({
  contactId,
  onMerge,
}: {
  contactId: string;
  onMerge: (id: string, name: string) => void;
}) {
  const t = useContactsT();
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<ContactHit[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) {
      setHits([]);
      return;
    }
    const timer = setTimeout(() => {
      contactApi.find(q).then(
        (found) => setHits(found.filter((hit) => hit.id !== contactId)),
        () => setHits([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q, contactId]);
  return (
    <div className="merge-picker">
      <input
        type="search"
        value={q}
        placeholder={t("findToMerge")}
        aria-label={t("findToMerge")}
        data-testid="merge-search"
        onChange={(e) => setQ(e.target.value)}
      />
      <ul data-testid="merge-candidates">
        {hits.map((hit) => (
          <li key={hit.id}>
            {hit.platforms.map((platform) => (
              <PlatformBadge key={platform} platform={platform} />
            ))}{" "}
            {hit.displayName}{" "}
            <span className="muted">{t("conversationsCount", { n: hit.conversationCount })}</span>{" "}
            <button type="button" onClick={() => onMerge(hit.id, hit.displayName)}>
              {t("mergeHere")}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
