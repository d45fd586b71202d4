// The slice of anywidget's model and render API that saewidgets uses. Jupyter's comm-backed model
// and the standalone export's in-page model (see model.ts) both satisfy it.

export type Callback = (...args: unknown[]) => void;

export interface Model {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  save_changes(): void;
  on(event: string, callback: Callback): void;
  off(event: string, callback?: Callback): void;
}

export interface InvokeOptions {
  buffers?: DataView[];
  signal?: AbortSignal;
}

/** anywidget's `experimental.invoke`: resolves to [response, buffers]. */
export type Invoke = (
  name: string,
  msg: unknown,
  options?: InvokeOptions,
) => Promise<[unknown, DataView[]]>;

/** A child widget as anywidget's `host.getWidget` gives it: render it into an element. */
export interface ChildWidget {
  render(options: { el: HTMLElement; signal?: AbortSignal }): Promise<void>;
}

/** anywidget's `host` (0.11+): the models and views of widgets held in traits ("anywidget:<id>"). */
export interface Host {
  getModel(ref: string): Promise<Model>;
  getWidget(ref: string): Promise<ChildWidget>;
}

export interface RenderProps {
  model: Model;
  el: HTMLElement;
  experimental: { invoke: Invoke };
  /** Present in anywidget 0.11+ and in standalone exports; composed widgets need it. */
  host?: Host;
}

export interface Widget {
  render(props: RenderProps): void | (() => void) | Promise<void | (() => void)>;
}
