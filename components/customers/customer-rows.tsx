"use client";
import Link from "next/link";
import { StatusBadge } from "./status-badge";
import { RowSelectCheckbox } from "@/components/crm/bulk/bulk-selection";
import { EditableCell, type CellEditor } from "@/components/crm/inline-edit/editable-cell";
import type { FormState } from "@/lib/forms/form-state";

// The customer list's rows drawn from plain values. Written as server JSX, each row's element
// tree (tags, classes, the badge) went into the page twice, as HTML and again as flight data,
// about 1 KB a row in the flight data alone; as values the flight data holds only the text.

/**
 * One row: the customer's id and name, its status (for the badge's colour), then the shown
 * columns' text, in `columns` order; for a member who may edit it, the version the list read and
 * the stored values of its editable columns, by column ("name" included).
 */
export type CustomerRow = [id: string, name: string, status: string, cells: (string | number)[], edit?: { version: number; values: Record<string, string> }];

/** Editing cells in place: the action, and the editor of each column that may be edited (with its label). */
export type CustomerInlineEditing = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  editors: Partial<Record<string, { field: string; label: string; editor: CellEditor }>>;
};

// Columns whose text must not wrap, and the numeric ones (aligned digits).
const CELL_CLASS: Record<string, string | undefined> = {
  status: "whitespace-nowrap",
  owner: "whitespace-nowrap",
  size: "whitespace-nowrap",
  phone: "whitespace-nowrap tabular-nums",
  contacts: "tabular-nums",
  createdAt: "whitespace-nowrap",
  updatedAt: "whitespace-nowrap",
};

export function CustomerRows({
  base,
  columns,
  rows,
  selectable = false,
  inline,
}: {
  base: string;
  columns: readonly string[];
  rows: CustomerRow[];
  selectable?: boolean;
  inline?: CustomerInlineEditing;
}) {
  return rows.map(([id, name, status, cells, edit]) => {
    const editable = (column: string) => {
      const spec = inline?.editors[column];
      return spec && edit && column in edit.values ? spec : null;
    };
    const nameLink = (
      <Link href={`${base}/${id}`} className="text-brand-700 hover:underline dark:text-brand-300">
        {name}
      </Link>
    );
    const nameEditor = editable("name");
    return (
      <tr key={id}>
        {selectable ? (
          <td className="w-10">
            <RowSelectCheckbox id={id} name={name} />
          </td>
        ) : null}
        <th scope="row" className="min-w-48 px-3 py-2.5 text-left align-top font-medium">
          {nameEditor && inline && edit ? (
            <EditableCell
              action={inline.action}
              id={id}
              version={edit.version}
              field={nameEditor.field}
              value={edit.values.name ?? ""}
              text={name}
              column={nameEditor.label}
              record={name}
              editor={nameEditor.editor}
            >
              {nameLink}
            </EditableCell>
          ) : (
            nameLink
          )}
        </th>
        {columns.map((column, index) => {
          const content = column === "status" ? <StatusBadge status={status} label={String(cells[index])} /> : cells[index];
          const spec = editable(column);
          return (
            <td key={column} className={CELL_CLASS[column]}>
              {spec && inline && edit ? (
                <EditableCell
                  action={inline.action}
                  id={id}
                  version={edit.version}
                  field={spec.field}
                  value={edit.values[column] ?? ""}
                  text={String(cells[index])}
                  column={spec.label}
                  record={name}
                  editor={spec.editor}
                >
                  {content}
                </EditableCell>
              ) : (
                content
              )}
            </td>
          );
        })}
      </tr>
    );
  });
}
