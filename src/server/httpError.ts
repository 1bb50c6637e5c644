import { ActionRejectedError } from "../outbox/replySender.ts";

/** Every API error leaves the server in one JSON shape: { error: { code, message, details? } }. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new HttpError(404, "not_found", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") =>
  new HttpError(403, "forbidden", message);

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** A reply or action the rules refuse (empty, outside the window, not supported) is 422; a missing target 404. */
export function refusalToHttp(err: unknown): unknown {
  if (err instanceof ActionRejectedError)
    return new HttpError(err.code === "not_found" ? 404 : 422, err.code, err.message);
  return err;
}
