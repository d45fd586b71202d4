// Bundles every js/src/<widget>.ts entry into saewidgets/static/<widget>.js (ES modules).
// `node build.mjs` builds once (minified); `node build.mjs --watch` rebuilds on change for
// anywidget hot reload (ANYWIDGET_HMR=1).
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes("--watch");
const entryPoints = readdirSync(join(here, "src"))
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
  .map((name) => join(here, "src", name));

const options = {
  entryPoints,
  outdir: join(here, "..", "saewidgets", "static"),
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: !watch,
  sourcemap: false,
  legalComments: "none",
  loader: { ".css": "text" },
  logLevel: "info",
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
