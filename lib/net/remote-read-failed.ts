/**
 * A remote server was too slow or sent too much: which server (host and port only, never a
 * path, query or credentials) and which bound it crossed. Callers turn it into their own
 * typed errors (the CalDAV adapter: RemoteUnavailable).
 */
export type RemoteReadFailure = "connect_timeout" | "idle_timeout" | "deadline" | "too_large" | "bad_encoding";

const describe: Record<RemoteReadFailure, (limit: number) => string> = {
  connect_timeout: (ms) => `did not accept a connection within ${Math.round(ms / 1000)} s`,
  idle_timeout: (ms) => `stopped answering for ${Math.round(ms / 1000)} s`,
  deadline: (ms) => `did not finish its answer within ${Math.round(ms / 1000)} s`,
  too_large: (bytes) => `sent an answer larger than ${Math.round(bytes / 1024 / 1024)} MiB`,
  bad_encoding: () => "sent a compressed answer that could not be decoded",
};

export class RemoteReadFailed extends Error {
  readonly host: string;
  readonly reason: RemoteReadFailure;

  constructor(params: { host: string; reason: RemoteReadFailure; limit: number }) {
    super(`${params.host} ${describe[params.reason](params.limit)}`);
    this.name = "RemoteReadFailed";
    this.host = params.host;
    this.reason = params.reason;
  }

  /** A timeout: further requests to this host in the same operation would most likely hang too. */
  get isTimeout(): boolean {
    return this.reason === "connect_timeout" || this.reason === "idle_timeout" || this.reason === "deadline";
  }
}
