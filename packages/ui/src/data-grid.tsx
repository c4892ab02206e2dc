import { useState, type ReactNode } from 'react';
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import styles from './data-grid.module.css';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Numbers are right-aligned so digits line up. */
    align?: 'left' | 'right' | 'center';
  }
}

export type { ColumnDef, SortingState } from '@tanstack/react-table';

type DataGridProps<Row> = {
  data: Row[];
  columns: ColumnDef<Row>[];
  /** Stable identity per row: live updates then re-render cells in place instead of remounting rows. */
  getRowId: (row: Row) => string;
  ariaLabel: string;
  rowTestId?: (row: Row) => string;
  onRowClick?: (row: Row) => void;
  selectedRowId?: string | null;
  initialSorting?: SortingState;
  emptyMessage?: ReactNode;
  testId?: string;
};

const alignClass = (align: 'left' | 'right' | 'center' | undefined): string =>
  (align === 'right' ? styles.right : align === 'center' ? styles.center : '') ?? '';

/** The terminal's table: sortable headers, right-aligned numbers, optional footer totals. */
export function DataGrid<Row>({
  data,
  columns,
  getRowId,
  ariaLabel,
  rowTestId,
  onRowClick,
  selectedRowId,
  initialSorting = [],
  emptyMessage = 'Nothing here yet.',
  testId,
}: DataGridProps<Row>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useReactTable<Row>({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const hasFooter = table.getFooterGroups().some((group) => group.headers.some((header) => header.column.columnDef.footer));
  const rows = table.getRowModel().rows;

  return (
    <div className={styles.wrapper} data-testid={testId}>
      <table className={styles.table} aria-label={ariaLabel}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={alignClass(header.column.columnDef.meta?.align)}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.isPlaceholder ? null : header.column.getCanSort() ? (
                      <button type="button" className={styles.sortButton} onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        <span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td className={styles.empty} colSpan={table.getVisibleLeafColumns().length}>
                {emptyMessage}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr
                key={row.id}
                data-testid={rowTestId?.(row.original)}
                className={[
                  styles.row,
                  onRowClick ? styles.clickable : '',
                  selectedRowId === row.id ? styles.selected : '',
                ].join(' ')}
                data-selected={selectedRowId === row.id ? 'true' : undefined}
                onClick={onRowClick ? () => onRowClick(row.original) : undefined}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={alignClass(cell.column.columnDef.meta?.align)}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        {hasFooter && rows.length > 0 ? (
          <tfoot>
            {table.getFooterGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <td key={header.id} className={alignClass(header.column.columnDef.meta?.align)}>
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.footer, header.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
