/** Upload progress as reported to `onProgress`. `fraction` is `loaded / total` (1 for empty files). */
export interface UploadProgress {
  loaded: number;
  total: number;
  fraction: number;
}

export type UploadProgressListener = (progress: UploadProgress) => void;

/**
 * Sums per-part byte counts into one monotonic progress stream. A retried part restarts from 0, so
 * the reported value only moves forward: it holds until the retry passes what was already shown.
 */
export class UploadProgressTracker {
  readonly #total: number;
  readonly #listener: UploadProgressListener | undefined;
  readonly #loadedByPart = new Map<number, number>();
  #sum = 0;
  #reported = -1;

  constructor(total: number, listener: UploadProgressListener | undefined) {
    this.#total = total;
    this.#listener = listener;
  }

  get enabled(): boolean {
    return this.#listener !== undefined;
  }

  /** Records that `loaded` bytes of `part` have been sent (absolute, not a delta). */
  update(part: number, loaded: number): void {
    const previous = this.#loadedByPart.get(part) ?? 0;
    this.#loadedByPart.set(part, loaded);
    this.#sum += loaded - previous;
    // The last byte is reported by `complete()`, once the server has confirmed the upload.
    this.#emit(Math.min(this.#sum, Math.max(this.#total - 1, 0)));
  }

  /** The final 100 % event. */
  complete(): void {
    this.#emit(this.#total);
  }

  #emit(loaded: number): void {
    if (!this.#listener || loaded <= this.#reported) return;
    this.#reported = loaded;
    this.#listener({ loaded, total: this.#total, fraction: this.#total === 0 ? 1 : loaded / this.#total });
  }
}
