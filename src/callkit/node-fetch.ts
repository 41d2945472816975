import http from "node:http";
import https from "node:https";

/**
 * A fetch for ky built on node:http with keep-alive agents. Node 20's built-in fetch keeps
 * connections alive too, but measured here it costs 3–4× the CPU per request of node:http
 * (bench/scan.bench.ts), which alone kept a scan from reaching the 200/s limit on a busy 2-core
 * machine. Errors follow fetch: a TypeError whose `cause` is the system error (its code only
 * is ever shown), and an AbortError when the request's signal aborts.
 */

const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface FetchHooks {
  /** The request has been handed to the socket in full: it is on its way to the server. */
  onSent?: () => void;
  /** Refuse (ResponseTooLargeError) an answer whose body would be longer than this. */
  maxBodyBytes?: number;
}

/**
 * The answer's body is longer than the caller accepts. Refused as soon as that is known (from
 * content-length, or once that many bytes arrived), so a runaway body is never held whole.
 */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`response body exceeds ${limitBytes} bytes`);
    this.name = "ResponseTooLargeError";
  }
}

export async function nodeHttpFetch(
  input: Request | URL | string,
  init?: RequestInit,
  hooks: FetchHooks = {},
): Promise<Response> {
  const request = input instanceof Request ? input : new Request(input, init);
  const url = new URL(request.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError("fetch failed", { cause: { code: "ERR_UNSUPPORTED_PROTOCOL" } });
  }
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const signal = request.signal;
  if (signal.aborted) throw abortError();
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body) headers["content-length"] = String(body.length);
  const lib = url.protocol === "https:" ? https : http;

  return new Promise<Response>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      outcome();
    };
    const req = lib.request(
      url,
      { method: request.method, headers, agent: agents[url.protocol as "http:" | "https:"] },
      (res) => {
        const limit = hooks.maxBodyBytes ?? Number.POSITIVE_INFINITY;
        const tooLarge = () => {
          req.destroy();
          finish(() => reject(new ResponseTooLargeError(limit)));
        };
        if (Number(res.headers["content-length"] ?? 0) > limit) return tooLarge();
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) tooLarge();
          else chunks.push(chunk);
        });
        res.on("error", (error) =>
          finish(() => reject(new TypeError("fetch failed", { cause: error }))),
        );
        res.on("end", () => {
          const status = res.statusCode ?? 500;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const item of value) responseHeaders.append(name, item);
            else if (value !== undefined) responseHeaders.set(name, value);
          }
          const noBody = status === 204 || status === 304 || request.method === "HEAD";
          finish(() =>
            resolve(
              new Response(noBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? "",
                headers: responseHeaders,
              }),
            ),
          );
        });
      },
    );
    const onAbort = () => {
      req.destroy();
      finish(() => reject(abortError()));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    req.on("error", (error) =>
      finish(() => reject(new TypeError("fetch failed", { cause: error }))),
    );
    if (hooks.onSent) req.once("finish", hooks.onSent);
    req.end(body);
  });
}

function abortError(): DOMException {
  return new DOMException("This operation was aborted", "AbortError");
}
