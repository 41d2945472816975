// `npm run build` (and `npm ci`, through prepare): src/main.ts bundled by esbuild into one ESM
// file, dist/main.js, beside its source map (`node --enable-source-maps dist/main.js` for stack
// traces in the TypeScript). One file instead of ~1,500 ESM modules and Bolt's CommonJS tree is
// what makes `node dist/main.js` healthy within a second (docs/benchmarks.md). Type checking is
// `npm run typecheck` (tsc), not this.
import { rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

/**
 * Loaded from node_modules at run time, never bundled: native modules (a .node binary beside
 * their script), and what callscope loads only on first use by `import()` (store/database.ts,
 * charts/, trtc/client.ts), so they stay out of the file that loads at start.
 */
const EXTERNAL = ["better-sqlite3", "pg", "@resvg/resvg-js", "echarts", "tencentcloud-sdk-nodejs"];

/**
 * Packages Bolt's receivers require at the top of their files whichever receiver runs, but use
 * only when constructed: Socket Mode's client (with undici and ws) in SocketModeReceiver, express
 * in ExpressReceiver (callscope never builds one), @slack/oauth's InstallProvider (only for OAuth
 * installs, which callscope does not do). For Bolt's files, each is a stand-in that loads the
 * package from node_modules on first property access: HTTP mode never loads Socket Mode.
 */
const LAZY_FOR_BOLT = ["@slack/socket-mode", "express", "@slack/oauth"];

const BOLT_FILE = /[\\/]node_modules[\\/]@slack[\\/]bolt[\\/]/;

/**
 * A CommonJS module whose properties load the package when first read. Bolt reads them through
 * tslib's helpers: `__importStar`/`__importDefault` ask `__esModule` first (answered without
 * loading, so they take the stand-in as it is) and then `default` (the package itself, as
 * CommonJS interop gives it); a plain `require` reads the named export.
 */
function lazyStandIn(name) {
  return `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(name)}));
module.exports = new Proxy({}, {
  get: (_, key) => (key === "__esModule" ? true : key === "default" ? load() : load()[key]),
  has: (_, key) => key === "__esModule" || key in load(),
});`;
}

const lazyForBolt = {
  name: "lazy-for-bolt",
  setup(build) {
    const filter = new RegExp(`^(${LAZY_FOR_BOLT.map((n) => n.replace("/", "\\/")).join("|")})$`);
    build.onResolve({ filter }, (args) => {
      // The stand-in's own require: the real package, from node_modules.
      if (args.namespace === "lazy-for-bolt") return { path: args.path, external: true };
      if (!BOLT_FILE.test(args.importer)) return undefined;
      return { path: args.path, namespace: "lazy-for-bolt" };
    });
    build.onLoad({ filter: /.*/, namespace: "lazy-for-bolt" }, (args) => ({
      contents: lazyStandIn(args.path),
      loader: "js",
    }));
  },
};

rmSync("dist", { recursive: true, force: true });
const result = await build({
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  sourcesContent: false,
  // Whitespace and syntax only (half the text to hold in memory): names stay readable in a stack
  // trace without the source map, and keepNames holds each function's and class's `name` to its
  // source even where bundling renames a clash (`name` can reach logs and checks).
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  external: EXTERNAL,
  // Its package.json names "main" twice; Node takes the last (the file there), esbuild the first.
  alias: { "tls-sig-api-v2": "tls-sig-api-v2/TLSSigAPIv2.js" },
  plugins: [lazyForBolt],
  // Bundled CommonJS (Bolt, prom-client…) calls require(): ESM has none, so the file makes one.
  banner: {
    js: 'import { createRequire as __bundleCreateRequire } from "node:module"; const require = __bundleCreateRequire(import.meta.url);',
  },
  // dist/meta.json: what went into the file and what it imports (test/e2e/bundle.test.ts reads
  // it; https://esbuild.github.io/analyze/ draws it).
  metafile: true,
  logLevel: "warning",
});
writeFileSync("dist/meta.json", JSON.stringify(result.metafile));
