import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPGlite } from "pglite-prisma-adapter";

/**
 * Prisma's schema engine compiled to WebAssembly, driven through the PGlite driver adapter.
 * The native engine cannot be downloaded on every machine (docs/stack.md), and this one needs no
 * shadow database: it diffs a live database against schema.prisma.
 */
export const schemaPath = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

let wasmLoaded = false;

function loadWasm(): void {
  if (wasmLoaded) return;
  // The package's entry imports the .wasm bundler-style; Node needs it instantiated by hand.
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const module = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(module, {
    "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
  });
  (engineBindings as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  wasmLoaded = true;
}

const noFilters = { externalTables: [], externalEnums: [] } as never;

/**
 * SQL that turns the database behind `pglite` into what schema.prisma describes ("" when they
 * match). Run against a database with every migration applied, it is the drift check and the
 * body of the next migration.
 */
export async function diffDatabaseToSchema(
  pglite: PGlite,
  schemaText = readFileSync(schemaPath, "utf8"),
): Promise<string> {
  loadWasm();
  const files = [{ path: "schema.prisma", content: schemaText }];
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite) as never);
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [["schema.prisma", schemaText]] },
    () => {},
    factory,
  );
  try {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) } as never,
      to: { tag: "schemaDatamodel", files } as never,
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const script = result.stdout ?? "";
    // An empty diff renders as a comment only.
    return script.replace(/^--.*$/gm, "").trim() === "" ? "" : script;
  } finally {
    engine.free();
  }
}
