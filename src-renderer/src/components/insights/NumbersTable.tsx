import { useState, type ReactNode } from 'react';
import type { ChartRow } from './charts';

/**
 * The numbers behind a chart, for screen readers and for anyone who wants them: a disclosure
 * whose table is only built when opened (ten years of weeks is a long table). A row drawn on the
 * chart carries where (`data-x`, `data-y`, `data-axis`), in the chart's own units.
 */
export function NumbersTable({ caption, head, rows, empty }: { caption: string; head: string[]; rows: () => ChartRow[]; empty?: ReactNode }) {
  const [open, setOpen] = useState(false);
  const built = open ? rows() : [];
  return (
    <details className="numbers" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>Show the numbers behind this chart</summary>
      {open ? (
        built.length === 0 && empty ? (
          <p className="muted small">{empty}</p>
        ) : (
          <div className="numbers-scroll" tabIndex={0} role="region" aria-label={caption}>
            <table>
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  {head.map((title, index) => (
                    <th key={title} scope="col" className={index > 0 ? 'num' : undefined}>
                      {title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {built.map((row, rowIndex) => (
                  <tr key={rowIndex} data-x={row.point?.x} data-y={row.point?.y} data-axis={row.point?.axis}>
                    {row.cells.map((cell, index) => (
                      <td key={index} className={index > 0 ? 'num' : undefined}>
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </details>
  );
}
