// Once per test run: make sure the production build is current, so every server started by
// the tests runs the code under test.
import { fileURLToPath } from "node:url";
import { ensureBuild } from "../../server/build";

export default function setup() {
  ensureBuild(fileURLToPath(new URL("../..", import.meta.url)));
}
