/**
 * A tiny H.264 (Baseline, CAVLC) encoder that codes every macroblock as I_PCM: raw samples, no
 * transform or prediction. The stream is large but exact, decodes in every H.264 decoder (browsers,
 * ffmpeg), and needs no codec library, so the emulator can make real playable video.
 */

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  bit(value: number): void {
    this.current = (this.current << 1) | (value & 1);
    if (++this.used === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.used = 0;
    }
  }

  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.bit((value >>> i) & 1);
  }

  /** Exp-Golomb unsigned. */
  ue(value: number): void {
    const coded = value + 1;
    const length = 32 - Math.clz32(coded);
    this.bits(0, length - 1);
    this.bits(coded, length);
  }

  /** Exp-Golomb signed. */
  se(value: number): void {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }

  get aligned(): boolean {
    return this.used === 0;
  }

  alignZero(): void {
    while (!this.aligned) this.bit(0);
  }

  byte(value: number): void {
    this.bytes.push(value & 0xff);
  }

  /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
  trailing(): Uint8Array {
    this.bit(1);
    this.alignZero();
    return Uint8Array.from(this.bytes);
  }
}

/** NAL unit = header byte + the payload with emulation-prevention bytes (no start code). */
function nal(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  const out: number[] = [(refIdc << 5) | type];
  let zeros = 0;
  for (const value of rbsp) {
    if (zeros >= 2 && value <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(value);
    zeros = value === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

export const H264_PROFILE_BASELINE = 66;
/** constraint_set0 and constraint_set1: Constrained Baseline. */
export const H264_CONSTRAINTS = 0xc0;
export const H264_LEVEL = 40;

export interface H264Stream {
  sps: Uint8Array;
  pps: Uint8Array;
  /** One IDR access unit (a single NAL) per frame. */
  frames: Uint8Array[];
}

/** A picture in 4:2:0 planes; the luma plane is `width × height`, already a multiple of 16. */
export interface YuvFrame {
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

function sequenceParameterSet(mbWidth: number, mbHeight: number, width: number, height: number): Uint8Array {
  const w = new BitWriter();
  w.bits(H264_PROFILE_BASELINE, 8);
  w.bits(H264_CONSTRAINTS, 8);
  w.bits(H264_LEVEL, 8);
  w.ue(0); // seq_parameter_set_id
  w.ue(0); // log2_max_frame_num_minus4
  w.ue(2); // pic_order_cnt_type 2: output order = decode order
  w.ue(1); // max_num_ref_frames
  w.bit(0); // gaps_in_frame_num_value_allowed_flag
  w.ue(mbWidth - 1);
  w.ue(mbHeight - 1);
  w.bit(1); // frame_mbs_only_flag
  w.bit(1); // direct_8x8_inference_flag
  const cropRight = (mbWidth * 16 - width) / 2;
  const cropBottom = (mbHeight * 16 - height) / 2;
  const cropping = cropRight > 0 || cropBottom > 0;
  w.bit(cropping ? 1 : 0);
  if (cropping) {
    w.ue(0);
    w.ue(cropRight);
    w.ue(0);
    w.ue(cropBottom);
  }
  w.bit(0); // vui_parameters_present_flag
  return nal(3, 7, w.trailing());
}

function pictureParameterSet(): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.bit(0); // entropy_coding_mode_flag: CAVLC
  w.bit(0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.bit(0); // weighted_pred_flag
  w.bits(0, 2); // weighted_bipred_idc
  w.se(0); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(0); // chroma_qp_index_offset
  w.bit(1); // deblocking_filter_control_present_flag
  w.bit(0); // constrained_intra_pred_flag
  w.bit(0); // redundant_pic_cnt_present_flag
  return nal(3, 8, w.trailing());
}

const I_PCM = 25;

function idrSlice(frame: YuvFrame, mbWidth: number, mbHeight: number, idrPicId: number): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(7); // slice_type: I (every slice of the picture)
  w.ue(0); // pic_parameter_set_id
  w.bits(0, 4); // frame_num (log2_max_frame_num = 4)
  w.ue(idrPicId);
  w.bit(0); // no_output_of_prior_pics_flag
  w.bit(0); // long_term_reference_flag
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc: off
  const lumaStride = mbWidth * 16;
  const chromaStride = mbWidth * 8;
  for (let mbY = 0; mbY < mbHeight; mbY++) {
    for (let mbX = 0; mbX < mbWidth; mbX++) {
      w.ue(I_PCM);
      w.alignZero(); // pcm_alignment_zero_bit
      for (let y = 0; y < 16; y++) {
        const row = (mbY * 16 + y) * lumaStride + mbX * 16;
        for (let x = 0; x < 16; x++) w.byte(frame.y[row + x]!);
      }
      for (const plane of [frame.u, frame.v]) {
        for (let y = 0; y < 8; y++) {
          const row = (mbY * 8 + y) * chromaStride + mbX * 8;
          for (let x = 0; x < 8; x++) w.byte(plane[row + x]!);
        }
      }
    }
  }
  return nal(3, 5, w.trailing());
}

/**
 * Encodes frames of `width × height` (even numbers); each frame's planes cover the size rounded up
 * to whole macroblocks, and the SPS crops the padding away.
 */
export function encodeH264Pcm(width: number, height: number, frames: YuvFrame[]): H264Stream {
  if (width % 2 || height % 2 || width < 2 || height < 2) {
    throw new RangeError('width and height must be even and at least 2');
  }
  const mbWidth = Math.ceil(width / 16);
  const mbHeight = Math.ceil(height / 16);
  return {
    sps: sequenceParameterSet(mbWidth, mbHeight, width, height),
    pps: pictureParameterSet(),
    frames: frames.map((frame, index) => idrSlice(frame, mbWidth, mbHeight, index % 2)),
  };
}

/**
 * RGB (width × height × 3) to BT.601 limited-range 4:2:0 planes padded to whole macroblocks. PCM
 * samples stay within 16..240 (never 0).
 */
export function rgbToYuvFrame(width: number, height: number, rgb: Uint8Array): YuvFrame {
  const paddedWidth = Math.ceil(width / 16) * 16;
  const paddedHeight = Math.ceil(height / 16) * 16;
  const y = new Uint8Array(paddedWidth * paddedHeight);
  const u = new Uint8Array((paddedWidth / 2) * (paddedHeight / 2));
  const v = new Uint8Array(u.length);
  const pixel = (px: number, py: number) => {
    const offset = (Math.min(py, height - 1) * width + Math.min(px, width - 1)) * 3;
    return [rgb[offset]!, rgb[offset + 1]!, rgb[offset + 2]!] as const;
  };
  for (let py = 0; py < paddedHeight; py++) {
    for (let px = 0; px < paddedWidth; px++) {
      const [r, g, b] = pixel(px, py);
      y[py * paddedWidth + px] = Math.round(16 + (65.738 * r + 129.057 * g + 25.064 * b) / 256);
    }
  }
  for (let cy = 0; cy < paddedHeight / 2; cy++) {
    for (let cx = 0; cx < paddedWidth / 2; cx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const [pr, pg, pb] = pixel(cx * 2 + dx, cy * 2 + dy);
        r += pr / 4;
        g += pg / 4;
        b += pb / 4;
      }
      const index = cy * (paddedWidth / 2) + cx;
      u[index] = Math.round(128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256);
      v[index] = Math.round(128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256);
    }
  }
  return { y, u, v };
}
