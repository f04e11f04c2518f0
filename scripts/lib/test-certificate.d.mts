export function makeTestCertificate(dir: string, hostnames: string[]): { keyPath: string; certPath: string; spkiSha256: string };
export function spkiSha256(certificatePem: string | Buffer): string;
