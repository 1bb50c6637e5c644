import { useTriageT } from "./triageI18n.ts";
import type { PresentAgent } from "./usePresence.ts";

export function CollisionWarning({ others }: { others: PresentAgent[] }) {
  const t = useTriageT();
  if (others.length === 0) return null;
  return (
    <div className="collision" role="status" data-testid="collision-warning">
      {others.map((other) => (
        <div key={other.userId}>
          <strong>{other.name}</strong> {other.state === "typing" ? t("alsoTyping") : t("alsoViewing")}
        </div>
      ))}
    </div>
  );
}
