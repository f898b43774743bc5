import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from disk; bundling it breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "argon2"],
  poweredByHeader: false,
  // The help form sends up to 3 screenshots of 5 MB each through its server action (checked again on the server).
  experimental: { serverActions: { bodySizeLimit: "16mb" } },
};

export default withNextIntl(nextConfig);
