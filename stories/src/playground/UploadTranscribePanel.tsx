import { FalDropZone, FalQueueStatus, useFalSubscribe } from '@falkit/react';
import { useId, useRef, useState } from 'react';
import { sampleWavFile } from './sampleWav';

interface WhisperOutput {
  text: string;
  chunks: Array<{ timestamp: [number, number]; text: string }>;
}

/** Upload a WAV with per-file progress, then transcribe the uploaded file with whisper. */
export function UploadTranscribePanel() {
  const titleId = useId();
  const zoneRef = useRef<HTMLDivElement>(null);
  const [audioUrl, setAudioUrl] = useState<string>();
  const whisper = useFalSubscribe<string, { audio_url: string }, WhisperOutput>('fal-ai/whisper', undefined, {
    logs: true,
  });

  const pickSample = () => {
    const input = zoneRef.current?.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) return;
    const transfer = new DataTransfer();
    transfer.items.add(sampleWavFile());
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Upload, then transcribe</h2>
      <p className="panel-endpoint">
        <code>{'<FalDropZone>'}</code> + <code>useFalSubscribe('fal-ai/whisper')</code>
      </p>
      <div ref={zoneRef}>
        <FalDropZone
          accept={['audio/wav', 'audio/x-wav', '.wav']}
          maxSize={25 * 1024 * 1024}
          label="Upload a WAV file"
          hint="WAV audio, up to 25 MB"
          onUploaded={({ url }) => {
            setAudioUrl(url);
            void whisper.submit({ audio_url: url });
          }}
        />
      </div>
      <div className="panel-actions">
        <button type="button" onClick={pickSample}>
          Use a sample WAV
        </button>
        {audioUrl ? (
          <button type="button" onClick={() => void whisper.submit({ audio_url: audioUrl })}>
            Transcribe again
          </button>
        ) : null}
      </div>
      <FalQueueStatus status={whisper.status} queuePosition={whisper.queuePosition} error={whisper.error} />
      {whisper.data ? (
        <blockquote className="transcript" data-testid="transcript">
          {whisper.data.text}
        </blockquote>
      ) : null}
    </section>
  );
}
