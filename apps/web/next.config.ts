import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages export TypeScript source (with explicit .ts/.tsx import specifiers).
  transpilePackages: ['@strikedesk/ui', '@strikedesk/domain'],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
