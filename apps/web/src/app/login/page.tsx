import { LoginForm } from '@/features/login/login-form.tsx';

export const metadata = { title: 'Log in · Strikedesk' };

export default function LoginPage() {
  return <LoginForm />;
}
