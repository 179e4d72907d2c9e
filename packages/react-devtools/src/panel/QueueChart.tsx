/** Queue-position history as a small inline step chart (position 0 at the bottom). */
import type { QueuePoint } from '../devtoolsEntry';

export function QueueChart({
  points,
  width = 56,
  height = 14,
}: {
  points: readonly QueuePoint[];
  width?: number;
  height?: number;
}) {
  if (points.length === 0) return null;
  const first = points[0]!.at;
  const last = points.at(-1)!.at;
  const span = Math.max(1, last - first);
  const top = Math.max(1, ...points.map((point) => point.position));
  const x = (at: number) => ((at - first) / span) * (width - 2) + 1;
  const y = (position: number) => height - 1 - (position / top) * (height - 2);
  let path = '';
  points.forEach((point, index) => {
    path += index === 0 ? `M${x(point.at)},${y(point.position)}` : `H${x(point.at)}V${y(point.position)}`;
  });
  if (points.length === 1) path += `H${width - 1}`;
  const label = `Queue positions: ${points.map((point) => point.position).join(', ')}`;
  return (
    <svg
      className="fkd-chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <path d={path} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </svg>
  );
}
