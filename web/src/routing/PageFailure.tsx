import { Link } from "@tanstack/react-router";
import { useT } from "../hooks.ts";

/**
 * A page that failed to render says so in the viewer's language and offers a way on, instead of the
 * router's bare default; the top bar stays, so the rest of the app remains usable.
 */
export function PageFailure({ error }: { error: unknown }) {
  const t = useT();
  console.error(error);
  return (
    <main className="page page-failure" role="alert">
      <h1>{t("pageFailed")}</h1>
      <p className="muted">{error instanceof Error ? error.message : String(error)}</p>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        {t("reloadPage")}
      </button>
    </main>
  );
}

export function PageNotFound() {
  const t = useT();
  return (
    <main className="page page-failure">
      <h1>{t("pageNotFound")}</h1>
      <Link to="/inbox">{t("inbox")}</Link>
    </main>
  );
}
