/** The few facts about an attachment the thread writes next to it, formatted without any of its own words. */

/** A size in the viewer's locale: "812 byte", "12 kB", "3.4 MB" (Intl's own unit names, e.g. "12 кБ"). */
export function formatFileSize(bytes: number, tag: string): string {
  const [value, unit] =
    bytes < 1000
      ? [bytes, "byte"]
      : bytes < 1_000_000
        ? [bytes / 1000, "kilobyte"]
        : [bytes / 1_000_000, "megabyte"];
  return new Intl.NumberFormat(tag, {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: value < 10 && unit !== "byte" ? 1 : 0,
  }).format(value);
}

/**
 * A short type for a file chip: the name's extension ("DOCX"), else a short MIME subtype ("PDF"); null when
 * neither says anything readable. Only letters and digits get through: it is the customer's text.
 */
export function fileTypeLabel(name: string | null, mimeType: string | null): string | null {
  const extension = name?.match(/\.([A-Za-z0-9]{1,5})$/)?.[1];
  if (extension) return extension.toUpperCase();
  const subtype = mimeType?.split(";")[0]?.split("/")[1]?.trim();
  return subtype && /^[a-z0-9]{1,5}$/i.test(subtype) ? subtype.toUpperCase() : null;
}

/** The box a thumbnail is drawn in, scaled down to fit `max` × `max`, when the platform said the picture's size. */
export function thumbnailBox(
  width: number | null,
  height: number | null,
  max: number,
): { width: number; height: number } | null {
  if (!width || !height || width <= 0 || height <= 0) return null;
  const scale = Math.min(1, max / width, max / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
