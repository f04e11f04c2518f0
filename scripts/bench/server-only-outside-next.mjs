// Registered by scripts/bench/run.mjs --outside-react-server: code that translates with next-intl
// (CSV import error reports, emails) can't load under Node's react-server condition, whose React
// lacks the client hooks next-intl imports (Next's bundler tolerates that; Node's ESM linker
// doesn't). Without the condition, `server-only` would throw on import, so it resolves here to
// the empty module it is inside Next's server build.
import { register } from "node:module";

const empty = new URL("../../node_modules/server-only/empty.js", import.meta.url).href;
register("data:text/javascript," + encodeURIComponent(`
  export async function resolve(specifier, context, next) {
    if (specifier === "server-only") return { url: ${JSON.stringify(empty)}, shortCircuit: true };
    return next(specifier, context);
  }`));
