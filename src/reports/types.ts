import type { Block } from './clean.js';

export interface DocMeta {
  title: string;
  publisher?: string;
  author?: string;
  /** The region the report speaks for ("全市" and "我市" in it mean this one), e.g. 瑞安市. */
  region: string;
  /** The region it lies in, e.g. 某市市 for 瑞安市; a card shows 某市市瑞安市 only when asked. */
  parentRegion?: string;
  /** Publication date as far as known: 2023-09-28, 2022-05 or 2022. */
  date?: string;
  /** The span the report looks back on, as written: 2012—2021年. */
  period?: string;
  /** The year the report looks back on (2023 of 2023年统计公报), when its title says. */
  periodYear?: number;
  /** The month it looks back on, for a monthly report (2024年5月疫情概况). */
  periodMonth?: number;
  /** The institution a report speaks for when it is not a region: 某某区人民医院 of a hospital's own report. */
  subject?: string;
  /** Where the metadata came from: a sidecar file, derived from the text, or both. */
  origin: 'file' | 'derived' | 'mixed';
}

export interface ReportDoc {
  /** The file name is the document's id. */
  id: string;
  path: string;
  meta: DocMeta;
  blocks: Block[];
  /** Year the report was written, for "今年" and "截至目前"; undefined when unknown. */
  year?: number;
  /** Pages of a PDF report. */
  pages?: number;
  /** Tables read in it, in any format (a PDF's rebuilt from positions). */
  tables?: number;
}
