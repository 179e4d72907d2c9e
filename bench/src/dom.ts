/** A jsdom window as the global environment, for the render benchmark (imported before React). */
import { JSDOM } from 'jsdom';

export function installDom(): () => void {
  const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
    url: 'http://localhost/',
    pretendToBeVisual: true,
  });
  const g = globalThis as Record<string, unknown>;
  const names = [
    'window',
    'document',
    'HTMLElement',
    'Node',
    'requestAnimationFrame',
    'cancelAnimationFrame',
    'sessionStorage',
  ];
  const previous = new Map(names.map((name) => [name, g[name]]));
  g.window = dom.window;
  g.document = dom.window.document;
  g.HTMLElement = dom.window.HTMLElement;
  g.Node = dom.window.Node;
  g.requestAnimationFrame = dom.window.requestAnimationFrame.bind(dom.window);
  g.cancelAnimationFrame = dom.window.cancelAnimationFrame.bind(dom.window);
  g.sessionStorage = dom.window.sessionStorage;
  g.IS_REACT_ACT_ENVIRONMENT = false;
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete g[name];
      else g[name] = value;
    }
    dom.window.close();
  };
}
