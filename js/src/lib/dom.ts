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

/** A tooltip positioned under an anchor element, inside `root` (which must be position: relative). */
export function tooltip(root: HTMLElement): {
  el: HTMLElement;
  show(anchor: Element, content: Node): void;
  hide(): void;
} {
  // The tip lives on the page's body with fixed positioning, so notebook output areas that
  // clip overflow (Notebook 7, JupyterLab) cannot hide it; it is removed with the widget.
  const doc = root.ownerDocument;
  const el = h("div", { class: "sw-tip", attrs: { role: "tooltip" } });
  el.hidden = true;
  doc.body.append(el);
  const gone = new MutationObserver(() => {
    if (!root.isConnected) {
      el.remove();
      gone.disconnect();
    }
  });
  gone.observe(doc.body, { childList: true, subtree: true });
  return {
    el,
    show(anchor, content) {
      el.replaceChildren(content);
      el.hidden = false;
      const box = anchor.getBoundingClientRect();
      const view = doc.documentElement;
      const left = Math.min(box.left, view.clientWidth - el.offsetWidth - 4);
      const below = box.bottom + 4;
      const fits = below + el.offsetHeight <= view.clientHeight;
      el.style.left = `${Math.max(0, left)}px`;
      el.style.top = `${fits ? below : Math.max(0, box.top - el.offsetHeight - 4)}px`;
    },
    hide() {
      el.hidden = true;
    },
  };
}
