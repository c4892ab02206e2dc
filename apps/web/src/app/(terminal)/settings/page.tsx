import { SettingsPage } from '@/features/settings/settings-page.tsx';

export const metadata = { title: 'Settings · Strikedesk' };

export default function Settings() {
  return <SettingsPage />;
}
