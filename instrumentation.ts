// Next calls `register` once when a server process starts. Without Inngest configured, this
// process runs the background functions itself: start the embedded runner here (Node.js
// runtime only; the edge runtime has no timers worth relying on, no database driver).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` evaluates server code in build workers; no jobs belong there.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // `npm start` checks this before the server starts; this catches `next start` run directly.
  const { inngestDevRefusal } = await import("./lib/jobs/inngest-dev-refusal.ts");
  const refusal = inngestDevRefusal();
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
  const { jobsRunnerKind } = await import("./lib/queue/runner-kind.ts");
  if (jobsRunnerKind() !== "embedded") return;
  const { startProcessJobs } = await import("./lib/jobs/embedded/start-process-jobs.ts");
  try {
    // One runner per database: on PostgreSQL the process holding an advisory lock runs it.
    await startProcessJobs();
  } catch (error) {
    // The web app stays up; pending work is still in the database for the next start.
    console.error("[jobs] the embedded runner did not start:", error instanceof Error ? error.message : error);
  }
}
