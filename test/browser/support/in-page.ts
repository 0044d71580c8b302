/**
 * The little of the browser's DOM that code run inside the page (`page.evaluate`) uses. The
 * server's tsconfig has no DOM types, so such code reads `globalThis as unknown as InPage`.
 */
export interface InPageElement {
  readonly tagName: string;
  readonly id: string;
  readonly className: unknown;
  readonly textContent: string | null;
  readonly parentElement: InPageElement | null;
  readonly childNodes: ArrayLike<InPageNode>;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  getBoundingClientRect(): { readonly left: number; readonly right: number; readonly width: number };
  querySelectorAll(selector: string): ArrayLike<InPageElement>;
  matches(selector: string): boolean;
  closest(selector: string): InPageElement | null;
  getAttribute(name: string): string | null;
}

export interface InPageNode {
  readonly nodeType: number;
  readonly textContent: string | null;
}

export interface InPage {
  readonly document: {
    readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
    readonly body: InPageElement;
    readonly activeElement: unknown;
    querySelectorAll(selector: string): ArrayLike<InPageElement>;
    getAnimations(): readonly { readonly finished: Promise<unknown> }[];
    createRange(): {
      selectNodeContents(node: InPageNode): void;
      setStart(node: InPageNode, offset: number): void;
      setEnd(node: InPageNode, offset: number): void;
      getClientRects(): ArrayLike<{ readonly top: number; readonly width: number }>;
    };
  };
  getComputedStyle(element: InPageElement): { readonly overflowX: string; readonly clipPath: string };
  readonly axe?: {
    run(context: unknown, options: unknown): Promise<{ violations: unknown[] }>;
  };
}
