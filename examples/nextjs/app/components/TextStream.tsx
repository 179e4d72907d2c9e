'use client';
import { FalStreamText, useFalStream } from '@falkit/react';
import { type FormEvent, useState } from 'react';

interface LlmInput {
  prompt: string;
}
interface LlmEvent {
  output: string;
  partial: boolean;
}

/** `useFalStream`: server-sent events through the proxy, rendered as they arrive. */
export function TextStream() {
  const [prompt, setPrompt] = useState('Say hello');
  const stream = useFalStream<'fal-ai/any-llm', LlmInput, LlmEvent>('fal-ai/any-llm');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void stream.start({ prompt });
  }

  return (
    <section aria-labelledby="stream-heading">
      <h2 id="stream-heading">Text (streaming, useFalStream)</h2>
      <form onSubmit={onSubmit}>
        <label>
          Prompt <input name="stream-prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} />
        </label>{' '}
        <button type="submit" disabled={stream.isPending}>
          Stream
        </button>{' '}
        <button type="button" onClick={stream.stop} disabled={!stream.isPending}>
          Stop
        </button>
      </form>
      <FalStreamText
        text={stream.data?.output}
        status={stream.status}
        error={stream.error}
        label="Streamed answer"
        data-testid="stream-text"
      />
    </section>
  );
}
