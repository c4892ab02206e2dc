import { OrdersScreen } from '@/features/orders/orders-screen.tsx';

export const metadata = { title: 'Orders · Strikedesk' };

export default function Orders() {
  return <OrdersScreen />;
}
