'use client';

import { useId, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { PayoffCurve } from '@strikedesk/domain';
import { formatInteger } from '@strikedesk/ui';
import { areaPath, compactRupees, invert, linePath, linearScale, nearestIndex, niceTicks, pnlDomain, type ChartBox } from './payoff-scale.ts';
import { keyedIndex } from './payoff-keys.ts';
import { levelText, pnlFigure } from './portfolio-text.ts';
import payoff from './payoff.module.css';

type PayoffChartProps = { curve: PayoffCurve; spot: number; breakevens: readonly number[] };

const BOX: ChartBox = { width: 720, height: 300, left: 64, right: 16, top: 16, bottom: 32 };

/**
 * P&L against the underlying's level: at expiry (solid, profit shaded green and loss red) and today
 * (T+0, dashed), with the zero line, spot and the breakevens. Plain SVG in a fixed viewBox that
 * scales with its box; hovering reads both curves at the nearest computed level.
 */
export function PayoffChart({ curve, spot, breakevens }: PayoffChartProps) {
  // useId's punctuation is not safe inside url(#…): keep letters and digits.
  const ids = `payoff${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const [hover, setHover] = useState<number | null>(null);
  const geometry = useMemo(() => {
    const levels = curve.underlying;
    const x = linearScale([levels[0] ?? spot, levels[levels.length - 1] ?? spot], [BOX.left, BOX.width - BOX.right]);
    const y = linearScale(pnlDomain(curve), [BOX.height - BOX.bottom, BOX.top]);
    return {
      x,
      y,
      expiry: linePath(levels, curve.atExpiry, x, y),
      today: linePath(levels, curve.today, x, y),
      area: areaPath(levels, curve.atExpiry, x, y),
      xTicks: niceTicks(x.domain[0], x.domain[1], 6),
      yTicks: niceTicks(y.domain[0], y.domain[1], 5),
    };
  }, [curve, spot]);
  const { x, y } = geometry;
  const zeroY = y(0);
  const plotRight = BOX.width - BOX.right;
  const plotBottom = BOX.height - BOX.bottom;

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width === 0) return;
    const viewX = ((event.clientX - rect.left) / rect.width) * BOX.width;
    const index = nearestIndex(curve.underlying, invert(x, viewX));
    setHover(index < 0 ? null : index);
  };
  // The keyboard reads the curves too: arrows walk the levels from spot (the pointer is not the only way).
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const index = keyedIndex(event.key, hover, curve.underlying.length, nearestIndex(curve.underlying, spot));
    if (index === undefined) return;
    event.preventDefault();
    setHover(index);
  };
  const hoverLevel = hover === null ? undefined : curve.underlying[hover];

  return (
    <figure className={payoff.chartFigure}>
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        className={payoff.chart}
        role="img"
        aria-label={`Payoff chart: P&L at expiry and today against the underlying, ${levelText(x.domain[0])} to ${levelText(x.domain[1])}. Arrow keys read it level by level.`}
        tabIndex={0}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(null)}
        data-testid="payoff-chart"
      >
        <defs>
          <clipPath id={`${ids}-profit`}>
            <rect x={BOX.left} y={BOX.top} width={plotRight - BOX.left} height={Math.max(0, zeroY - BOX.top)} />
          </clipPath>
          <clipPath id={`${ids}-loss`}>
            <rect x={BOX.left} y={zeroY} width={plotRight - BOX.left} height={Math.max(0, plotBottom - zeroY)} />
          </clipPath>
        </defs>
        {geometry.yTicks.map((tick) => (
          <g key={`y${tick}`}>
            <line x1={BOX.left} x2={plotRight} y1={y(tick)} y2={y(tick)} className={payoff.grid} />
            <text x={BOX.left - 6} y={y(tick)} className={payoff.axisLabel} textAnchor="end" dominantBaseline="middle">
              {compactRupees(tick)}
            </text>
          </g>
        ))}
        {geometry.xTicks.map((tick) => (
          <text key={`x${tick}`} x={x(tick)} y={plotBottom + 18} className={payoff.axisLabel} textAnchor="middle">
            {formatInteger(tick / 100)}
          </text>
        ))}
        <path d={geometry.area} className={payoff.profitArea} clipPath={`url(#${ids}-profit)`} />
        <path d={geometry.area} className={payoff.lossArea} clipPath={`url(#${ids}-loss)`} />
        <line x1={BOX.left} x2={plotRight} y1={zeroY} y2={zeroY} className={payoff.zeroLine} />
        <path d={geometry.today} className={payoff.todayLine} data-testid="payoff-today-line" />
        <path d={geometry.expiry} className={payoff.expiryLine} data-testid="payoff-expiry-line" />
        <line x1={x(spot)} x2={x(spot)} y1={BOX.top} y2={plotBottom} className={payoff.spotLine} />
        <text x={x(spot) + 4} y={BOX.top + 10} className={payoff.spotLabel}>
          Spot {levelText(spot)}
        </text>
        {breakevens.map((level) => (
          <g key={level} className={payoff.breakeven}>
            <circle cx={x(level)} cy={zeroY} r={4} />
            <text x={x(level)} y={zeroY + 16} textAnchor="middle" className={payoff.axisLabel}>
              {formatInteger(Math.round(level / 100))}
            </text>
          </g>
        ))}
        {hover !== null && hoverLevel !== undefined ? (
          <line x1={x(hoverLevel)} x2={x(hoverLevel)} y1={BOX.top} y2={plotBottom} className={payoff.hoverLine} />
        ) : null}
      </svg>
      <figcaption className={payoff.chartCaption}>
        <span className={payoff.legendExpiry}>At expiry</span>
        <span className={payoff.legendToday}>Today (T+0)</span>
        {hover !== null && hoverLevel !== undefined ? (
          <span className={payoff.readout} aria-live="polite">
            At {levelText(hoverLevel)}: expiry {pnlFigure(curve.atExpiry[hover] ?? 0)}, today {pnlFigure(curve.today[hover] ?? 0)}
          </span>
        ) : (
          <span className={payoff.readout}>Hover the chart (or focus it and use the arrow keys) to read the P&amp;L at a level.</span>
        )}
      </figcaption>
    </figure>
  );
}
