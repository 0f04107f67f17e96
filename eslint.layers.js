// The layers of lib/ (docs/architecture.md, "Layers"), pinned by no-restricted-imports: a module
// may import its own layer and the ones below it, never one above. From the bottom:
//   foundation  errors, config, db, crypto
//   ical, net   iCalendar parsing, patching, expansion; the outbound guard and bounded requests
//   providers   one adapter per remote service (no database, no engine)
//   plumbing    queue (sending background work), http (route helpers), outbox
//   connections remote accounts: credentials, provider selection, connect flows
//   sync        the engine: pull, push, merge
//   domain      what routes call: events, calendars, conflicts, client-sync, auth, health,
//               the Google connection flow and its push channels
//   jobs        Inngest functions and the embedded runner
// app/ sits on top and may import anything; components/ never touches the server-only layers.
const layers = [
  ["errors", "config", "db", "crypto"],
  ["ical", "net"],
  ["providers"],
  ["queue", "http", "outbox"],
  ["connections"],
  ["sync"],
  ["events", "calendars", "conflicts", "client-sync", "auth", "health", "google-connection", "trash", "live"],
  ["jobs"],
];

/** A relative or `@/lib/` import of one of `folders` (top-level folders of lib/). */
function importOf(folders) {
  return `^((\\.\\./)+|@/lib/)(${folders.join("|")})/`;
}

// lib/ is below app/ and components/ whatever its layer.
const appOrComponents = {
  regex: "^((\\.\\./)+|@/)(app|components)/",
  message: "lib/ never imports app/ or components/: they sit on top of it.",
};

const upperLayers = (index) => layers.slice(index + 1).flat();

function layerRule(folders, index) {
  // The adapters and the iCalendar layer also stay clear of the database and the key store.
  const forbidden = index === 1 || index === 2 ? [...upperLayers(index), "db", "crypto"] : upperLayers(index);
  const patterns = [appOrComponents];
  if (forbidden.length) {
    patterns.push({
      regex: importOf(forbidden),
      message: "Layers point one way (eslint.layers.js): this layer may not import a layer above it.",
    });
  }
  return {
    files: folders.map((folder) => `lib/${folder}/**/*.{ts,tsx}`),
    rules: { "no-restricted-imports": ["error", { patterns }] },
  };
}

export const layerRules = [
  ...layers.map(layerRule),
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)lib/(db|sync|jobs|queue|connections|crypto)/",
              message:
                "Components run in the browser: they reach the server through the API, never its database or engine.",
            },
          ],
        },
      ],
    },
  },
];
