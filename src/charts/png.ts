import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ResvgRenderOptions } from "@resvg/resvg-js";
import type { ChartSvg } from "./svg.js";

/**
 * SVG → PNG with resvg (a prebuilt binary from npm, no browser). The fonts come from npm
 * packages, resolved from this module rather than the working directory, so a fresh `npm ci`
 * draws the same text on any machine: DejaVu Sans for Latin, Noto Sans Hans (OpenType/CFF, which
 * resvg reads) for Chinese. System fonts are never loaded, so no machine draws differently.
 */

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  latin: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  // The package exports only its script: the font sits beside it, one folder up from dist/.
  cjk: join(
    dirname(require.resolve("@embedpdf/fonts-sc")),
    "..",
    "fonts",
    "NotoSansHans-Regular.otf",
  ),
} as const;

/** Slack shows images scaled down: drawn at twice the SVG size so text stays crisp on HiDPI. */
export const PNG_SCALE = 2;

export interface ChartPng {
  png: Buffer;
  width: number;
  height: number;
  altText: string;
}

export interface RasterOptions {
  /** Font files to load (default both); tests draw without the CJK font to prove it is used. */
  fontFiles?: string[];
  scale?: number;
}

const fontsFor = (fontFiles: string[]): ResvgRenderOptions["font"] => ({
  loadSystemFonts: false,
  fontFiles,
  defaultFontFamily: "DejaVu Sans",
});
/** Built once and shared by every chart. */
const LATIN_ONLY = fontsFor([FONT_FILES.latin]);
const WITH_CJK = fontsFor([FONT_FILES.latin, FONT_FILES.cjk]);

/** Han, kana, CJK punctuation and full-width forms: text that needs the CJK font. */
const CJK_TEXT = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * The CJK font is large and resvg parses the fonts it is given on every render (~200 ms for Noto
 * Sans Hans): it is loaded only when the chart has text that needs it.
 */
function fontOptions(svg: string, fontFiles?: string[]): ResvgRenderOptions["font"] {
  if (fontFiles) return fontsFor(fontFiles);
  return CJK_TEXT.test(svg) ? WITH_CJK : LATIN_ONLY;
}

/** resvg (a native binary) is loaded on the first chart rasterized, once, not at start-up. */
let resvgLoading: Promise<typeof import("@resvg/resvg-js")> | undefined;
function loadResvg(): Promise<typeof import("@resvg/resvg-js")> {
  resvgLoading ??= import("@resvg/resvg-js").catch((error: unknown) => {
    resvgLoading = undefined; // the next chart tries again
    throw error;
  });
  return resvgLoading;
}

export async function rasterize(chart: ChartSvg, options: RasterOptions = {}): Promise<ChartPng> {
  const { Resvg } = await loadResvg();
  const scale = options.scale ?? PNG_SCALE;
  const resvg = new Resvg(chart.svg, {
    font: fontOptions(chart.svg, options.fontFiles),
    fitTo: { mode: "width", value: Math.round(chart.width * scale) },
    background: "#ffffff",
  });
  const image = resvg.render();
  return {
    png: image.asPng(),
    width: image.width,
    height: image.height,
    altText: chart.altText,
  };
}
