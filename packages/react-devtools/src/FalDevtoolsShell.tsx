/**
 * The always-loaded part of the devtools (development only): a floating button in a shadow root
 * (so the app's styles and ours never meet) and, on first open, the panel its entry hands it (a
 * lazy component, so the drawer's code loads then).
 */
import {
  type ComponentType,
  type ReactNode,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import type { DevtoolsSource } from './devtoolsEntry';
import type { DevtoolsPanelProps } from './panel/DevtoolsPanel';

/** The drawer as the shell renders it: a `lazy()` component over the panel's module. */
export type DevtoolsPanelComponent = ComponentType<DevtoolsPanelProps>;

export type DevtoolsButtonPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

export interface DevtoolsShellProps {
  source: DevtoolsSource;
  /** The drawer, rendered on open inside `<Suspense>`. */
  Panel: DevtoolsPanelComponent;
  /** Open the panel on mount (default `false`). */
  initialIsOpen?: boolean;
  /** Corner of the floating button (default `bottom-right`). */
  buttonPosition?: DevtoolsButtonPosition;
  /** Origin of a falkit emulator: adds the Emulator tab (jobs, request log, faults). */
  emulatorUrl?: string;
}

const buttonCss = `
:host { all: initial; }
.fkd-toggle {
  position: fixed; z-index: 2147483000; width: 44px; height: 44px; border-radius: 50%;
  border: 1px solid var(--falkit-devtools-border, #3f3f46);
  background: var(--falkit-devtools-bg, #18181b); color: var(--falkit-devtools-fg, #f4f4f5);
  font: 600 13px/1 ui-sans-serif, system-ui, sans-serif; cursor: pointer;
  box-shadow: 0 2px 8px rgb(0 0 0 / 0.3);
}
.fkd-toggle:focus-visible { outline: 2px solid var(--falkit-devtools-accent, #60a5fa); outline-offset: 2px; }
.fkd-toggle[data-position$='right'] { right: 12px; }
.fkd-toggle[data-position$='left'] { left: 12px; }
.fkd-toggle[data-position^='bottom'] { bottom: 12px; }
.fkd-toggle[data-position^='top'] { top: 12px; }
`;

export function DevtoolsShell({
  source,
  Panel,
  initialIsOpen = false,
  buttonPosition = 'bottom-right',
  emulatorUrl,
}: DevtoolsShellProps): ReactNode {
  const hostRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const [root, setRoot] = useState<ShadowRoot>();
  const [isOpen, setOpen] = useState(initialIsOpen);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    setRoot(host.shadowRoot ?? host.attachShadow({ mode: 'open' }));
  }, []);

  const close = useCallback(() => {
    setOpen(false);
    toggleRef.current?.focus();
  }, []);

  return (
    <div ref={hostRef} data-falkit-devtools="">
      {root
        ? createPortal(
            <>
              <style>{buttonCss}</style>
              <button
                ref={toggleRef}
                type="button"
                className="fkd-toggle"
                data-position={buttonPosition}
                aria-expanded={isOpen}
                aria-controls="fkd-panel"
                aria-label="fal devtools"
                onClick={() => (isOpen ? close() : setOpen(true))}
              >
                fal
              </button>
              {isOpen ? (
                <Suspense fallback={null}>
                  <Panel source={source} onClose={close} emulatorUrl={emulatorUrl} />
                </Suspense>
              ) : null}
            </>,
            root,
          )
        : null}
    </div>
  );
}
