/**
 * 县区 | … with rows 潞州, 平顺, 武乡: a table of places may name each by its name alone, where the
 * report's text names it in full (平顺县). The row is the place the text names.
 */

// 县区, 县（市、区）, 地区: a first column of places.
const PLACE_COLUMN = /^(?:县|区|市|旗|县区|区县|县市区|县市|市县|旗县区|旗县|地区|地方|辖区|行政区划?|县\s*[(（]\s*市、?区?\s*[)）]|县\s*[(（]\s*区\s*[)）]|县\s*[(（]\s*市\s*[)）])(?:名称|名)?$/;
const BARE_NAME = /^[\u3400-\u9fff]{2,4}$/;
// (潞州, 武乡: a name may end on a character a kind of place ends on, and still be the bare name.)
const HAS_KIND = /[县区市旗]$|街道$/;

/**
 * The rows with each bare place name spelled out as the report's text names it, when it does;
 * never as the report's own area or the one above it (`own`): a row of them is a part.
 */
export function placesSpelledOut(rows: readonly string[][], text: string, own: readonly string[] = []): string[][] {
  const [header, ...body] = rows;
  if (!header || !PLACE_COLUMN.test((header[0] ?? '').replace(/\s+/g, ''))) return rows as string[][];
  // (A header of one kind, 市, says what each row is: 溪林 is 溪林市, never a 溪林县 the text names.)
  const kinds = /^[县区市旗]$/.test((header[0] ?? '').trim()) ? header[0]!.trim() : '县区市旗';
  return [header, ...body.map((r) => [fullName(r[0] ?? '', text, own, kinds), ...r.slice(1)])];
}

// (柳河区域, 溪北市场, 县级: a kind's character that opens another word names no place.)
const WORD_GOES_ON = '(?![域场级划])';

function fullName(cell: string, text: string, own: readonly string[], kinds: string): string {
  const name = cell.trim();
  if (!BARE_NAME.test(name) || HAS_KIND.test(name)) return cell;
  // (The kind said most often after the name: 平顺县 ten times is the county, whatever else 平顺… is.)
  const counts = new Map<string, number>();
  for (const m of text.matchAll(new RegExp(`${name}([${kinds}])${WORD_GOES_ON}`, 'g'))) if (!own.includes(`${name}${m[1]}`)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const kind = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return kind ? `${name}${kind}` : cell;
}
