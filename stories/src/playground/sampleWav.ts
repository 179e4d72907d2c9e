/** A short sine-tone WAV (16-bit PCM, mono) made in the browser, for trying the upload without a file. */
export function sampleWavFile(seconds = 1.5, frequency = 440, sampleRate = 16_000): File {
  const samples = Math.round(seconds * sampleRate);
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index++) view.setUint8(offset + index, text.charCodeAt(index));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let index = 0; index < samples; index++) {
    const value = Math.sin((2 * Math.PI * frequency * index) / sampleRate) * 0.3;
    view.setInt16(44 + index * 2, Math.round(value * 0x7fff), true);
  }
  return new File([buffer], 'tone.wav', { type: 'audio/wav' });
}
