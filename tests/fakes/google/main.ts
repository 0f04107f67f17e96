import { parseArgs } from "node:util";
import { startGoogleFake } from "./start-google-fake.ts";

// `npm run fake:google -- --port 4100`: runs the fake on its own (for manual tests and e2e).
const { values } = parseArgs({
  options: { port: { type: "string", default: "4100" }, host: { type: "string", default: "127.0.0.1" } },
});
const fake = await startGoogleFake({ port: Number(values.port), host: values.host });
await fake.control.addCalendar({ id: "user@example.com", summary: "user@example.com" });
console.log(`Google fake listening on ${fake.url} (control API under ${fake.url}/__control)`);
const shutdown = () => void fake.stop().then(() => process.exit(0));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
