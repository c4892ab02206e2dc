import { ColorType, type ChartOptions, type DeepPartial } from 'lightweight-charts';

const cssVariable = (name: string, fallback: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/** The terminal theme for lightweight-charts, read from the CSS variables at creation time. */
export function chartOptions(height: number, options: { secondsVisible: boolean }): DeepPartial<ChartOptions> {
  return {
    height,
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: 'transparent' },
      textColor: cssVariable('--sd-text-muted', '#8b95a5'),
      attributionLogo: false,
    },
    grid: {
      vertLines: { color: cssVariable('--sd-border', '#2b3340') },
      horzLines: { color: cssVariable('--sd-border', '#2b3340') },
    },
    timeScale: { timeVisible: true, secondsVisible: options.secondsVisible },
  };
}

export const chartLineColor = (): string => cssVariable('--sd-accent', '#3d8bfd');
