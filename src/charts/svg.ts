import type { EChartsCoreOption } from "echarts";
import { BACKGROUND, FONT_FAMILY, TEXT } from "./palette.js";

export interface ChartSize {
  width: number;
  height: number;
}

/** Space between legend items: ECharts guesses text widths narrower than DejaVu Sans draws them. */
export const LEGEND_GAP = 22;

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
