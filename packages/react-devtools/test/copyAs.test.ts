import { describe, expect, it } from 'vitest';
import type { DevtoolsEntry } from '../src/devtoolsEntry';
import { toCode, toCurl } from '../src/panel/copyAs';

const entry = (partial: Partial<DevtoolsEntry>): DevtoolsEntry => ({
  key: 'k',
  kind: 'queue',
  endpointId: 'fal-ai/flux/dev',
  status: 'success',
  requestId: 'r',
  input: { prompt: "it's a lighthouse" },
  output: undefined,
  error: undefined,
  logs: [],
  submittedAt: undefined,
  startedAt: undefined,
  completedAt: undefined,
  queueHistory: [],
  attempts: 0,
  lastRetryReason: undefined,
  observers: 0,
  gcExpiresAt: undefined,
  options: { logs: true, priority: 'low', webhookUrl: 'https://example.com/hook?a=1' },
  ...partial,
});

describe('copy as curl / as code', () => {
  it('builds a curl command for the queue that reads the key from $FAL_KEY', () => {
    const curl = toCurl(entry({}));
    expect(curl).toContain(
      "curl -X POST 'https://queue.fal.run/fal-ai/flux/dev?fal_webhook=https%3A%2F%2Fexample.com%2Fhook%3Fa%3D1'",
    );
    expect(curl).toContain('-H "Authorization: Key $FAL_KEY"');
    expect(curl).toContain("-H 'X-Fal-Queue-Priority: low'");
    // A single quote in the input is closed, escaped and reopened for the shell.
    expect(curl).toContain(`-d '{"prompt":"it'\\''s a lighthouse"}'`);
  });

  it('targets the emulator origin and fal.run for a direct run', () => {
    expect(toCurl(entry({ kind: 'run', options: {} }), 'http://127.0.0.1:8787/')).toContain(
      "curl -X POST 'http://127.0.0.1:8787/fal.run/fal-ai/flux/dev'",
    );
  });

  it('writes fal.subscribe with the queue options, fal.run with only the run options', () => {
    expect(toCode(entry({}))).toBe(
      [
        "import { fal } from '@falkit/core';",
        '',
        'const { data, requestId } = await fal.subscribe("fal-ai/flux/dev", {',
        '  "input": {',
        '    "prompt": "it\'s a lighthouse"',
        '  },',
        '  "logs": true,',
        '  "priority": "low",',
        '  "webhookUrl": "https://example.com/hook?a=1"',
        '});',
      ].join('\n'),
    );
    const run = toCode(entry({ kind: 'run', options: { logs: true, timeout: 5000 } }));
    expect(run).toContain('await fal.run("fal-ai/flux/dev", {');
    expect(run).toContain('"timeout": 5000');
    expect(run).not.toContain('"logs"');
  });
});
