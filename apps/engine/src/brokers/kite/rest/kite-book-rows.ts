import { z } from 'zod';

/**
 * Kite's order and trade books are read row by row. One row Kite writes in a shape we do not
 * expect — an order placed from Kite's own apps, a field sent in a new form — must not make the
 * whole book unreadable: that would stall the order follow-up and reconciliation of every other
 * order of the account. Such a row is set aside with what can still be read of it (its order id
 * and tag), so callers can tell when it may be one of our own orders.
 */
export type UnreadableKiteRow = {
  orderId: string | null;
  /** Our client order id on our own orders. */
  tag: string | null;
  problem: string;
  raw: unknown;
};

export type KiteBookRead<T> = { rows: T[]; unreadable: UnreadableKiteRow[] };

/** The book as a whole must still be a list: anything else fails the read (BROKER_BAD_RESPONSE). */
export const KiteBookSchema = z.array(z.unknown());

const textField = (raw: unknown, field: string): string | null => {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

const describeIssues = (error: z.ZodError): string => error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');

/** Each row through `schema` and then `toView`; a row failing either is set aside. */
export function readKiteBook<P, V>(items: readonly unknown[], schema: z.ZodType<P>, toView: (payload: P, raw: unknown) => V): KiteBookRead<V> {
  const read: KiteBookRead<V> = { rows: [], unreadable: [] };
  for (const raw of items) {
    const parsed = schema.safeParse(raw);
    let problem: string;
    if (parsed.success) {
      try {
        read.rows.push(toView(parsed.data, raw));
        continue;
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
    } else problem = describeIssues(parsed.error);
    read.unreadable.push({ orderId: textField(raw, 'order_id'), tag: textField(raw, 'tag'), problem, raw });
  }
  return read;
}
