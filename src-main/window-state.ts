/** The window's size and position, remembered between runs. Pure: the caller supplies the screens. */
export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 };
export const MIN_SIZE = { width: 880, height: 600 };

/**
 * Returns saved bounds if they are sane and still on a screen (a monitor may have been
 * unplugged since), otherwise undefined so the window opens centred at the default size.
 */
export function restorableBounds(
  saved: unknown,
  workAreas: { x: number; y: number; width: number; height: number }[],
): WindowBounds | undefined {
  if (!saved || typeof saved !== 'object') return undefined;
  const bounds = saved as Partial<WindowBounds>;
  const numbers = [bounds.x, bounds.y, bounds.width, bounds.height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const { x, y, width, height } = bounds as WindowBounds;
  if (width < MIN_SIZE.width || height < MIN_SIZE.height) return undefined;
  const visible = workAreas.some(
    (area) => x + 100 <= area.x + area.width && x + width - 100 >= area.x && y >= area.y - 10 && y + 50 <= area.y + area.height,
  );
  return visible ? { x, y, width, height, maximized: bounds.maximized === true } : undefined;
}
