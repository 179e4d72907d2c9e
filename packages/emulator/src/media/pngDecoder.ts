/** Decodes 8-bit, non-interlaced PNGs (grey, grey+alpha, RGB, RGBA, palette) to RGB on `DecompressionStream`. */

export interface DecodedImage {
  width: number;
  height: number;
  /** width × height × 3 bytes, row-major; alpha is composited over white. */
  rgb: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((value, index) => bytes[index] === value);
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** The decoded picture, or undefined for a PNG this decoder does not read (or not a PNG). */
export async function decodePng(bytes: Uint8Array): Promise<DecodedImage | undefined> {
  if (!isPng(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Uint8Array | undefined;
  const data: Uint8Array[] = [];
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const depth = body[8];
      colorType = body[9]!;
      if (depth !== 8 || body[12] !== 0 || !(colorType in CHANNELS)) return undefined;
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!width || !height || data.length === 0 || (colorType === 3 && !palette)) return undefined;
  let raw: Uint8Array;
  try {
    raw = await inflate(new Uint8Array(await new Blob(data as BlobPart[]).arrayBuffer()));
  } catch {
    return undefined;
  }
  const channels = CHANNELS[colorType]!;
  const stride = width * channels;
  if (raw.length < (stride + 1) * height) return undefined;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predictor =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? (left + up) >> 1
                : paeth(left, up, upLeft);
      if (filter === undefined || filter > 4) return undefined;
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    let r: number;
    let g: number;
    let b: number;
    let alpha = 255;
    if (colorType === 3) {
      const entry = pixels[p]! * 3;
      r = palette![entry] ?? 0;
      g = palette![entry + 1] ?? 0;
      b = palette![entry + 2] ?? 0;
    } else if (channels <= 2) {
      r = g = b = pixels[p]!;
      if (channels === 2) alpha = pixels[p + 1]!;
    } else {
      r = pixels[p]!;
      g = pixels[p + 1]!;
      b = pixels[p + 2]!;
      if (channels === 4) alpha = pixels[p + 3]!;
    }
    const over = (value: number) => Math.round((value * alpha + 255 * (255 - alpha)) / 255);
    rgb[i * 3] = over(r);
    rgb[i * 3 + 1] = over(g);
    rgb[i * 3 + 2] = over(b);
  }
  return { width, height, rgb };
}
