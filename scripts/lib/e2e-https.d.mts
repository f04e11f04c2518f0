export const E2E_HTTPS_HOST: string;
export const E2E_HTTPS_PORT: number;
export const E2E_HTTPS_APP_PORT: number;
export const E2E_HTTPS_URL: string;
export const E2E_TLS_DIR: string;
