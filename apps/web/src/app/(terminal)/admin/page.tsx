import { AdminPage } from '@/features/admin/admin-page.tsx';

export const metadata = { title: 'Admin · Strikedesk' };

export default function Admin() {
  return <AdminPage />;
}
