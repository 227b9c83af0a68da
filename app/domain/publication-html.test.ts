import { describe, expect, it } from "vitest";
import { fixHit, parseHtml, sanitizeHtml, scanIdentities, serializeHtml } from "./publication-html";

const people = { displayNames: ["Amani Okoye", "Jo"], usernames: ["lead.care", "zoe"] };

describe("the whitelist", () => {
  it("keeps the text and the allowed structure, drops scripts, attributes and unknown tags", () => {
    expect(sanitizeHtml(`<h1 class="x">Title</h1><p onclick="x()">A <b>bold</b> <a href="javascript:alert(1)">link</a> <a href="https://example.org/a?b=1&amp;c=2">ok</a><script>alert(1)</script><img src=x onerror=y></p>`)).toBe(
      `<h2>Title</h2><p>A <strong>bold</strong> link <a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">ok</a></p>`,
    );
  });
  it("balances what it is given and writes well-formed XHTML", () => {
    const tree = parseHtml("<p>one<ul><li>two<br>three</ul><p>four &amp; <em>five");
    expect(serializeHtml(tree, { xhtml: true })).toBe("<p>one</p><ul><li>two<br/>three</li></ul><p>four &amp; <em>five</em></p>");
  });
});

describe("the identity scan", () => {
  const scan = (html: string) => scanIdentities(parseHtml(html), people, ["praxis.example.org"]).map((hit) => `${hit.kind}:${hit.text}`);
  it("finds names and usernames as whole words, whatever the case", () => {
    expect(scan("<p>amani okoye met Jo, lead.care and zoe; Joanna and zoey are not members.</p>")).toEqual(["name:amani okoye", "name:Jo", "username:lead.care", "username:zoe"]);
  });
  it("finds mentions, email addresses and phone numbers, not dates", () => {
    expect(scan("<p>@kaya wrote to a.b@example.org (tel. +33 6 12 34 56 78) on 2026-12-03, 2024–2025.</p>")).toEqual(["mention:@kaya", "email:a.b@example.org", "phone:+33 6 12 34 56 78"]);
  });
  it("finds links into Praxis, in text and behind words, but not other sites", () => {
    expect(scan(`<p>See https://praxis.example.org/groups/x. and <a href="https://praxis.example.org/library/y">this</a> or <a href="https://example.org">that</a>.</p>`)).toEqual([
      "link:https://praxis.example.org/groups/x",
      "link:https://praxis.example.org/library/y",
    ]);
  });
  it("fixes one hit at a time, leaving the same words elsewhere alone", () => {
    const tree = parseHtml("<p>Jo and <strong>Jo</strong>.</p>");
    const hits = scanIdentities(tree, people, []);
    expect(hits.map((h) => h.key)).toEqual(["name:jo:1", "name:jo:2"]);
    expect(serializeHtml(fixHit(tree, hits[1], "someone")!)).toBe("<p>Jo and <strong>someone</strong>.</p>");
  });
  it("removes a link but keeps its words", () => {
    const tree = parseHtml(`<p><a href="https://praxis.example.org/x">our notes</a></p>`);
    const [hit] = scanIdentities(tree, people, ["praxis.example.org"]);
    expect(serializeHtml(fixHit(tree, hit, "")!)).toBe("<p>our notes</p>");
  });
});
