// The part of fontkit (pdfkit's own font reader) that Samverka uses: reading a font once per
// process, so that every PDF shares the parsed tables (src/platform/documents/fonts.ts).
declare module 'fontkit' {
  /** A parsed font; pdfkit takes it wherever it takes a font file (it has `layout`). */
  export interface Font {
    readonly postscriptName: string;
    layout(text: string): unknown;
    /** The code points the font's cmap maps. */
    readonly characterSet: number[];
    readonly numGlyphs: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number };
    /** The decoded tables, filled as they are first read; fontkit shares it between a font's variations. */
    _tables: Record<string, unknown>;
  }
  export function create(data: Uint8Array, postscriptName?: string): Font;
}

// pdfkit accepts a parsed fontkit font as well as a file (PDFFontFactory.open).
declare namespace PDFKit.Mixins {
  interface PDFFont {
    registerFont(name: string, src: import('fontkit').Font): this;
  }
}
