/**
 * Preloaded (`node -r dist/bench/loopback-only.js`) into the newsgraph process that
 * `npm run bench:peers` starts: a server that listens without naming a host (newsgraph listens on
 * every interface, as a service does) listens on 127.0.0.1 instead, so the benchmark opens no port
 * beyond this machine. Only changes where servers listen; costs nothing per request.
 */
import net from "node:net";

const LOOPBACK = "127.0.0.1";
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]) {
  const [first] = args;
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback])
    if (args[1] === undefined || args[1] === null) args[1] = LOOPBACK;
    else if (typeof args[1] !== "string") args.splice(1, 0, LOOPBACK);
  } else if (first && typeof first === "object" && !("path" in first) && !("fd" in first) && !("_handle" in first) && !("handle" in first)) {
    // listen({ port, host, ... }[, callback])
    if ((first as net.ListenOptions).host === undefined) args[0] = { ...(first as net.ListenOptions), host: LOOPBACK };
  } else if (first === undefined || typeof first === "function") {
    // listen([callback]): a random port
    args.unshift(0, LOOPBACK);
  }
  return (listen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof net.Server.prototype.listen;
