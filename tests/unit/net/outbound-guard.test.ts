/**
 * The outbound guard's decisions, with a stub resolver and a watch on every socket connect:
 * private, link-local and other non-public addresses in every spelling are refused before a
 * single packet leaves, unless CONCORD_ALLOW_PRIVATE_HOSTS names them.
 */
import net from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkOutboundUrl, type ResolveHost } from "../../../lib/net/check-outbound-url.ts";
import { guardedRequest } from "../../../lib/net/guarded-request.ts";
import { HostNotAllowed } from "../../../lib/net/host-not-allowed.ts";
import { isPrivateAddress } from "../../../lib/net/is-private-address.ts";

const privateAddresses = [
  "127.0.0.1",
  "127.255.255.254",
  "0.0.0.0",
  "10.0.0.1",
  "172.16.0.1",
  "172.31.255.255",
  "192.168.1.10",
  "169.254.169.254",
  "100.64.0.1",
  "100.127.255.255",
  "192.0.0.8",
  "198.18.0.1",
  "224.0.0.251",
  "239.255.255.250",
  "240.0.0.1",
  "255.255.255.255",
  "::",
  "::1",
  "fc00::1",
  "fd12:3456::1",
  "fe80::1",
  "fec0::1",
  "ff02::1",
  "::ffff:127.0.0.1",
  "::ffff:10.0.0.1",
  "::ffff:169.254.169.254",
  "::ffff:7f00:1",
  "::127.0.0.1",
  "64:ff9b::a9fe:a9fe",
  "2002:c0a8:0101::1",
  "2001:db8::1",
];

const publicAddresses = [
  "8.8.8.8",
  "1.1.1.1",
  "172.32.0.1",
  "100.128.0.1",
  "192.169.0.1",
  "17.253.144.10",
  "2606:4700:4700::1111",
  "2a00:1450:4001:82b::200e",
  "::ffff:8.8.8.8",
  "64:ff9b::808:808",
];

describe("isPrivateAddress", () => {
  it.each(privateAddresses)("%s is not public", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });
  it.each(publicAddresses)("%s is public", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
  it("treats something that is not an address as unsafe", () => {
    expect(isPrivateAddress("example.com")).toBe(true);
  });
});

const stub =
  (answers: Record<string, string[]>): ResolveHost =>
  async (hostname) =>
    (answers[hostname] ?? []).map((address) => ({ address, family: net.isIP(address) === 6 ? 6 : 4 }));

describe("checkOutboundUrl", () => {
  const resolve = stub({
    "intranet.example": ["10.1.2.3"],
    "metadata.example": ["169.254.169.254"],
    "rebind.example": ["93.184.215.14", "127.0.0.1"],
    "v6local.example": ["fd00::5"],
    "public.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "radicale.lan": ["192.168.1.10"],
    "evil.radicale.lan": ["192.168.1.66"],
  });
  const refuses = (url: string, allowPrivateHosts = "") =>
    expect(checkOutboundUrl({ url: new URL(url), resolve, allowPrivateHosts })).rejects.toBeInstanceOf(HostNotAllowed);

  it.each([
    "http://127.0.0.1:5432/",
    "http://2130706433:6379/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0/",
    "http://[::1]:8080/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://10.0.0.1/",
    "https://192.168.0.1/",
    "http://100.100.100.200/",
    "http://[fd00::1]/",
  ])("refuses %s", async (url) => {
    await refuses(url);
  });

  it.each(["intranet.example", "metadata.example", "rebind.example", "v6local.example"])(
    "refuses a name that resolves to a non-public address (%s)",
    async (name) => {
      await refuses(`https://${name}/dav/`);
    },
  );

  it("passes a public host and returns the addresses to connect to", async () => {
    const addresses = await checkOutboundUrl({
      url: new URL("https://public.example/"),
      resolve,
      allowPrivateHosts: "",
    });
    expect(addresses.map((a) => a.address)).toEqual(["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]);
  });

  it("says what the operator can do", async () => {
    const error = await checkOutboundUrl({ url: new URL("http://127.0.0.1:5232/"), allowPrivateHosts: "" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "host_not_allowed", status: 422 });
    expect((error as Error).message).toContain("127.0.0.1:5232");
    expect((error as Error).message).toContain("CONCORD_ALLOW_PRIVATE_HOSTS");
  });

  it("allows exactly what CONCORD_ALLOW_PRIVATE_HOSTS names: address, address:port, range, name, [v6]:port", async () => {
    const allows = (url: string, list: string) =>
      expect(checkOutboundUrl({ url: new URL(url), resolve, allowPrivateHosts: list })).resolves.toBeDefined();
    await allows("http://127.0.0.1:5232/", "127.0.0.1:5232");
    await refuses("http://127.0.0.1:5432/", "127.0.0.1:5232");
    await allows("http://127.0.0.1:5432/", "127.0.0.1");
    await allows("http://radicale.lan/", "192.168.0.0/16");
    await allows("http://radicale.lan:5232/", "radicale.lan:5232");
    await refuses("http://radicale.lan:22/", "radicale.lan:5232");
    await allows("http://[::1]:5232/", "[::1]:5232");
    await allows("http://[fd00::5]/", "fd00::/8");
    await allows("https://intranet.example/", "INTRANET.example:443");
    await allows("http://[::ffff:127.0.0.1]:5232/", "127.0.0.1:5232");
    // Names are exact: a listed name does not open its subdomains or its address for others.
    await refuses("http://evil.radicale.lan/", "radicale.lan");
    await refuses("http://10.1.2.3/", "intranet.example");
    // An entry that cannot be read opens nothing.
    await refuses("http://127.0.0.1/", "127.0.0.1:notaport,300.1.1.1/8,[::1");
  });

  it("refuses other schemes", async () => {
    await expect(checkOutboundUrl({ url: new URL("file:///etc/passwd") })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });
});

describe("guardedRequest refuses before any packet is sent", () => {
  let connects: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    connects = vi.spyOn(net.Socket.prototype, "connect");
  });
  afterEach(() => {
    connects.mockRestore();
  });

  it.each([
    ["http://intranet.example/", "a name resolving to 10.1.2.3"],
    ["http://metadata.example/latest/meta-data/", "a name resolving to the metadata address"],
    ["http://169.254.169.254/latest/meta-data/", "the metadata address"],
    ["http://192.168.1.1/", "a home router"],
    ["http://[fd00::1]/", "a unique-local IPv6 address"],
    ["http://[::ffff:10.0.0.1]/", "an IPv4-mapped private address"],
  ])("%s (%s)", async (url) => {
    const resolve = stub({ "intranet.example": ["10.1.2.3"], "metadata.example": ["169.254.169.254"] });
    await expect(guardedRequest({ url, resolve })).rejects.toBeInstanceOf(HostNotAllowed);
    expect(connects).not.toHaveBeenCalled();
  });
});
