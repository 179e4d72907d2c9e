import type { HTMLAttributes, ReactNode } from 'react';
import { errorMessage } from './errorMessage';
import { type SlotStyling, slotProps } from './slots';
import type { ObserverStatus } from '@falkit/core/observers';

export type FalStreamTextSlot = 'root' | 'text' | 'caret' | 'error';

export interface FalStreamTextProps
  extends SlotStyling<FalStreamTextSlot>,
    Omit<HTMLAttributes<HTMLElement>, 'className' | 'children'> {
  /** The text so far, e.g. `useFalStream(...).data?.output` for `fal-ai/any-llm`. */
  text: string | null | undefined;
  status?: ObserverStatus;
  error?: unknown;
  /** Accessible name of the region. */
  label?: string;
  /** Shown before any text arrives. */
  emptyText?: ReactNode;
}

/**
 * Streamed text with a caret while it streams. The region is `aria-busy` while streaming, so a
 * screen reader announces the finished text once instead of every token.
 */
export function FalStreamText(props: FalStreamTextProps) {
  const {
    text,
    status = 'idle',
    error,
    label = 'Streamed text',
    emptyText = null,
    className,
    classNames,
    appearance,
    style,
    ...rest
  } = props;
  const styling = { className, classNames, appearance };
  const streaming = status === 'streaming' || status === 'submitting';
  const message = status === 'error' ? errorMessage(error) : undefined;

  return (
    <section
      {...rest}
      {...slotProps(styling, 'root', 'stream-text', style)}
      aria-label={label}
      data-state={status}
    >
      <div {...slotProps(styling, 'text', 'stream-text-content')} aria-live="polite" aria-busy={streaming}>
        {text ? text : emptyText}
        {streaming ? <span {...slotProps(styling, 'caret', 'stream-text-caret')} aria-hidden="true" /> : null}
      </div>
      {message ? (
        <p {...slotProps(styling, 'error', 'stream-text-error')} role="alert">
          {message}
        </p>
      ) : null}
    </section>
  );
}
