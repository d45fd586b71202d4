// TokenView: text coloured by SAE feature activations (saewidgets/_widgets/_tokenview.py).
// Traits read: tokens, acts [pos, n_shown], features, top_ids / top_vals [pos, k], labels, focus,
// text, live, attributable, error. Traits written: focus, selected_token, open_feature.
// Requests: "run" {text} (live mode); with `attributable`, a clicked token opens the attribution
// panel ("attribute", "ablate"; see tokenview/attribution.ts).

import baseCss from "./lib/base.css";
import { addStyle, errorBanner, h, tooltip } from "./lib/dom";
import { listen } from "./lib/events";
import { hostInvoke } from "./lib/host";
import type { RenderProps } from "./lib/types";
import css from "./tokenview.css";
import { attributionPanel } from "./tokenview/attribution";
import { featureName, readView, type View } from "./tokenview/data";
import { liveEditor } from "./tokenview/editor";
import { focusLegend } from "./tokenview/legend";
import { tokenText } from "./tokenview/text";

function render({ model, el, experimental }: RenderProps): () => void {
  const invoke = hostInvoke(model, experimental);
  const root = h("div", { class: "sw-root sw-tokenview" });
  addStyle(root, baseCss + css);
  const banner = errorBanner();
  root.append(banner.el);
  el.replaceChildren(root);
  const tip = tooltip(root);
  let view: View | null = null;
  const focus = () => model.get("focus") as number | null;
  const selected = () => model.get("selected_token") as number;
  const editor = model.get("live") === true && model.get("_standalone") !== true ? liveEditor(model, invoke, banner.show) : null;
  if (editor !== null) root.append(editor.el);
  const legend = focusLegend((feature) => {
    model.set("focus", feature);
    model.save_changes();
  });
  const text = tokenText(tip, () => view, focus, (i) => {
    model.set("selected_token", selected() === i ? -1 : i);
    model.save_changes();
  });
  root.append(legend.el, text.el);
  const panel =
    model.get("attributable") === true
      ? attributionPanel({
          invoke,
          text: () => String(model.get("text") ?? ""),
          name: (id) => (view === null ? `#${id}` : featureName(view, id)),
          open: (id) => {
            model.set("open_feature", -1);
            model.set("open_feature", id);
            model.save_changes();
          },
        })
      : null;
  if (panel !== null) root.append(panel.el);
  const showPanel = () => panel?.show(view !== null && selected() >= 0 && selected() < view.tokens.length ? selected() : null);
  const paint = () => {
    if (view === null) return;
    legend.update(view, focus());
    text.paint(view, focus(), selected());
  };
  const build = () => {
    try {
      view = readView(model);
      banner.show(String(model.get("error") ?? ""));
    } catch (error) {
      view = null;
      banner.show(`TokenView cannot draw its data: ${String(error)}`);
      return;
    }
    text.build(view);
    paint();
    showPanel();
  };

  const onError = () => banner.show(String(model.get("error") ?? ""));
  model.on("change:selected_token", showPanel);
  const data = ["tokens", "acts", "features", "top_ids", "top_vals", "labels", "special"];
  const unData = listen(model, data.map((k) => `change:${k}`), build);
  const unFocus = listen(model, ["change:focus", "change:selected_token"], paint);
  model.on("change:error", onError);
  build();
  return () => {
    editor?.destroy();
    unData();
    unFocus();
    model.off("change:selected_token", showPanel);
    model.off("change:error", onError);
  };
}

export default { render };
