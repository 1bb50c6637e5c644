import { type FormEvent, useCallback, useState } from "react";

export interface Request {
  /** True while a request is in flight, so its button can be held against a second click. */
  busy: boolean;
  /** Why the last request failed; cleared when the next one starts. */
  error: unknown;
  /** Resolves to whether the request succeeded: failures are kept in `error`, never thrown. */
  run: (request: () => Promise<unknown>) => Promise<boolean>;
}

export function useRequest(): Request {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}

/** A form's submit handler: sends, then hands over to `onSaved`; a refusal stays on the form to be fixed. */
export function useSubmit(
  send: () => Promise<unknown>,
  onSaved: () => void,
): Request & { submit: (event: FormEvent) => void } {
  const request = useRequest();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void request.run(send).then((saved) => {
      if (saved) onSaved();
    });
  };
  return { ...request, submit };
}
