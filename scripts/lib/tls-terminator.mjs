// The TLS endpoint in front of an app server in the browser tests' https run, as a load balancer
// that ends TLS sits in front of the app in production: it decrypts each connection and passes
// the bytes to the app's plain-http port unchanged (headers included, so X-Forwarded-For reaches
// the app as the tests send it).
import { connect } from "node:net";
import { createServer } from "node:tls";

/** Listens on `port` with `key`/`cert` and pipes each connection to localhost:`targetPort`. Resolves to the tls.Server once it listens. */
export function startTlsTerminator({ port, targetPort, key, cert, host = "127.0.0.1" }) {
  const server = createServer({ key, cert }, (secure) => {
    const plain = connect(targetPort, "127.0.0.1");
    secure.pipe(plain).pipe(secure);
    // Either side closing or failing ends both; a reset mid-response is no test's business here.
    const end = () => {
      secure.destroy();
      plain.destroy();
    };
    secure.on("error", end);
    plain.on("error", end);
    secure.on("close", end);
    plain.on("close", end);
  });
  // A client that gives up mid-handshake is not an error of the server's.
  server.on("tlsClientError", () => {});
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
