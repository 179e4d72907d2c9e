// biome-ignore-all lint/correctness/noComponentHookFactories: test components close over each test's emulator, client and counters.
import '@testing-library/jest-dom/vitest';
import { ValidationError } from '@falkit/core';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { useFalStream } from '../../src';
import { emulatorWithClient, listeningEmulatorWithClient, renderWithClient } from './hookTestUtils';

afterEach(cleanup);

interface LlmEvent {
  output: string;
  partial: boolean;
}

describe('useFalStream', () => {
  it('streams tokens into data and ends in success with the final event', async () => {
    const { client } = emulatorWithClient();
    const statuses: string[] = [];
    function Chat() {
      const stream = useFalStream<'fal-ai/any-llm', { prompt: string }, LlmEvent>('fal-ai/any-llm', {
        throttle: 0,
        maxEvents: 3,
      });
      statuses.push(stream.status);
      return (
        <div>
          <button type="button" onClick={() => void stream.start({ prompt: 'Hi there' })}>
            start
          </button>
          <span data-testid="status">{stream.status}</span>
          <span data-testid="partial">{String(stream.data?.partial)}</span>
          <span data-testid="events">{stream.events.length}</span>
        </div>
      );
    }
    renderWithClient(<Chat />, client, { strict: true });
    expect(screen.getByTestId('status')).toHaveTextContent('idle');
    act(() => screen.getByText('start').click());
    await waitFor(() => expect(screen.getByTestId('status')).toHaveTextContent('success'));
    expect(screen.getByTestId('partial')).toHaveTextContent('false');
    expect(screen.getByTestId('events')).toHaveTextContent('3');
    expect(statuses).toContain('streaming');
  });

  it('stop() keeps the partial output and ends in cancelled; unmount closes the connection', async () => {
    const { emulator, client, close } = await listeningEmulatorWithClient();
    onTestFinished(close);
    emulator.app('test/slow', async function* (ctx) {
      yield { token: 'partial' };
      await new Promise((_r, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('x'))));
    });
    function Slow() {
      const stream = useFalStream<'test/slow', object, { token: string }>('test/slow', { throttle: 0 });
      return (
        <div>
          <button type="button" onClick={() => void stream.start({})}>
            start
          </button>
          <button type="button" onClick={stream.stop}>
            stop
          </button>
          <span data-testid="state">{`${stream.status}:${stream.data?.token ?? ''}:${stream.isError}`}</span>
        </div>
      );
    }
    const view = renderWithClient(<Slow />, client);
    act(() => screen.getByText('start').click());
    await waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('streaming:partial:false'));
    act(() => screen.getByText('stop').click());
    await waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('cancelled:partial:false'));
    await waitFor(() => expect(emulator.openConnections()).toBe(0));

    act(() => screen.getByText('start').click());
    await waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('streaming:partial:false'));
    view.unmount();
    await waitFor(() => expect(emulator.openConnections()).toBe(0));
  });

  it('an HTTP error ends in error with the typed error (422: field errors), and start() rejects (handled)', async () => {
    const { client } = emulatorWithClient();
    const outcomes: string[] = [];
    function Bad() {
      const stream = useFalStream<'fal-ai/any-llm', object, LlmEvent>('fal-ai/any-llm', { throttle: 0 });
      const fields =
        stream.error instanceof ValidationError ? stream.error.fieldErrors.map((e) => e.loc.join('.')) : [];
      return (
        <div>
          <button
            type="button"
            onClick={() =>
              stream.start({}).then(
                () => outcomes.push('resolved'),
                (e: Error) => outcomes.push(e.name),
              )
            }
          >
            start
          </button>
          <span data-testid="state">{`${stream.status}:${stream.isError}:${fields.join(',')}`}</span>
        </div>
      );
    }
    renderWithClient(<Bad />, client);
    act(() => screen.getByText('start').click());
    await waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('error:true:body.prompt'));
    expect(outcomes).toEqual(['ValidationError']);
  });
});
