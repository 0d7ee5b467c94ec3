/** A report file read into the text the report pipeline cleans, with what the format itself says. */
export interface ReadReport {
  /** One block a line, headings marked "# ", table rows as tab-separated cells. */
  text: string;
  /** What the file says of itself beside its text: a page's <title>, its publication date. */
  hints: { title?: string; date?: string };
  /** Pages of a PDF, when it has pages. */
  pages?: number;
  /** What was read with a caveat (pages without text, a table that could not be rebuilt). */
  warnings: string[];
}

/** A file that cannot be read as a report, with what the admin can do about it. */
export class UnreadableReport extends Error {}
