// Deployment settings read from the environment (documented in .env.example).

/** The public base URL, used in every link we email. */
export function appUrl(): string {
  const url = process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return url.replace(/\/+$/, "");
}

/**
 * Cookies get `Secure` and the `__Host-` prefix, and responses HSTS, whenever the app is served
 * over HTTPS — which every production deployment is. Plain http is only for localhost.
 */
export function isHttpsDeployment(): boolean {
  return appUrl().startsWith("https://");
}
