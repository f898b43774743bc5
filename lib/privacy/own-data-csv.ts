// A parent's data export as one CSV: one line per value, in long form (section, item, field, value), so every
// part of the export (account, children, attempts, help requests) fits one sheet whatever its fields.
import type { CsvCell } from "@/lib/csv-write";

export const OWN_DATA_CSV_HEADER = ["section", "item", "field", "value"];

export function ownDataRows(data: Record<string, unknown>): CsvCell[][] {
  const rows: CsvCell[][] = [];
  const emit = (section: string, item: number | "", value: unknown, path: string) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) emit(section, item, inner, path ? `${path}.${key}` : key);
    } else if (Array.isArray(value)) {
      rows.push([section, item, path, value.map(String).join(" ; ")]);
    } else {
      rows.push([section, item, path, value === null || value === undefined ? "" : String(value)]);
    }
  };
  for (const [section, value] of Object.entries(data)) {
    if (Array.isArray(value)) value.forEach((entry, i) => emit(section, i + 1, entry, ""));
    else if (value !== null && typeof value === "object") emit(section, "", value, "");
    else rows.push([section, "", "", value === null || value === undefined ? "" : String(value)]);
  }
  return rows;
}
