/**
 * `@falkit/core/observers`: the building blocks for UI bindings (what `@falkit/react` is made of).
 * Framework-agnostic observers with immutable snapshots, their status vocabulary, the shared request
 * cache, notification batching and file rules. Apps using a binding never import this entry.
 */
export * from '../observers';
