import { platformError } from '../http/jsonResponse.js';
import type { QueuePriority } from '../queue/job.js';

export interface RequestOptions {
  priority: QueuePriority;
  hint?: string;
  startTimeoutSeconds?: number;
  lifecycleSeconds?: number;
  webhookUrl?: string;
}

/** Reads the `x-fal-*` controls of a run or submit; a malformed one gets fal's 400 `bad_request`. */
export function readRequestOptions(
  request: Request,
  url: URL,
): { ok: true; value: RequestOptions } | { ok: false; response: Response } {
  const bad = (detail: string) => ({
    ok: false as const,
    response: platformError(400, detail, 'bad_request'),
  });
  const options: RequestOptions = { priority: 'normal' };

  const priority = request.headers.get('x-fal-queue-priority');
  if (priority !== null) {
    const normalized = priority.trim().toLowerCase();
    if (normalized !== 'normal' && normalized !== 'low') {
      return bad(`Invalid x-fal-queue-priority header: '${priority}' (expected 'normal' or 'low')`);
    }
    options.priority = normalized;
  }

  const timeout = request.headers.get('x-fal-request-timeout');
  if (timeout !== null) {
    // JS sends "30", PY sends "30.0": both are float seconds. fal's minimum is above 0.1 s.
    const seconds = /^\s*\d+(\.\d+)?\s*$/.test(timeout) ? Number.parseFloat(timeout) : Number.NaN;
    if (!Number.isFinite(seconds) || seconds <= 0.1) {
      return bad(`Invalid x-fal-request-timeout header: '${timeout}' (expected seconds greater than 0.1)`);
    }
    options.startTimeoutSeconds = seconds;
  }

  const hint = request.headers.get('x-fal-runner-hint');
  if (hint) options.hint = hint;

  const lifecycle = request.headers.get('x-fal-object-lifecycle-preference');
  if (lifecycle !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(lifecycle);
    } catch {
      return bad('Invalid x-fal-object-lifecycle-preference header: not JSON');
    }
    const seconds = (parsed as { expiration_duration_seconds?: unknown } | null)?.expiration_duration_seconds;
    if (typeof seconds === 'number' && seconds > 0) options.lifecycleSeconds = seconds;
    else if (seconds !== undefined && seconds !== null) {
      return bad(
        'Invalid x-fal-object-lifecycle-preference header: expiration_duration_seconds must be positive',
      );
    }
  }

  const webhook = url.searchParams.get('fal_webhook');
  if (webhook !== null) {
    try {
      const parsed = new URL(webhook);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('not http');
    } catch {
      return bad(`Invalid fal_webhook URL: '${webhook}'`);
    }
    options.webhookUrl = webhook;
  }
  return { ok: true, value: options };
}

/**
 * `?fal_max_queue_length=N` on a queue submit (docs/protocol.md §4.1): refuse the submit when the app
 * already has N requests waiting. Absent means no limit; anything but a non-negative integer gets
 * fal's 400 `bad_request`.
 */
export function readMaxQueueLength(
  url: URL,
): { ok: true; value: number | undefined } | { ok: false; response: Response } {
  const raw = url.searchParams.get('fal_max_queue_length');
  if (raw === null) return { ok: true, value: undefined };
  if (!/^\s*\d+\s*$/.test(raw)) {
    return {
      ok: false,
      response: platformError(
        400,
        `Invalid fal_max_queue_length: '${raw}' (expected a non-negative integer)`,
        'bad_request',
      ),
    };
  }
  return { ok: true, value: Number.parseInt(raw, 10) };
}
