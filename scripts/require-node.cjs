// Runs before `npm start`, `npm test` and the other scripts that execute TypeScript (npm's
// pre-scripts). Written as plain CommonJS so that any Node can read it: the scripts themselves
// are .ts files that Node runs only from 22.18 on (type stripping), and an older Node would stop
// with a bare ERR_UNKNOWN_FILE_EXTENSION that names neither the cause nor the cure.
"use strict";

const needed = [22, 18];
const [major, minor] = process.versions.node.split(".").map(Number);
const tooOld = major < needed[0] || (major === needed[0] && minor < needed[1]);

if (tooOld) {
  console.error(
    `Concord needs Node.js ${needed.join(".")} or newer and this is ${process.versions.node}: install Node 24 ` +
      "from your package manager or nodejs.org, or without root run " +
      "`npm install --prefix .tools/node node@24` and put .tools/node/node_modules/node/bin first on your PATH.",
  );
  process.exit(1);
}
