import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from disk; bundling it breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "argon2"],
  poweredByHeader: false,
  // CI type-checks the whole project (tests included) with `tsc --noEmit` once the build has written .next/types,
  // and sets NEXT_BUILD_SKIP_TYPECHECK=1 so that the build does not check the same files a second time.
  typescript: { ignoreBuildErrors: process.env.NEXT_BUILD_SKIP_TYPECHECK === "1" },
  // The help form sends up to 3 screenshots of 5 MB each through its server action (checked again on the server).
  experimental: { serverActions: { bodySizeLimit: "16mb" } },
  // On every response, pages, API and static files alike. The Content-Security-Policy (per-request nonce) is set
  // by proxy.ts, HSTS by server.mjs when the public address is https.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
