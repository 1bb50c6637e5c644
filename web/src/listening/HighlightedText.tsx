import type { Hit } from "./listeningApi.ts";

/** Marks matched spans; every piece is a React text child, so customer text stays inert. */
export function HighlightedText({ text, hits }: { text: string; hits: Hit[] }) {
  const spans = [...hits].sort((a, b) => a.start - b.start);
  const parts: { text: string; hit?: Hit }[] = [];
  let at = 0;
  for (const hit of spans) {
    if (hit.start < at || hit.end > text.length) continue;
    if (hit.start > at) parts.push({ text: text.slice(at, hit.start) });
    parts.push({ text: text.slice(hit.start, hit.end), hit });
    at = hit.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return (
    <p className="text">
      {parts.map((part, i) =>
        part.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable text
          <mark key={i} title={`${part.hit.term} → ${part.hit.variant} (${part.hit.kind})`}>
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable text
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
