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
  const el = h("div", { class: "sw-tip", attrs: { role: "tooltip" } });
  el.hidden = true;
  root.append(el);
  return {
    el,
    show(anchor, content) {
      el.replaceChildren(content);
      el.hidden = false;
      const box = anchor.getBoundingClientRect();
      const origin = root.getBoundingClientRect();
      const left = Math.min(box.left - origin.left, Math.max(0, origin.width - el.offsetWidth));
      el.style.left = `${Math.max(0, left)}px`;
      el.style.top = `${box.bottom - origin.top + 4}px`;
    },
    hide() {
      el.hidden = true;
    },
  };
}
