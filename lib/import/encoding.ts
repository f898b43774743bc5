// Decoding an uploaded file whose encoding nobody states: UTF-8 (with or without BOM) or Windows-1252/Latin-1.

export type DetectedEncoding = "utf-8" | "utf-8-bom" | "windows-1252";

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/**
 * A streaming decoder that decides the encoding at the first non-ASCII byte: if the bytes from there are valid UTF-8
 * the file is UTF-8, otherwise Windows-1252 (a superset of Latin-1 that Excel writes on Windows; the WHATWG
 * decoder maps "latin1" to it anyway). ASCII before that point reads the same in both. Once UTF-8 is chosen,
 * a later invalid byte becomes U+FFFD, which the row validation reports as bad_encoding.
 */
export class ImportDecoder {
  private decoder: TextDecoder | null = null;
  private chosen: DetectedEncoding | null = null;
  private bomChecked = false;
  private pendingBom: Uint8Array = new Uint8Array(0);

  /** The encoding in use; "utf-8" while only ASCII has been seen. */
  get encoding(): DetectedEncoding {
    return this.chosen ?? "utf-8";
  }

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (!this.bomChecked) {
      // The BOM may be split across the first chunks.
      bytes = concat(this.pendingBom, chunk);
      if (bytes.length < UTF8_BOM.length && UTF8_BOM.slice(0, bytes.length).every((b, i) => bytes[i] === b)) {
        this.pendingBom = bytes;
        return "";
      }
      this.bomChecked = true;
      this.pendingBom = new Uint8Array(0);
      if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
        this.choose("utf-8-bom");
        bytes = bytes.subarray(UTF8_BOM.length);
      }
    }
    if (this.decoder) return this.decoder.decode(bytes, { stream: true });

    const at = firstNonAscii(bytes);
    if (at === -1) return asciiText(bytes);
    const probe = new TextDecoder("utf-8", { fatal: true });
    try {
      probe.decode(bytes.subarray(at), { stream: true });
      this.choose("utf-8");
    } catch {
      this.choose("windows-1252");
    }
    return this.decoder!.decode(bytes, { stream: true });
  }

  /**
   * For a caller reading the bytes itself (lib/import/reader.ts), given the same chunks: chooses the encoding as
   * decode would, on the first chunk with a non-ASCII byte, without decoding anything. Call after the first chunk
   * went through decode (the BOM is checked there).
   */
  chooseFrom(chunk: Uint8Array) {
    if (this.chosen !== null || !this.bomChecked) return;
    const at = firstNonAscii(chunk);
    if (at === -1) return;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(chunk.subarray(at), { stream: true });
      this.choose("utf-8");
    } catch {
      this.choose("windows-1252");
    }
  }

  /** Whether the encoding is decided (false while only ASCII has been seen). */
  get decided(): boolean {
    return this.chosen !== null;
  }

  /**
   * Decodes one whole line's bytes (no sequence cut at either end) in the chosen encoding, as decode would have
   * within the stream; ASCII when none is chosen yet.
   */
  decodeLine(bytes: Uint8Array): string {
    if (this.chosen === null) return asciiText(bytes);
    return (this.chosen === "windows-1252" ? lineDecoders.windows1252 : lineDecoders.utf8).decode(bytes);
  }

  /** Forgets bytes held back from the last chunk: the caller read them itself and goes on from a line's start. */
  restart() {
    if (this.chosen !== null) this.choose(this.chosen);
  }

  /** Flushes a trailing incomplete sequence (as U+FFFD) at the end of the file. */
  end(): string {
    if (!this.bomChecked) {
      // A file shorter than a BOM that starts like one: decode what there is.
      const bytes = this.pendingBom;
      this.bomChecked = true;
      this.pendingBom = new Uint8Array(0);
      return this.decode(bytes) + this.end();
    }
    return this.decoder ? this.decoder.decode() : "";
  }

  private choose(encoding: DetectedEncoding) {
    this.chosen = encoding;
    this.decoder = new TextDecoder(encoding === "windows-1252" ? "windows-1252" : "utf-8", { ignoreBOM: true });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const latin1 = new TextDecoder("windows-1252");
const lineDecoders = {
  utf8: new TextDecoder("utf-8", { ignoreBOM: true }),
  windows1252: new TextDecoder("windows-1252", { ignoreBOM: true }),
};

function asciiText(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}

/** Decodes a whole buffer (tests, small files). */
export function decodeImportBytes(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const decoder = new ImportDecoder();
  const text = decoder.decode(bytes) + decoder.end();
  return { text, encoding: decoder.encoding };
}
