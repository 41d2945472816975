import type { EChartsCoreOption } from "echarts";
import { BACKGROUND, FONT_FAMILY, TEXT } from "./palette.js";

export interface ChartSize {
  width: number;
  height: number;
}

/** The bold title at the top left that every stacked chart has. */
export function chartTitle(text: string, fontSize: number) {
  return { text, left: 12, top: 8, textStyle: { fontSize, fontWeight: "bold", color: TEXT } };
}

/**
 * The legend on a row of its own under the title: ECharts measures text without the real font,
 * and DejaVu Sans is wider than it guesses, so items get room to spare (itemGap).
 */
export const LEGEND_UNDER_TITLE = {
  top: 36,
  left: 12,
  itemWidth: 12,
  itemHeight: 10,
  itemGap: 22,
  textStyle: { color: TEXT, fontSize: 12 },
};

/** What every chart renderer returns: the SVG, its size, and words for a screen reader. */
export interface ChartSvg extends ChartSize {
  svg: string;
  /** What the chart shows, in words (Slack's alt_text): totals and the worst hour. */
  altText: string;
}

/**
 * ECharts is loaded on the first chart drawn, not at start-up (docs/benchmarks.md, "Start-up:
 * what loads"): a process that never draws never pays for it. The promise is kept, so it loads once.
 */
let echartsLoading: Promise<typeof import("echarts")> | undefined;
function loadEcharts(): Promise<typeof import("echarts")> {
  echartsLoading ??= import("echarts").catch((error: unknown) => {
    echartsLoading = undefined; // the next chart tries again
    throw error;
  });
  return echartsLoading;
}

/**
 * One ECharts option → SVG through server-side rendering, no DOM and no animation. The instance
 * is always disposed: an undisposed SSR chart keeps timers that hold the process open.
 */
export async function renderOption(option: EChartsCoreOption, size: ChartSize): Promise<string> {
  const echarts = await loadEcharts();
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: BACKGROUND,
      textStyle: { fontFamily: FONT_FAMILY, color: TEXT },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
