import { OrdersPage } from '@/features/orders/orders-page.tsx';

export const metadata = { title: 'Orders · Strikedesk' };

export default function Orders() {
  return <OrdersPage />;
}
