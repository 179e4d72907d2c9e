/** What a RIFF/WAVE header says about the audio it holds. */
export interface WavInfo {
  /** 1 = PCM, 3 = IEEE float, 0xfffe = extensible, … */
  format: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
  durationSeconds: number;
}

function tag(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

/** Reads the `fmt ` and `data` chunks; undefined when the bytes are not a usable WAV file. */
export function readWavHeader(bytes: Uint8Array): WavInfo | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (tag(view, 0) !== 'RIFF' || tag(view, 8) !== 'WAVE') return undefined;
  let format: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ' && size >= 16 && body + 16 <= bytes.length) {
      format = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === 'data' && format) {
      // Streaming writers leave the size at 0 or 0xffffffff; trust the bytes actually present then.
      const dataBytes =
        size === 0 || size === 0xffffffff ? bytes.length - body : Math.min(size, bytes.length - body);
      const bytesPerSecond = (format.sampleRate * format.channels * format.bitsPerSample) / 8;
      if (!(bytesPerSecond > 0)) return undefined;
      return { ...format, dataBytes, durationSeconds: dataBytes / bytesPerSecond };
    }
    offset = body + size + (size % 2);
  }
  return undefined;
}
