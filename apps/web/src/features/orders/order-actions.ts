import type { OrderStatus } from '@strikedesk/domain';

/** Working orders a trader may still change; the engine has the final word. */
const WORKING: ReadonlySet<OrderStatus> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);

export const isWorkingOrder = (status: OrderStatus): boolean => WORKING.has(status);
