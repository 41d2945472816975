import { padEnd, padStart, visibleWidth } from "./ansi.js";

/**
 * Plain text tables for people: a header row, columns padded to their widest cell, two spaces
 * between columns, nothing trailing. Numbers can be right-aligned.
 */

export interface Column<Row> {
  title: string;
  cell: (row: Row) => string;
  align?: "left" | "right";
}

export function textTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  options: { header?: (title: string) => string } = {},
): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, index) =>
    Math.max(visibleWidth(column.title), ...cells.map((row) => visibleWidth(row[index] ?? ""))),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => {
        const width = widths[index] ?? 0;
        return columns[index]?.align === "right" ? padStart(value, width) : padEnd(value, width);
      })
      .join("  ")
      .trimEnd();
  const header = options.header ?? ((title: string) => title);
  return [line(columns.map((column) => header(column.title))), ...cells.map(line)].join("\n");
}
