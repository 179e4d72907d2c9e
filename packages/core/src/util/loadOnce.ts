/**
 * A lazily loaded module, requested at most once: by the first request's `onSent` (so that request
 * never waits for it and the code loads while it is in flight), or when first needed.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => {}); // awaited where it is needed; a request failing first must not leave it unhandled
    }
    return loading;
  };
}
