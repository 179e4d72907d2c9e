/**
 * A JSON value as the rows of a collapsible tree: only expanded nodes contribute rows, so a huge
 * payload costs as much as what is open.
 */
export interface JsonRow {
  /** Path from the root, e.g. `$.images.0.url`: unique, and the key of the expanded set. */
  path: string;
  depth: number;
  label: string | undefined;
  value: unknown;
  /** Number of children for arrays and objects; `undefined` for leaves. */
  size: number | undefined;
  expanded: boolean;
}

function childrenOf(value: unknown): Array<[string, unknown]> | undefined {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (value !== null && typeof value === 'object') return Object.entries(value as object);
  return undefined;
}

export function flattenJson(value: unknown, expanded: ReadonlySet<string>): JsonRow[] {
  const rows: JsonRow[] = [];
  const visit = (node: unknown, path: string, depth: number, label: string | undefined) => {
    const children = childrenOf(node);
    const isExpanded = children !== undefined && expanded.has(path);
    rows.push({ path, depth, label, value: node, size: children?.length, expanded: isExpanded });
    if (!isExpanded) return;
    for (const [key, child] of children) visit(child, `${path}.${key}`, depth + 1, key);
  };
  visit(value, '$', 0, undefined);
  return rows;
}

/** The root and its direct children open: enough to see a result's shape at once. */
export function initiallyExpanded(value: unknown): Set<string> {
  const open = new Set(['$']);
  for (const [key] of childrenOf(value) ?? []) open.add(`$.${key}`);
  return open;
}

export type MediaKind = 'image' | 'audio' | 'video';

const extensionKinds: Array<[RegExp, MediaKind]> = [
  [/\.(png|jpe?g|gif|webp|avif|svg)(\?|#|$)/i, 'image'],
  [/\.(wav|mp3|ogg|flac|m4a|aac)(\?|#|$)/i, 'audio'],
  [/\.(mp4|webm|mov)(\?|#|$)/i, 'video'],
];

/** A data URL or file URL the panel can show as a thumbnail or a player. */
export function mediaKind(value: unknown): MediaKind | undefined {
  if (typeof value !== 'string') return undefined;
  const dataUrl = /^data:(image|audio|video)\//.exec(value);
  if (dataUrl) return dataUrl[1] as MediaKind;
  if (!/^(https?|blob):/.test(value)) return undefined;
  return extensionKinds.find(([pattern]) => pattern.test(value))?.[1];
}
