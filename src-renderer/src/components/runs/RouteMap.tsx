/**
 * The route drawn from the run's own points — no map tiles (Stance is offline). An
 * equirectangular projection around the run's mean latitude is true to shape at a run's scale.
 */
export function RouteMap({ route, label }: { route: [number, number][][]; label: string }) {
  const points = route.flat();
  if (points.length < 2) return null;
  const meanLatitude = points.reduce((sum, [lat]) => sum + lat, 0) / points.length;
  const squash = Math.cos((meanLatitude * Math.PI) / 180);
  const project = ([lat, lon]: [number, number]) => [lon * squash, -lat] as const;
  const projected = points.map(project);
  const xs = projected.map(([x]) => x);
  const ys = projected.map(([, y]) => y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const width = 360;
  const height = 280;
  const pad = 14;
  const scale = Math.min((width - 2 * pad) / Math.max(maxX - minX, 1e-9), (height - 2 * pad) / Math.max(maxY - minY, 1e-9));
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  const toSvg = (point: [number, number]) => {
    const [x, y] = project(point);
    return `${((x - minX) * scale + offsetX).toFixed(1)},${((y - minY) * scale + offsetY).toFixed(1)}`;
  };
  const start = toSvg(points[0]!).split(',').map(Number);
  const end = toSvg(points[points.length - 1]!).split(',').map(Number);
  return (
    <svg className="route-map" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <rect x="0" y="0" width={width} height={height} rx="10" className="route-ground" />
      {route.map((piece, index) =>
        piece.length > 1 ? <polyline key={index} points={piece.map(toSvg).join(' ')} className="route-line" /> : null,
      )}
      <circle cx={start[0]} cy={start[1]} r="6" className="route-start" />
      <circle cx={end[0]} cy={end[1]} r="6" className="route-end" />
    </svg>
  );
}
