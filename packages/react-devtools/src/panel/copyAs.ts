/**
 * A request as a `curl` command or as `@falkit/core` code, to reproduce it outside the app. The key
 * is never included: the command reads `$FAL_KEY`.
 */
import type { DevtoolsEntry } from '../devtoolsEntry';

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** `origin` is the emulator's when the app talks to one, else fal's real hosts are used. */
export function toCurl(entry: DevtoolsEntry, origin?: string): string {
  const host = entry.kind === 'run' ? 'fal.run' : 'queue.fal.run';
  const base = origin ? `${origin.replace(/\/$/, '')}/${host}` : `https://${host}`;
  const options = entry.options ?? {};
  const query =
    typeof options.webhookUrl === 'string' ? `?fal_webhook=${encodeURIComponent(options.webhookUrl)}` : '';
  const lines = [`curl -X POST ${shellQuote(`${base}/${entry.endpointId ?? ''}${query}`)}`];
  lines.push(`-H "Authorization: Key $FAL_KEY"`, `-H 'Content-Type: application/json'`);
  if (options.priority) lines.push(`-H ${shellQuote(`X-Fal-Queue-Priority: ${String(options.priority)}`)}`);
  if (options.hint) lines.push(`-H ${shellQuote(`X-Fal-Runner-Hint: ${String(options.hint)}`)}`);
  if (options.startTimeout !== undefined) {
    lines.push(`-H ${shellQuote(`X-Fal-Request-Timeout: ${String(options.startTimeout)}`)}`);
  }
  const headers = options.headers as Record<string, string> | undefined;
  for (const [name, value] of Object.entries(headers ?? {}))
    lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  lines.push(`-d ${shellQuote(JSON.stringify(entry.input ?? {}))}`);
  return lines.join(' \\\n  ');
}

/** The request options `fal.run` takes; `fal.subscribe` takes the queue's as well. */
const runOptionKeys = ['timeout', 'startTimeout', 'headers'];
const subscribeOptionKeys = [...runOptionKeys, 'logs', 'priority', 'hint', 'webhookUrl', 'mode'];

export function toCode(entry: DevtoolsEntry): string {
  const method = entry.kind === 'run' ? 'run' : 'subscribe';
  const options: Record<string, unknown> = { input: entry.input ?? {} };
  for (const key of entry.kind === 'run' ? runOptionKeys : subscribeOptionKeys) {
    const value = entry.options?.[key];
    if (value !== undefined) options[key] = value;
  }
  const body = JSON.stringify(options, null, 2);
  return [
    "import { fal } from '@falkit/core';",
    '',
    `const { data, requestId } = await fal.${method}(${JSON.stringify(entry.endpointId ?? '')}, ${body});`,
  ].join('\n');
}
