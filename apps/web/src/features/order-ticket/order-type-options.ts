import { ORDER_TYPES, PRODUCTS, type OrderType, type Product } from '@strikedesk/domain';
import type { SegmentOption } from '@strikedesk/ui';
import { ORDER_TYPE_LABELS } from './order-form.ts';

export const orderTypeOptions = (testIdPrefix: string): SegmentOption<OrderType>[] =>
  ORDER_TYPES.map((type) => ({ value: type, label: ORDER_TYPE_LABELS[type], testId: `${testIdPrefix}-type-${type}` }));

export const productOptions = (testIdPrefix: string): SegmentOption<Product>[] =>
  PRODUCTS.map((product) => ({ value: product, label: product, testId: `${testIdPrefix}-product-${product}` }));
