import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isWebhookPath } from "./callkit-webhook.js";

/**
 * The health endpoint's own listener in Socket Mode (HTTP mode serves it beside the events path).
 * Bolt's Socket Mode listener has no error handler, so a taken port crashed the process with a
 * bare EADDRINUSE; here it is a start-up error that names the port and what to do.
 */

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `PORT ${port} is already in use, so the health endpoint cannot listen there. ` +
        "Set PORT to a free port, or stop whatever holds it.",
    );
    this.name = "PortInUseError";
  }
}

export type HealthHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves GET on each path given (`/healthz`, `/metrics`), and everything under `/callkit/events`
 * to `webhook` when given (the vendor's call events reach a Socket Mode app here); 404 elsewhere.
 */
export async function listenHealth(
  routes: Record<string, HealthHandler>,
  options: { port: number; host?: string; webhook?: HealthHandler },
): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (options.webhook && isWebhookPath(url.pathname)) return options.webhook(req, res);
    const handler = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (handler && req.method === "GET") return handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new PortInUseError(options.port) : error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
