import type { ReactNode } from "react";

/**
 * A table of records, one row each; `columns` heads it, and a table without them has no header row. A table wider
 * than the screen (a phone) scrolls inside its own box instead of the page.
 */
export function RecordTable({
  className,
  columns,
  children,
}: {
  className: string;
  columns?: readonly ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className={`table ${className}`}>
        {columns && (
          <thead>
            <tr>
              {columns.map((column, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a header never reorders, and several cells are blank
                <th key={index}>{column}</th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
