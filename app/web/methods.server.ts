// Resource routes answer only the methods they are for. React Router answers any other with a
// bare "Unexpected Server Error"; these say what is wrong, with a key the page can translate.
import { data } from "react-router";

function wrongMethod(allow: string) {
  return data({ ok: false, error: "common:errors.badRequest" }, { status: 405, headers: { Allow: allow, "Cache-Control": "no-store" } });
}

/** The `action` of a route that is only read (a file, a feed, a download). */
export async function onlyRead() {
  return wrongMethod("GET, HEAD");
}

/** The `loader` of a route that is only posted to. */
export async function onlyPosted() {
  return wrongMethod("POST");
}
