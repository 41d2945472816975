import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local HTTP server in front of the fake Slack: chat.postMessage answers the scripted failures
 * first (HTTP status, 429 with Retry-After, or a Slack error), then everything is passed through.
 */
export type FrontFault =
  | { kind: "http"; status: number }
  | { kind: "ratelimited"; retryAfterSeconds: number }
  | { kind: "slack"; error: string };

export interface SlackFront {
  apiUrl: string;
  fail(...faults: FrontFault[]): void;
  /** chat.postMessage requests seen, failed ones included. */
  postAttempts(): number;
  stop(): Promise<void>;
}

export async function startSlackFront(targetApiUrl: string): Promise<SlackFront> {
  const queue: FrontFault[] = [];
  let attempts = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = (req.url ?? "").replace(/^\/api\//, "");
    if (method === "chat.postMessage") {
      attempts++;
      const fault = queue.shift();
      if (fault?.kind === "http") {
        res
          .writeHead(fault.status, { "content-type": "text/html" })
          .end("<html>bad gateway</html>");
        return;
      }
      if (fault?.kind === "ratelimited") {
        res
          .writeHead(429, {
            "retry-after": String(fault.retryAfterSeconds),
            "content-type": "application/json",
          })
          .end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      if (fault?.kind === "slack") {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ ok: false, error: fault.error }));
        return;
      }
    }
    const answer = await fetch(`${targetApiUrl}${method}`, {
      method: "POST",
      headers: {
        "content-type": req.headers["content-type"] ?? "application/x-www-form-urlencoded",
        authorization: req.headers.authorization ?? "",
      },
      body,
    });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    fail: (...faults) => queue.push(...faults),
    postAttempts: () => attempts,
    stop: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
