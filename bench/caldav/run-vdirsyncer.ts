/**
 * vdirsyncer, the peer to beat (docs/design.md "Measured on Radicale 3.1 and Xandikos 0.2": 43 s full, 35 s no-op at 10k on
 * Radicale), synced caldav -> filesystem through the same counting proxy. Returns null when
 * vdirsyncer is not installed. Not exercised on a machine without vdirsyncer.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { CaldavProxy } from "../../tests/helpers/caldav-proxy.ts";

const run = promisify(execFile);

async function which(command: string): Promise<string | null> {
  try {
    return (await run("sh", ["-c", `command -v ${command}`])).stdout.trim() || null;
  } catch {
    return null;
  }
}

export async function runVdirsyncer(params: {
  calendarUrl: string;
  username: string;
  password: string;
  proxy: CaldavProxy;
}): Promise<{
  wallMsMedian: number;
  wallMsMin: number;
  requests: number;
  bytesDown: number;
  bytesUp: number;
  changes: number;
  peakRssMiB: number;
} | null> {
  const vdirsyncer = await which("vdirsyncer");
  if (!vdirsyncer) return null;
  const dir = await mkdtemp(path.join(tmpdir(), "concord-vdirsyncer-"));
  try {
    const config = path.join(dir, "config");
    await writeFile(
      config,
      [
        "[general]",
        `status_path = "${path.join(dir, "status")}"`,
        "[pair bench]",
        'a = "remote"',
        'b = "local"',
        "collections = null",
        'conflict_resolution = "a wins"',
        "[storage remote]",
        'type = "caldav"',
        `url = "${params.calendarUrl}"`,
        `username = "${params.username}"`,
        `password = "${params.password}"`,
        "[storage local]",
        'type = "filesystem"',
        `path = "${path.join(dir, "local")}"`,
        'fileext = ".ics"',
        "",
      ].join("\n"),
    );
    await run("sh", ["-c", `mkdir -p "${path.join(dir, "local")}" && yes | "${vdirsyncer}" -c "${config}" discover`]);
    params.proxy.resetStats();
    const time = await which("/usr/bin/time");
    const started = performance.now();
    const { stderr } = await run(
      time ?? vdirsyncer,
      time ? ["-f", "maxrss=%M", vdirsyncer, "-c", config, "sync"] : ["-c", config, "sync"],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const wallMs = Math.round(performance.now() - started);
    const rssKiB = Number(/maxrss=(\d+)/.exec(stderr)?.[1] ?? NaN);
    const files = (await run("sh", ["-c", `ls "${path.join(dir, "local")}" | wc -l`])).stdout.trim();
    return {
      wallMsMedian: wallMs,
      wallMsMin: wallMs,
      requests: params.proxy.stats.requests,
      bytesDown: params.proxy.stats.bytesReceived,
      bytesUp: params.proxy.stats.bytesSent,
      changes: Number(files),
      peakRssMiB: Math.round((rssKiB / 1024) * 10) / 10,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
