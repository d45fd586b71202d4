// A FeatureCard's keys: j/→ and k/← step along, Esc leaves a text box (saving it); the options'
// onKey (the Annotator's triage keys) runs first.

const EDIT_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export interface KeyHandlers {
  /** Extra keys (true when handled). */
  onKey(event: KeyboardEvent): boolean;
  /** Steps to the next (+1) or previous (-1) feature. */
  step(direction: 1 | -1): void;
  /** Saves the annotation box's unsaved fields. */
  flush(): void;
}

/** Handles the keys pressed in `root`. */
export function cardKeys(root: HTMLElement, on: KeyHandlers): void {
  root.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement;
    if (EDIT_TAGS.has(target.tagName)) {
      if (event.key === "Escape") {
        on.flush();
        root.focus();
        event.preventDefault();
      }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (on.onKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === "j" || event.key === "ArrowRight") on.step(1);
    else if (event.key === "k" || event.key === "ArrowLeft") on.step(-1);
    else return;
    event.preventDefault();
  });
}
