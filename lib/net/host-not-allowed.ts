/**
 * A URL a person supplied (or a remote server handed back) leads to a private, loopback or
 * otherwise non-public address the operator did not allow. Thrown before any packet is sent
 * there, and the same for a closed and an open port, so the answer reveals nothing about the
 * host's network.
 */
import { AppError } from "../errors/app-error.ts";

export class HostNotAllowed extends AppError {
  /** `host[:port]` as the URL named it. */
  readonly host: string;

  constructor(host: string) {
    super(
      "host_not_allowed",
      `Concord does not connect to ${host}: it is a loopback, private or local network address. ` +
        "If this server is meant to be reachable, the operator of this Concord installation can allow it " +
        "with the CONCORD_ALLOW_PRIVATE_HOSTS setting.",
      { status: 422 },
    );
    this.name = "HostNotAllowed";
    this.host = host;
  }
}
