/** Reads the `data:` payloads of a Server-Sent Events body, one string per event, as they arrive. */
export async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .getReader();
  let buffer = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut = buffer.search(/\r?\n/);
      while (cut !== -1) {
        const line = buffer.slice(0, cut);
        buffer = buffer.slice(buffer[cut] === '\r' ? cut + 2 : cut + 1);
        if (line === '') {
          if (data.length) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        cut = buffer.search(/\r?\n/);
      }
    }
    if (data.length) yield data.join('\n');
  } finally {
    await reader.cancel().catch(() => {});
  }
}
