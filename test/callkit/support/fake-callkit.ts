import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallRecord } from "../../../src/callkit/schemas.js";

/**
 * A stand-in for the TUICallKit simulator (src/testbed/callkit-sim) with the same shape of options, faults and
 * stats, used until the simulator lands. Checks the query string, pages, and injects faults.
 */
export type FakeFault = { endpoint?: "filter" | "callId"; times?: number } & (
  | { kind: "latency"; ms: number }
  | { kind: "http"; status: number }
  | { kind: "hang" }
  | { kind: "malformed" }
  | { kind: "bad-record" }
  | { kind: "error"; code: number; message?: string }
);

export interface FakeOptions {
  sdkAppId: number;
  adminUser?: string;
  dataset: CallRecord[];
  pagination?: { totalNum?: "total" | "page"; page?: "echo" | "zero-when-done" };
  /** Misbehave like a server that ignores `page` and always answers the first one. */
  ignorePage?: boolean;
}

export interface FakeCallKit {
  url: string;
  faults: { inject(fault: FakeFault): void; clear(): void };
  stats: { requests(endpoint?: "filter" | "callId"): number; usersigs: string[] };
  connections: () => number;
  stop(): Promise<void>;
}

export async function startFakeCallKit(options: FakeOptions): Promise<FakeCallKit> {
  let faults: FakeFault[] = [];
  const counts = { filter: 0, callId: 0 };
  const usersigs: string[] = [];
  let connections = 0;
  const hanging: ServerResponse[] = [];

  const takeFault = (endpoint: "filter" | "callId"): FakeFault[] => {
    const hit = faults.filter((f) => !f.endpoint || f.endpoint === endpoint);
    for (const f of hit) if (f.times !== undefined) f.times--;
    faults = faults.filter((f) => f.times === undefined || f.times > 0);
    return hit;
  };

  const send = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    const endpoint = url.pathname.endsWith("get_record_by_callId") ? "callId" : "filter";
    counts[endpoint]++;
    let raw = "";
    for await (const chunk of req) raw += chunk;
    usersigs.push(url.searchParams.get("usersig") ?? "");
    const requestId = `fake-${counts.filter + counts.callId}`;
    const q = url.searchParams;
    const random = Number(q.get("random"));
    if (
      q.get("sdkappid") !== String(options.sdkAppId) ||
      q.get("contenttype") !== "json" ||
      !(Number.isInteger(random) && random >= 0 && random <= 4294967295) ||
      !q.get("usersig")
    ) {
      return send(res, { errorCode: 70001, errorMessage: "bad query", requestId });
    }
    if (q.get("identifier") !== (options.adminUser ?? "administrator")) {
      return send(res, { errorCode: 70004, errorMessage: "not admin", requestId });
    }
    let breakRecord = false;
    for (const fault of takeFault(endpoint)) {
      if (fault.kind === "bad-record") breakRecord = true;
      if (fault.kind === "latency") await new Promise((r) => setTimeout(r, fault.ms));
      if (fault.kind === "hang") return void hanging.push(res);
      if (fault.kind === "http") {
        res.writeHead(fault.status, { "content-type": "text/html" });
        return void res.end("<html><body>Bad Gateway</body></html>");
      }
      if (fault.kind === "malformed") {
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end("<html>not json");
      }
      if (fault.kind === "error") {
        return send(res, {
          errorCode: fault.code,
          errorMessage: fault.message ?? "fault",
          requestId,
        });
      }
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return send(res, { errorCode: 70009, errorMessage: "bad body", requestId });
    }
    if (endpoint === "callId") {
      const record = options.dataset.find((r) => r.callId === body.callId);
      if (!record) return send(res, { errorCode: 70011, errorMessage: "no record", requestId });
      return send(res, { errorCode: 0, errorMessage: "Success", requestId, data: record });
    }
    const start = Number(body.startTimestamp);
    const end =
      body.endTimestamp === undefined ? Number.POSITIVE_INFINITY : Number(body.endTimestamp);
    const matches = options.dataset.filter(
      (r) =>
        r.startCallTs >= start &&
        r.startCallTs < end &&
        (body.callResult === undefined || r.callResult === body.callResult),
    );
    if (matches.length === 0) {
      return send(res, { errorCode: 70011, errorMessage: "no record", requestId });
    }
    const size = Number(body.numberPerPage ?? 100);
    const page = options.ignorePage ? 1 : Number(body.page ?? 1);
    const list: Record<string, unknown>[] = matches.slice((page - 1) * size, page * size);
    if (breakRecord && list.length > 0) {
      const index = Math.min(3, list.length - 1);
      const { callId: _dropped, ...rest } = list[index] as CallRecord;
      list[index] = rest;
    }
    const more = page * size < matches.length;
    send(res, {
      errorCode: 0,
      errorMessage: "Success",
      requestId,
      data: {
        totalNum: options.pagination?.totalNum === "page" ? list.length : matches.length,
        page: options.pagination?.page === "zero-when-done" && !more ? 0 : page,
        callRecordList: list,
      },
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    faults: {
      inject: (fault) => faults.push({ ...fault }),
      clear: () => {
        faults = [];
      },
    },
    stats: {
      requests: (endpoint) => (endpoint ? counts[endpoint] : counts.filter + counts.callId),
      usersigs,
    },
    connections: () => connections,
    stop: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
