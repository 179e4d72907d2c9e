import { FalStreamText, useFalStream } from '@falkit/react';
import { type FormEvent, useId, useState } from 'react';

interface LlmEvent {
  output: string;
  partial?: boolean;
  error?: string | null;
}

/** Streaming LLM: tokens render as they arrive; Stop keeps what arrived. */
export function StreamPanel({ defaultPrompt = 'Write a two-sentence story about a lighthouse.' }) {
  const promptId = useId();
  const [prompt, setPrompt] = useState(defaultPrompt);
  const stream = useFalStream<string, Record<string, unknown>, LlmEvent>('fal-ai/any-llm');

  const start = (event: FormEvent) => {
    event.preventDefault();
    void stream.start({ prompt, model: 'google/gemini-flash-1.5' });
  };

  return (
    <section className="panel" aria-labelledby={`${promptId}-title`}>
      <h2 id={`${promptId}-title`}>Streaming text</h2>
      <p className="panel-endpoint">
        <code>useFalStream('fal-ai/any-llm')</code>
      </p>
      <form onSubmit={start} className="panel-form">
        <label htmlFor={promptId}>Question</label>
        <input id={promptId} value={prompt} onChange={(event) => setPrompt(event.target.value)} />
        <div className="panel-actions">
          <button type="submit" disabled={stream.isStreaming}>
            Stream
          </button>
          <button type="button" onClick={stream.stop} disabled={!stream.isStreaming}>
            Stop
          </button>
        </div>
      </form>
      <FalStreamText
        text={stream.data?.output}
        status={stream.status}
        error={stream.error}
        label="Answer"
        emptyText="The answer streams in here."
      />
    </section>
  );
}
