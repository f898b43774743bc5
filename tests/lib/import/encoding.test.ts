import { describe, expect, it } from "vitest";
import { decodeImportBytes, ImportDecoder } from "@/lib/import/encoding";

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("import file encoding", () => {
  it("decodes a Latin-1 (Windows-1252) export: Côté stays Côté", () => {
    expect(decodeImportBytes(latin1("nom\nCôté;Zoé;Hélène\n"))).toEqual({ text: "nom\nCôté;Zoé;Hélène\n", encoding: "windows-1252" });
  });

  it("decodes UTF-8 with and without a byte order mark, dropping the mark", () => {
    expect(decodeImportBytes(utf8("nom\nCôté\n"))).toEqual({ text: "nom\nCôté\n", encoding: "utf-8" });
    expect(decodeImportBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("nom\nCôté\n")]))).toEqual({
      text: "nom\nCôté\n",
      encoding: "utf-8-bom",
    });
  });

  it("decides at the first accented letter even when it comes after many ASCII chunks", () => {
    const decoder = new ImportDecoder();
    let text = "";
    for (let i = 0; i < 100; i++) text += decoder.decode(utf8("ascii only,"));
    text += decoder.decode(latin1("Bélanger\n"));
    text += decoder.end();
    expect(decoder.encoding).toBe("windows-1252");
    expect(text.endsWith("ascii only,Bélanger\n")).toBe(true);
  });

  it("keeps a multi-byte UTF-8 letter split between two chunks", () => {
    const bytes = utf8("Zoé Côté");
    const decoder = new ImportDecoder();
    let text = "";
    for (const b of bytes) text += decoder.decode(Uint8Array.of(b));
    text += decoder.end();
    expect(text).toBe("Zoé Côté");
    expect(decoder.encoding).toBe("utf-8");
  });

  it("keeps a byte order mark split between chunks, and a file shorter than one", () => {
    const decoder = new ImportDecoder();
    const text = decoder.decode(Uint8Array.of(0xef)) + decoder.decode(Uint8Array.of(0xbb, 0xbf, 0x41)) + decoder.end();
    expect(text).toBe("A");
    expect(decoder.encoding).toBe("utf-8-bom");
    expect(decodeImportBytes(Uint8Array.of(0xef)).text).toHaveLength(1);
  });
});
