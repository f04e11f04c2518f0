"use client";
import Link from "next/link";
import { StatusBadge } from "./status-badge";
import { RowSelectCheckbox } from "@/components/crm/bulk/bulk-selection";

// The customer list's rows drawn from plain values. Written as server JSX, each row's element
// tree (tags, classes, the badge) went into the page twice, as HTML and again as flight data,
// about 1 KB a row in the flight data alone; as values the flight data holds only the text.

/** One row: the customer's id and name, its status (for the badge's colour), then the shown columns' text, in `columns` order. */
export type CustomerRow = [id: string, name: string, status: string, cells: (string | number)[]];

// Columns whose text must not wrap, and the numeric ones (aligned digits).
const CELL_CLASS: Record<string, string | undefined> = {
  owner: "whitespace-nowrap",
  size: "whitespace-nowrap",
  phone: "whitespace-nowrap tabular-nums",
  contacts: "tabular-nums",
  createdAt: "whitespace-nowrap",
  updatedAt: "whitespace-nowrap",
};

export function CustomerRows({ base, columns, rows, selectable = false }: { base: string; columns: readonly string[]; rows: CustomerRow[]; selectable?: boolean }) {
  return rows.map(([id, name, status, cells]) => (
    <tr key={id}>
      {selectable ? (
        <td className="w-10">
          <RowSelectCheckbox id={id} name={name} />
        </td>
      ) : null}
      <th scope="row" className="min-w-48 px-3 py-2.5 text-left align-top font-medium">
        <Link href={`${base}/${id}`} className="text-brand-700 hover:underline dark:text-brand-300">
          {name}
        </Link>
      </th>
      {columns.map((column, index) => (
        <td key={column} className={CELL_CLASS[column]}>
          {column === "status" ? <StatusBadge status={status} label={String(cells[index])} /> : cells[index]}
        </td>
      ))}
    </tr>
  ));
}
