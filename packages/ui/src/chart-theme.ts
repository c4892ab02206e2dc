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

/** Rising and falling candles, in the terminal's up/down colours (as price changes are shown). */
export const chartUpColor = (): string => cssVariable('--sd-up', '#26a96c');
export const chartDownColor = (): string => cssVariable('--sd-down', '#e5484d');
/** Volume bars in the faded up/down colours, so they sit behind the candles rather than compete. */
export const chartUpVolumeColor = (): string => cssVariable('--sd-up-flash', 'rgba(38, 169, 108, 0.28)');
export const chartDownVolumeColor = (): string => cssVariable('--sd-down-flash', 'rgba(229, 72, 77, 0.28)');
