import { useState, type ReactNode } from 'react';

/**
 * The numbers behind a chart, for screen readers and for anyone who wants them: a disclosure
 * whose table is only built when opened (ten years of weeks is a long table).
 */
export function NumbersTable({ caption, head, rows }: { caption: string; head: string[]; rows: () => ReactNode[][] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="numbers" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>Show the numbers behind this chart</summary>
      {open ? (
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
              {rows().map((cells, rowIndex) => (
                <tr key={rowIndex}>
                  {cells.map((cell, index) => (
                    <td key={index} className={index > 0 ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
