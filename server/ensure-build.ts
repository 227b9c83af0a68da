// The first half of `npm start`: build when needed, then exit, so the server itself (the
// compiled build/server/start.js) runs without a TypeScript loader.
import { projectRoot } from "../app/infra/project-root.server";
import { ensureBuild } from "./build";

ensureBuild(projectRoot());
