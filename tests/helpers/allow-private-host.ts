/**
 * Test servers listen on loopback, which the outbound guard refuses unless the operator allows
 * it (CONCORD_ALLOW_PRIVATE_HOSTS). Each helper that starts one allows exactly its own
 * `127.0.0.1:port` in this test process, as an operator running Radicale beside Concord would.
 */
export function allowPrivateHost(hostAndPort: string): void {
  const entries = (process.env.CONCORD_ALLOW_PRIVATE_HOSTS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.includes(hostAndPort)) entries.push(hostAndPort);
  process.env.CONCORD_ALLOW_PRIVATE_HOSTS = entries.join(",");
}
