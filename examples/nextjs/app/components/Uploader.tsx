'use client';
import { FalDropZone } from '@falkit/react';
import { useState } from 'react';

/** The drop zone: the proxy starts each upload, the bytes go straight to fal storage. */
export function Uploader() {
  const [urls, setUrls] = useState<string[]>([]);
  return (
    <section aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload (drop zone)</h2>
      <FalDropZone
        label="Upload files"
        hint="Any file up to 10 MB"
        maxSize={10 * 1024 * 1024}
        onUrlsChange={setUrls}
      >
        Drop files here or press to choose
      </FalDropZone>
      <ul data-testid="uploaded-urls">
        {urls.map((url) => (
          <li key={url}>
            <a href={url}>{url}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
