import type { CSSProperties } from 'react';

/**
 * Styling slots shared by every component: `className` styles the root, `classNames` and
 * `appearance` style each named element, and every element carries `data-falkit-element`
 * so a stylesheet can target it without knowing our class names.
 */
export interface SlotStyling<Slot extends string> {
  className?: string;
  /** Extra class names per element, e.g. `{ indicator: 'bg-blue-500' }`. */
  classNames?: Partial<Record<Slot, string>>;
  /** Inline styles per element, e.g. `{ track: { height: 4 } }`. */
  appearance?: Partial<Record<Slot, CSSProperties>>;
}

export function joinClassNames(...names: Array<string | false | null | undefined>): string | undefined {
  const joined = names.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

export interface SlotProps {
  'data-falkit-element': string;
  className: string | undefined;
  style: CSSProperties | undefined;
}

/**
 * Props that identify and style one element. `element` is the global name used in
 * `data-falkit-element` and the `falkit-*` class (e.g. `progress-indicator`); `slot` is the
 * component-local key of `classNames`/`appearance` (e.g. `indicator`). The `root` slot also gets
 * `className`.
 */
export function slotProps<Slot extends string>(
  styling: SlotStyling<Slot>,
  slot: Slot,
  element: string,
  style?: CSSProperties,
): SlotProps {
  const appearance = styling.appearance?.[slot];
  return {
    'data-falkit-element': element,
    className: joinClassNames(
      `falkit-${element}`,
      slot === 'root' && styling.className,
      styling.classNames?.[slot],
    ),
    style: style || appearance ? { ...style, ...appearance } : undefined,
  };
}
