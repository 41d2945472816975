import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Names this process among replicas in claims and leases: host, pid, and a random part for restarts. */
export function replicaId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}
