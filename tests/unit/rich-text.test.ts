import { describe, expect, it } from "vitest";
import { renderRichText } from "~/domain/rich-text";

function html(source: string, names: string[] = []) {
  const result = renderRichText(source, { resolveMention: (name) => names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? null });
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe("rich text", () => {
  it("renders the Markdown subset", () => {
    expect(html("one\ntwo\n\n**b** and *i* and _j_").html).toBe("<p>one<br>two</p><p><strong>b</strong> and <em>i</em> and <em>j</em></p>");
    expect(html("- a\n- b\n\n1. x\n2. y").html).toBe("<ul><li>a</li><li>b</li></ul><ol><li>x</li><li>y</li></ol>");
    expect(html("> quoted\n> more").html).toBe("<blockquote><p>quoted<br>more</p></blockquote>");
    expect(html("[site](https://example.org/?a=1&b=2)").html).toBe('<p><a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer nofollow">site</a></p>');
  });

  it("never lets markup through", () => {
    const out = html('<img src="https://tracker.example/x.gif"> <a href="x" onclick="y">z</a> **<b>x</b>**').html;
    expect(out).not.toMatch(/<img|<a href="x"|<b>/);
    expect(out).toContain("&lt;img src=&quot;");
    // The address becomes at most a plain link (nothing is loaded), never an image.
    expect(out).toContain('<a href="https://tracker.example/x.gif" rel="noopener noreferrer nofollow">');
    expect(html('[x](https://a.example/" onmouseover="alert(1))').html).not.toContain('" onmouseover');
  });

  it("refuses dangerous links, control characters, empty and overlong bodies", () => {
    expect(renderRichText("[x](javascript:alert(1))")).toEqual({ ok: false, error: "discussions:errors.badLink" });
    expect(renderRichText("[x](data:text/html,hi)")).toEqual({ ok: false, error: "discussions:errors.badLink" });
    expect(renderRichText("a\u0000b")).toEqual({ ok: false, error: "discussions:errors.bodyMalformed" });
    expect(renderRichText(" \n ")).toEqual({ ok: false, error: "discussions:errors.bodyRequired" });
    expect(renderRichText("x".repeat(20_001))).toEqual({ ok: false, error: "discussions:errors.bodyTooLong" });
  });

  it("resolves mentions by pseudonym, including names with spaces in brackets", () => {
    const result = html("Hi @kaya, @[Amani (coordinator)] and @nobody.", ["Kaya", "Amani (coordinator)"]);
    expect(result.html).toBe('<p>Hi <span class="mention">@Kaya</span>, <span class="mention">@Amani (coordinator)</span> and @nobody.</p>');
    expect(result.mentions).toEqual(["Kaya", "Amani (coordinator)"]);
    expect(html("mail me at someone@example.org").mentions).toEqual([]);
  });
});
