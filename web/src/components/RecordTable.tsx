import type { ReactNode } from "react";

/** A table of records, one row each; `columns` heads it, and a table without them has no header row. */
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
    <table className={className}>
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
  );
}
