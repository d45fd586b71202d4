// DOM helpers. Text always goes through textContent, never innerHTML, so token strings and labels
// such as "</script><img src=x onerror=alert(1)>" stay text.

type Child = Node | string | null | undefined | false;

/** Creates `<tag class=...>` with text or element children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { class?: string; title?: string; attrs?: Record<string, string> } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class !== undefined) node.className = props.class;
  if (props.title !== undefined) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** Adds a <style> with `css` to `el` (each widget carries its own scoped `sw-` styles). */
export function addStyle(el: HTMLElement, css: string): void {
  el.append(h("style", {}, css));
}

/** A banner that shows errors inside the widget; `show("")` hides it. */
export function errorBanner(): { el: HTMLElement; show(message: string): void } {
  const el = h("div", { class: "sw-error", attrs: { role: "alert" } });
  el.hidden = true;
  return {
    el,
    show(message: string) {
      el.textContent = message;
      el.hidden = message === "";
    },
  };
}

/** Gap between the pointer and a tooltip shown at it, in CSS pixels. */
export const TIP_OFFSET = 12;

export interface Tooltip {
  el: HTMLElement;
  /** Shows `content` under `anchor` (above it when there is no room below). */
  show(anchor: Element, content: Node): void;
  /** Shows `content` beside the pointer at viewport coordinates (`clientX`, `clientY`). */
  showAt(clientX: number, clientY: number, ...content: Node[]): void;
  hide(): void;
}

/** A tooltip for the widget in `root`, kept within the viewport. It lives on the page's body with
 * fixed positioning in viewport coordinates, so scrolled pages, scrolled output areas and output
 * areas that clip overflow (Notebook 7, JupyterLab) cannot shift or hide it; it is put on the body
 * when first shown and removed once the widget leaves the page. */
export function tooltip(root: HTMLElement): Tooltip {
  const doc = root.ownerDocument;
  const el = h("div", { class: "sw-tip", attrs: { role: "tooltip" } });
  el.hidden = true;
  let gone: MutationObserver | null = null;
  const attach = () => {
    if (el.isConnected) return;
    doc.body.append(el);
    gone = new MutationObserver(() => {
      if (!root.isConnected) {
        el.remove();
        gone?.disconnect();
        gone = null;
      }
    });
    gone.observe(doc.body, { childList: true, subtree: true });
  };
  const view = doc.documentElement;
  return {
    el,
    show(anchor, content) {
      attach();
      el.replaceChildren(content);
      el.hidden = false;
      const box = anchor.getBoundingClientRect();
      const left = Math.min(box.left, view.clientWidth - el.offsetWidth - 4);
      const below = box.bottom + 4;
      const fits = below + el.offsetHeight <= view.clientHeight;
      el.style.left = `${Math.max(0, left)}px`;
      el.style.top = `${fits ? below : Math.max(0, box.top - el.offsetHeight - 4)}px`;
    },
    showAt(x, y, ...content) {
      attach();
      el.replaceChildren(...content);
      el.hidden = false;
      let left = x + TIP_OFFSET;
      if (left + el.offsetWidth > view.clientWidth - 4) left = x - TIP_OFFSET - el.offsetWidth;
      let top = y + TIP_OFFSET;
      if (top + el.offsetHeight > view.clientHeight - 4) top = y - TIP_OFFSET - el.offsetHeight;
      el.style.left = `${Math.max(0, left)}px`;
      el.style.top = `${Math.max(0, top)}px`;
    },
    hide() {
      el.hidden = true;
    },
  };
}
